/* SPDX-License-Identifier: GPL-2.0 */
/* `lazybench run` options and their expansion into cases (comma lists sweep). */
#ifndef LB_RUN_OPTS_H
#define LB_RUN_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "event_spec.h"
#include "results.h"
#include "topo.h"
#include "workload.h"

#define LB_LIST_MAX 64
/* Replicates (separately started processes) when --runs is not given: docs/compare.md has the
 * measurement behind it. */
#define LB_RUNS_DEFAULT 5

struct lb_run_opts {
	const struct lb_workload *workloads[LB_LIST_MAX];
	size_t n_workloads;
	unsigned long pages[LB_LIST_MAX];
	size_t n_pages;
	enum lb_mode modes[LB_LIST_MAX];
	size_t n_modes;
	long batches[LB_LIST_MAX];
	size_t n_batches;
	/* --batch given and some selected workloads have no batch: they run without it and
	 * record batch null (cmd_run says so once on stderr). */
	bool batch_partly_unused;
	enum lb_placement remotes[LB_LIST_MAX];
	size_t n_remotes;
	unsigned reps, warmup;
	/* Passes over the cases; each case's reps split into this many chunks (1: one block). */
	unsigned rounds;
	/* --runs: separately started processes, merged as replicates (run_replicates.c). */
	unsigned runs;
	int cpu;
	struct lb_event_spec events[LB_LIST_MAX];
	size_t n_events;
	const char *label; /* NULL: <UTC yyyymmdd-hhmmss>-<workloads> */
	const char *results_dir;
	bool quiet;
	bool quiet_notes; /* replicates 2..K: notes and warnings were said by replicate 1 */
	unsigned long seed;
	unsigned resamples;
	/* --delay-ns: the module's busy-wait inside every section of a kernel case (0: none).
	 * Items "N" (every case) and "CASE-ID=N" (that case; wins over N). */
	unsigned delay_all;
	size_t n_delays;
	char delay_ids[LB_LIST_MAX][192];
	unsigned delay_ns[LB_LIST_MAX]; /* per entry of delay_ids */
	bool delay_given;
};

/* 0: run; 1: --help was printed; -1: usage error, one line in err naming the flag/value.
 * --batch when no selected workload has a batch (all syscall workloads) is a usage error. */
int lb_run_parse(int argc, char **argv, struct lb_run_opts *o, char *err, size_t len);
void lb_run_usage(FILE *f);
/* The selected workloads without a batch, comma-separated ("mprotect,fork"), into out. */
void lb_run_batchless(const struct lb_run_opts *o, char *out, size_t len);
/* Cases in definition order: workload x variant x mode x pages x batch x remote. Returns the
 * count; *cases is calloc'd (free with free()). */
size_t lb_run_expand(const struct lb_run_opts *o, struct lb_case_result **cases);
/* The --delay-ns of case id (0: none). */
unsigned lb_run_delay_of(const struct lb_run_opts *o, const char *id);
/* Measured repetitions of round `round` (0-based) of a case: reps split into o->rounds nearly
 * equal chunks, the first reps % rounds chunks one larger. */
unsigned lb_run_chunk(const struct lb_run_opts *o, unsigned round);

#endif
