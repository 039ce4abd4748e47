// SPDX-License-Identifier: GPL-2.0
/* See progress.h. Redrawn at most ten times a second so that it costs nothing measurable. */
#include <stdio.h>
#include <unistd.h>

#include "progress.h"
#include "workload.h"

void lb_progress_init(struct lb_progress *p, bool quiet, size_t n_cases, size_t total_units)
{
	p->on = !quiet && isatty(STDERR_FILENO);
	p->total_units = total_units;
	p->done_units = 0;
	p->n_cases = n_cases;
	p->case_no = 0;
	p->round = p->rounds = 1;
	p->case_id = "";
	p->t_start = p->t_last = lb_now_ns();
}

void lb_progress_case(struct lb_progress *p, unsigned round, unsigned rounds, size_t case_no,
		      const char *case_id)
{
	p->round = round;
	p->rounds = rounds;
	p->case_no = case_no;
	p->case_id = case_id;
}

static void draw(struct lb_progress *p, unsigned done, unsigned warmup, unsigned reps)
{
	uint64_t now = lb_now_ns();
	double elapsed = (double)(now - p->t_start) / 1e9, eta;
	char where[48], what[48];
	/* Always drawn when the visit starts, leaves its warmup and ends. */
	bool edge = done == 1 || done == warmup + 1 || done == warmup + reps;

	if (now - p->t_last < 100000000ull && !edge)
		return;
	p->t_last = now;
	eta = p->done_units
		  ? elapsed / (double)p->done_units * (double)(p->total_units - p->done_units)
		  : 0;
	if (p->rounds > 1)
		snprintf(where, sizeof(where), "round %u/%u, case %zu/%zu", p->round, p->rounds,
			 p->case_no, p->n_cases);
	else
		snprintf(where, sizeof(where), "case %zu/%zu", p->case_no, p->n_cases);
	if (done <= warmup)
		snprintf(what, sizeof(what), "warmup %u/%u", done, warmup);
	else
		snprintf(what, sizeof(what), "rep %u/%u", done - warmup, reps);
	fprintf(stderr, "\r\033[K[%s] %s %s  elapsed %.0fs  ETA %dm%02ds", where, p->case_id, what,
		elapsed, (int)eta / 60, (int)eta % 60);
}

void lb_progress_rep(struct lb_progress *p, unsigned done, unsigned warmup, unsigned reps)
{
	p->done_units++;
	if (p->on)
		draw(p, done, warmup, reps);
}

void lb_progress_skip(struct lb_progress *p, size_t units)
{
	p->done_units += units;
}

void lb_progress_done(struct lb_progress *p)
{
	if (p->on)
		fprintf(stderr, "\r\033[K");
}
