// SPDX-License-Identifier: GPL-2.0
/*
 * Every kernel workload, one lb_workload_<name> per line of kmod/uapi/lazybench_workloads.def
 * (the module's own table): nothing here to edit when a workload is added. Each case is one
 * RUN of lazybench.ko (see kernel_common.h); its metrics are the module's, then "empty", the
 * empty sections of one pass in the same mode (the timing overhead to read beside them).
 */
#include <stddef.h>

#include "kernel_common.h"
#include "lazybench.h"

/* Variant names by the .def's variant mask without bit 0 (LAZYBENCH_VARIANT_NONE). */
_Static_assert(LAZYBENCH_VARIANT_PREALLOC == 1 && LAZYBENCH_VARIANT_KASAN == 2 &&
		   LAZYBENCH_VARIANT_COUNT == 3,
	       "kernel_variants[] lists the variants by bit");
static const char *const kernel_variants[4][3] = {
    {NULL}, {"prealloc", NULL}, {"kasan", NULL}, {"prealloc", "kasan", NULL}};

/* Metric i of a workload with nm module metrics: the module's, then "empty". */
#define KERNEL_METRIC(i, nm, name) ((i) < (nm) ? (name) : (i) == (nm) ? "empty" : NULL)

#define LAZYBENCH_WL(ID, wname, vma, vars, nm, m0, m1, m2, desc)                                   \
	static int wname##_available(const struct lb_case_params *p, char *reason, size_t len)     \
	{                                                                                          \
		return lb_kernel_available(LAZYBENCH_WL_##ID, p, reason, len);                     \
	}                                                                                          \
	static int wname##_setup(struct lb_ctx *ctx)                                               \
	{                                                                                          \
		return lb_kernel_setup(LAZYBENCH_WL_##ID, ctx);                                    \
	}                                                                                          \
	static const char *wname##_effect(const struct lb_case_params *p, unsigned m)              \
	{                                                                                          \
		return lb_kernel_effect(LAZYBENCH_WL_##ID, p, m);                                  \
	}                                                                                          \
	const struct lb_workload lb_workload_##wname = {                                           \
	    .name = #wname,                                                                        \
	    .kind = LB_KIND_KERNEL,                                                                \
	    .description = desc,                                                                   \
	    .n_metrics = (nm) + 1,                                                                 \
	    .metrics = {KERNEL_METRIC(0, nm, #m0), KERNEL_METRIC(1, nm, #m1),                      \
			KERNEL_METRIC(2, nm, #m2), KERNEL_METRIC(3, nm, "")},                      \
	    .variants = (vars) >> 1 ? kernel_variants[(vars) >> 1] : NULL,                         \
	    .has_batch = true,                                                                     \
	    .available = wname##_available,                                                        \
	    .effect = wname##_effect,                                                              \
	    .setup = wname##_setup,                                                                \
	    .rep = lb_kernel_rep,                                                                  \
	    .teardown = lb_kernel_teardown,                                                        \
	};
#include "lazybench_workloads.def"
#undef LAZYBENCH_WL
