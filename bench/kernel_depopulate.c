// SPDX-License-Identifier: GPL-2.0
/* Kernel workload depopulate: KASAN-style depopulate (pause, read, clear, resume per PTE) of a user
 * VMA. */
#include "kernel_common.h"
#include "lazybench.h"

LB_KERNEL_WORKLOAD(depopulate, LAZYBENCH_WL_DEPOPULATE,
		   "KASAN-style depopulate (pause, read, clear, resume per PTE) of a user VMA", 1,
		   "depopulate", NULL, NULL);
