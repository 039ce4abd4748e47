// SPDX-License-Identifier: GPL-2.0
/* Kernel workload vm_map_ram: vm_map_ram + vm_unmap_ram of pre-allocated pages, BATCH per call
 * (kernel). */
#include "kernel_common.h"
#include "lazybench.h"

LB_KERNEL_WORKLOAD(vm_map_ram, LAZYBENCH_WL_VM_MAP_RAM,
		   "vm_map_ram + vm_unmap_ram of pre-allocated pages, BATCH per call (kernel)", 2,
		   "map", "unmap", NULL);
