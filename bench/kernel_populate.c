// SPDX-License-Identifier: GPL-2.0
/* Kernel workload populate: apply_to_page_range installing PTEs of a user VMA, BATCH per call;
 * variants prealloc and kasan (KASAN shadow style). */
#include "kernel_common.h"
#include "lazybench.h"

static const char *const populate_variants[] = {"prealloc", "kasan", NULL};

LB_KERNEL_WORKLOAD(populate, LAZYBENCH_WL_POPULATE,
		   "apply_to_page_range installing PTEs of a user VMA, BATCH per call; variants "
		   "prealloc and kasan (KASAN shadow style)",
		   1, "populate", NULL, populate_variants);
