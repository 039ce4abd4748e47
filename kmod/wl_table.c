// SPDX-License-Identifier: GPL-2.0
/* The table of workloads, indexed by enum lazybench_workload. */
#include "lb.h"

static const struct lb_workload *const lb_workloads[LAZYBENCH_WL_COUNT] = {
	[LAZYBENCH_WL_VMALLOC] = &lb_wl_vmalloc,
	[LAZYBENCH_WL_VMAP] = &lb_wl_vmap,
	[LAZYBENCH_WL_VM_MAP_RAM] = &lb_wl_vm_map_ram,
	[LAZYBENCH_WL_POPULATE] = &lb_wl_populate,
	[LAZYBENCH_WL_DEPOPULATE] = &lb_wl_depopulate,
	[LAZYBENCH_WL_ZAP] = &lb_wl_zap,
	[LAZYBENCH_WL_KASAN] = &lb_wl_kasan,
};

/* NULL for an id out of range: the caller refuses it with -EINVAL. */
const struct lb_workload *lb_workload_get(u32 id)
{
	if (id >= LAZYBENCH_WL_COUNT)
		return NULL;
	return lb_workloads[id];
}
