// SPDX-License-Identifier: GPL-2.0
/* Kernel workload vmap: vmap + vunmap of pre-allocated pages, BATCH per call (kernel). */
#include "kernel_common.h"
#include "lazybench.h"

LB_KERNEL_WORKLOAD(vmap, LAZYBENCH_WL_VMAP,
		   "vmap + vunmap of pre-allocated pages, BATCH per call (kernel)", 2, "map",
		   "unmap", NULL);
