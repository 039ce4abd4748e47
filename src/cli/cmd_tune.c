// SPDX-License-Identifier: GPL-2.0
/* lazybench tune RUN: per sweep, the smallest batch whose upper 95% bound of cost / best cost
 * is at most 1.05 (analysis/knee.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "format.h"
#include "knee.h"
#include "tune.h"

void lb_tune_print(FILE *f, const struct lb_rrun *run, const struct lb_tune_row *rows, long n,
		   unsigned long seed)
{
	char rel[128], arch[64], virt[64], b1[32], b2[32];

	fprintf(f,
		"tune %s (kernel %s, %s, virtualisation %s): smallest batch whose upper 95%% bound "
		"of cost / best cost is <= %.2f\n",
		run->label, lb_run_env_or_unknown(run, LB_ENV_KERNEL_RELEASE, rel, sizeof(rel)),
		lb_run_env_or_unknown(run, LB_ENV_ARCH, arch, sizeof(arch)),
		lb_run_env_or_unknown(run, LB_ENV_VIRT, virt, sizeof(virt)), 1 + LB_TUNE_TOLERANCE);
	fprintf(f, "%-12s %-8s %-7s %6s %-8s %-10s %7s %10s %-21s %10s %10s %9s %-9s\n", "workload",
		"variant", "mode", "pages", "remote", "metric", "batches", "batch",
		"ns/PTE (95% CI)", "best batch", "best ns/PTE", "ratio UB", "bound by");
	for (long i = 0; i < n; i++) {
		const struct lb_tune_row *r = &rows[i];
		char ci[64], c[32], lo[32], hi[32], by[32];

		snprintf(ci, sizeof(ci), "%s [%s, %s]", lb_fmt_num(c, sizeof(c), r->cost),
			 lb_fmt_num(lo, sizeof(lo), r->cost_low),
			 lb_fmt_num(hi, sizeof(hi), r->cost_high));
		if (r->method == LB_KNEE_PAIRED_BLOCKS)
			snprintf(by, sizeof(by), "%zu blocks", r->blocks);
		else
			snprintf(by, sizeof(by), "bootstrap");
		fprintf(f, "%-12s %-8s %-7s %6ld %-8s %-10s %7zu %10s %-21s %10s %10s %9.3f %-9s\n",
			r->chosen->workload, lb_case_variant(r->chosen), r->chosen->mode,
			r->chosen->pages, r->chosen->remote, r->metric, r->n_batches,
			lb_fmt_batch(b1, sizeof(b1), r->chosen->batch), ci,
			lb_fmt_batch(b2, sizeof(b2), r->best->batch),
			lb_fmt_num(c, sizeof(c), r->best_cost), r->ratio_high, by);
	}
	fprintf(f,
		"(ratio UB: upper 95%% bound of cost / best cost; blocks: replicates, or rounds of "
		"one process, paired\n across batches (t on log block medians); bootstrap: one "
		"block, repetitions resampled (%u, seed %lu),\n which does not cover drift between "
		"the cases' blocks: use --rounds or --runs. ns/PTE CI: bootstrap of the median)\n",
		2000u, seed);
}

int cmd_tune(int argc, char **argv)
{
	const char *results_dir = "results";
	unsigned long seed = 1;
	const struct lb_opt opts[] = {
	    {.name = "results-dir",
	     .kind = LB_OPT_STR,
	     .dest = &results_dir,
	     .arg = "DIR",
	     .help = "where run ids are looked up (default ./results)"},
	    {.name = "seed",
	     .kind = LB_OPT_ULONG,
	     .dest = &seed,
	     .arg = "N",
	     .help = "bootstrap seed for the CI (default 1)"},
	    {0},
	};
	const struct lb_cmd cmd = {
	    .name = "tune",
	    .synopsis = "[OPTIONS] RUN",
	    .about =
		"For each workload, mode, pages, placement and metric swept over --batch, print "
		"the smallest batch\nwhose upper 95% confidence bound of cost / best cost is at "
		"most 1.05 (blocks: the run's\nreplicates, or its rounds, paired across batches; "
		"a single block: bootstrap over repetitions).",
	    .opts = opts,
	    .min_args = 1,
	    .max_args = 1,
	    .args_error = "needs exactly one RUN",
	};
	struct lb_tune_row *rows;
	struct lb_rrun run;
	char err[1024];
	long n;
	int first, rc;

	if ((rc = lb_opt_parse(&cmd, argc, argv, &first)) != LB_OPT_GO)
		return rc;
	if (lb_run_load(argv[first], results_dir, &run, err, sizeof(err))) {
		fprintf(stderr, "lazybench tune: %s\n", err);
		return LB_EXIT_FAIL;
	}
	n = lb_tune_run(&run, 2000, 0.95, seed, &rows);
	if (n < 0) {
		fprintf(stderr, "lazybench tune: out of memory\n");
		lb_run_free(&run);
		return LB_EXIT_FAIL;
	}
	if (n == 0) {
		fprintf(stderr,
			"lazybench tune: run %s has no batch sweep (no workload measured at two or "
			"more --batch sizes)\n",
			run.label);
		lb_run_free(&run);
		return LB_EXIT_FAIL;
	}
	lb_tune_print(stdout, &run, rows, n, seed);
	free(rows);
	lb_run_free(&run);
	return 0;
}
