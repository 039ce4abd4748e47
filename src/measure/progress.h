/* SPDX-License-Identifier: GPL-2.0 */
/* Progress line on stderr while running (case i/n, repetition, ETA), only on a terminal. */
#ifndef LB_PROGRESS_H
#define LB_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct lb_progress {
	bool on;
	size_t total_units, done_units; /* repetitions, warmup included */
	uint64_t t_start, t_last;
	size_t case_no, n_cases;
	const char *case_id;
};

void lb_progress_init(struct lb_progress *p, bool quiet, size_t n_cases, size_t total_units);
void lb_progress_case(struct lb_progress *p, size_t case_no, const char *case_id);
/* One repetition done (warmup or measured); rep counts from 1 over warmup + reps. */
void lb_progress_rep(struct lb_progress *p, unsigned rep, unsigned reps);
/* Units of a case that will not run (refused, failed, interrupted). */
void lb_progress_skip(struct lb_progress *p, size_t units);
void lb_progress_done(struct lb_progress *p);

#endif
