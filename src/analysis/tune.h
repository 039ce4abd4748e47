/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Batch-size tuning: for each workload, variant, mode, pages, placement and metric swept over
 * batch sizes, the smallest batch whose upper 95% confidence bound of cost / best cost is at
 * most 1 + tolerance (5%), by knee.h's rule.
 */
#ifndef LB_COMPARE_TUNE_H
#define LB_COMPARE_TUNE_H

#include <stddef.h>

#include "results_read.h"

#define LB_TUNE_TOLERANCE 0.05

/*
 * The old point rule, kept for comparison in tests: index of the smallest batch whose cost is
 * <= (1 + tol) * the lowest cost; *best gets the index of the lowest cost. -1 when n == 0.
 */
long lb_tune_knee(const long *batch, const double *cost, size_t n, double tol, size_t *best);

struct lb_tune_row {
	const struct lb_rcase *chosen, *best; /* cases of the chosen and the best batch */
	const char *metric;
	size_t n_batches;
	double cost, cost_low, cost_high; /* chosen: median per PTE and its CI */
	double best_cost;
	double ratio_high; /* upper 95% bound of cost(chosen) / cost(best): at most 1.05 */
	int method;	   /* enum lb_knee_method */
	size_t blocks;	   /* units per batch the bound used (paired blocks) */
};

/*
 * All tune rows of a run: the pick by the CI rule, and the seeded bootstrap CI of the chosen
 * batch's median per PTE (src/stats) for display.
 * Returns the number of rows (*rows malloc'd), or -1 on allocation failure.
 */
long lb_tune_run(const struct lb_rrun *run, unsigned resamples, double level, unsigned long seed,
		 struct lb_tune_row **rows);

#endif
