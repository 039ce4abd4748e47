// SPDX-License-Identifier: GPL-2.0
/* Kernel workload zap: zap_special_vma_range / zap_vma_ptes of a user VMA's PTEs, BATCH per call.
 */
#include "kernel_common.h"
#include "lazybench.h"

LB_KERNEL_WORKLOAD(zap, LAZYBENCH_WL_ZAP,
		   "zap_special_vma_range / zap_vma_ptes of a user VMA's PTEs, BATCH per call", 1,
		   "zap", NULL, NULL);
