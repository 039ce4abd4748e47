/* SPDX-License-Identifier: GPL-2.0 */
/* Run one case end to end: refusal checks, pinning of the remote thread, counters, setup,
 * warmup and measured repetitions, teardown; fills the case's results. */
#ifndef LB_RUN_CASE_H
#define LB_RUN_CASE_H

#include <signal.h>

#include <hwloc.h>

#include "progress.h"
#include "results.h"
#include "run_opts.h"

/* Returns 0 (ran, possibly stopped early by *stop, or refused) or -1 when the case failed
 * (c->failed with the reason). */
int lb_run_case(const struct lb_run_opts *o, hwloc_topology_t t, struct lb_case_result *c,
		struct lb_progress *prog, volatile sig_atomic_t *stop);
/* Release what lb_run_case allocated in c. */
void lb_case_result_free(struct lb_case_result *c);

#endif
