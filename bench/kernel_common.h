/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every kernel workload (bench/kernel_<name>.c) shares: each is one RUN ioctl of
 * lazybench.ko per repetition, timed inside the module (ktime_get_ns around the operation
 * only), with the counters around the ioctl.
 */
#ifndef LB_KERNEL_COMMON_H
#define LB_KERNEL_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "workload.h"

int lb_kernel_available(uint32_t workload, const struct lb_case_params *p, char *reason,
			size_t len);
int lb_kernel_setup(uint32_t workload, struct lb_ctx *ctx);
int lb_kernel_rep(struct lb_ctx *ctx, uint64_t ns[LB_MAX_METRICS]);
void lb_kernel_teardown(struct lb_ctx *ctx);

/* Defines lb_workload_<name> for module workload ID (enum lazybench_workload). */
#define LB_KERNEL_WORKLOAD(wname, ID, desc, nmetrics, m0, m1, vars)                                \
	static int wname##_available(const struct lb_case_params *p, char *reason, size_t len)     \
	{                                                                                          \
		return lb_kernel_available(ID, p, reason, len);                                    \
	}                                                                                          \
	static int wname##_setup(struct lb_ctx *ctx)                                               \
	{                                                                                          \
		return lb_kernel_setup(ID, ctx);                                                   \
	}                                                                                          \
	const struct lb_workload lb_workload_##wname = {                                           \
	    .name = #wname,                                                                        \
	    .kind = LB_KIND_KERNEL,                                                                \
	    .description = desc,                                                                   \
	    .n_metrics = nmetrics,                                                                 \
	    .metrics = {m0, m1},                                                                   \
	    .variants = vars,                                                                      \
	    .has_batch = true,                                                                     \
	    .available = wname##_available,                                                        \
	    .setup = wname##_setup,                                                                \
	    .rep = lb_kernel_rep,                                                                  \
	    .teardown = lb_kernel_teardown,                                                        \
	}

#endif
