/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every kernel workload (bench/kernel_workloads.c) shares. A case's repetitions and
 * warmup run inside one RUN of lazybench.ko, issued at the first repetition, timed inside the
 * module (ktime_get_ns around each section); the later repetitions hand out its samples. The
 * counters bracket a setup-only BASELINE RUN and then the RUN: each repetition gets
 * (RUN - BASELINE) / (reps + warmup), i.e. its timed sections plus its untimed
 * per-repetition work (empty pass, touch, fill, flush), not setup and teardown.
 */
#ifndef LB_KERNEL_COMMON_H
#define LB_KERNEL_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "workload.h"

int lb_kernel_available(uint32_t workload, const struct lb_case_params *p, char *reason,
			size_t len);
int lb_kernel_setup(uint32_t workload, struct lb_ctx *ctx);
const char *lb_kernel_effect(uint32_t workload, const struct lb_case_params *p, unsigned m);
int lb_kernel_rep(struct lb_ctx *ctx, uint64_t ns[LB_MAX_METRICS]);
void lb_kernel_teardown(struct lb_ctx *ctx);

#endif
