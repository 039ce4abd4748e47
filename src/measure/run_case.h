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

/* One visit of a case (round `round`, 1-based): the refusal checks, setup, remote thread,
 * counters, o->warmup warmup and `chunk` measured repetitions, teardown. Samples and per-repetition
 * counter values are appended to what earlier visits left in c (samples allocated for o->reps
 * at the first visit; counters matched by index, one whose availability differs between visits
 * made unavailable with that reason). A case refused or failed earlier is skipped. No summaries:
 * lb_run_case_finish after the last visit. Returns 0 (ran, possibly stopped early by *stop,
 * refused, skipped) or -1 when the visit failed (c->failed with the reason). */
int lb_run_case_visit(const struct lb_run_opts *o, hwloc_topology_t t, struct lb_case_result *c,
		      unsigned round, unsigned chunk, struct lb_progress *prog,
		      volatile sig_atomic_t *stop);
/* After the last visit: c->complete and the metric summaries over every sample. */
void lb_run_case_finish(const struct lb_run_opts *o, struct lb_case_result *c);
/* The whole case in one visit (o->reps measured repetitions), then lb_run_case_finish.
 * Returns as lb_run_case_visit. */
int lb_run_case(const struct lb_run_opts *o, hwloc_topology_t t, struct lb_case_result *c,
		struct lb_progress *prog, volatile sig_atomic_t *stop);
/* Append a later visit's exported counters (add[0..n_add), `got` values each) to the case's,
 * whose available ones hold `before` values: matched by index (same event, name, scope and
 * filter, else the counter becomes unavailable: the sets differ). A counter available at one
 * visit and not at another becomes unavailable with a reason naming round `round`; never a
 * mix. Frees add. */
void lb_case_merge_counters(struct lb_case_result *c, struct lb_counter_result *add, size_t n_add,
			    size_t before, size_t got, unsigned round);
/* Release what lb_run_case allocated in c. */
void lb_case_result_free(struct lb_case_result *c);

#endif
