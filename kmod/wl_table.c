// SPDX-License-Identifier: GPL-2.0
/*
 * The table of workloads, indexed by enum lazybench_workload: each line of
 * uapi/lazybench_workloads.def joined with its wl_<name>.c.
 */
#include "lb.h"

#define LAZYBENCH_WL(ID, wname, vma, vars, nm, m0, m1, m2, ...)	\
	[LAZYBENCH_WL_##ID] = {						\
		.name = #wname,						\
		.id = LAZYBENCH_WL_##ID,				\
		.variants = vars,					\
		.nr_metrics = nm,					\
		.needs_vma = vma,					\
		.metrics = { #m0, #m1, #m2 },				\
		.ops = &lb_wl_##ID,					\
	},
static const struct lb_kwl lb_workloads[LAZYBENCH_WL_COUNT] = {
#include "uapi/lazybench_workloads.def"
};

#undef LAZYBENCH_WL

/* NULL for an id out of range: the caller refuses it with -EINVAL. */
const struct lb_kwl *lb_workload_get(u32 id)
{
	if (id >= LAZYBENCH_WL_COUNT)
		return NULL;
	return &lb_workloads[id];
}
