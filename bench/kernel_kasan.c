// SPDX-License-Identifier: GPL-2.0
/* Kernel workload kasan: vmalloc + vfree on a CONFIG_KASAN_VMALLOC kernel (real shadow
 * populate/depopulate). */
#include "kernel_common.h"
#include "lazybench.h"

LB_KERNEL_WORKLOAD(
    kasan, LAZYBENCH_WL_KASAN,
    "vmalloc + vfree on a CONFIG_KASAN_VMALLOC kernel (real shadow populate/depopulate)", 2, "map",
    "unmap", NULL);
