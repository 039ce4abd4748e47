/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Progress line on stderr while running, only on a terminal: the round (with --rounds), the
 * case within the round, warmup repetitions apart from the measured ones, elapsed time, ETA.
 */
#ifndef LB_PROGRESS_H
#define LB_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct lb_progress {
	bool on;
	size_t total_units, done_units; /* repetitions, warmup included */
	uint64_t t_start, t_last;
	size_t case_no, n_cases; /* within the round */
	unsigned round, rounds;
	const char *case_id;
};

void lb_progress_init(struct lb_progress *p, bool quiet, size_t n_cases, size_t total_units);
/* Case case_no (from 1) of n_cases in round `round` (from 1) of `rounds`. */
void lb_progress_case(struct lb_progress *p, unsigned round, unsigned rounds, size_t case_no,
		      const char *case_id);
/*
 * One repetition of the visit done: done counts from 1 over warmup + reps; the line shows
 * "warmup i/W" for the first warmup ones, then "rep i/reps" (the user's repetitions of this
 * visit only).
 */
void lb_progress_rep(struct lb_progress *p, unsigned done, unsigned warmup, unsigned reps);
/* Units of a case that will not run (refused, failed, interrupted). */
void lb_progress_skip(struct lb_progress *p, size_t units);
void lb_progress_done(struct lb_progress *p);

#endif
