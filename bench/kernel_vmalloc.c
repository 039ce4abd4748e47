// SPDX-License-Identifier: GPL-2.0
/* Kernel workload vmalloc: vmalloc + vfree of BATCH pages, PAGES/BATCH times (kernel, test_vmalloc
 * style). */
#include "kernel_common.h"
#include "lazybench.h"

LB_KERNEL_WORKLOAD(vmalloc, LAZYBENCH_WL_VMALLOC,
		   "vmalloc + vfree of BATCH pages, PAGES/BATCH times (kernel, test_vmalloc style)",
		   2, "map", "unmap", NULL);
