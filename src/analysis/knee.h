/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tune's rule (issue 11): the smallest batch whose upper confidence bound of
 * cost(batch) / cost(best batch) is at most 1 + tol (tol 0.05). The best batch is the one with
 * the lowest point estimate; its own ratio is 1 by definition, so a pick always exists.
 *
 * Comparing point medians with a noisy minimum (the old rule) picks a batch that is really
 * more than 5% worse whenever noise makes it look cheap; bounding the ratio from above makes
 * an error go towards a larger (safe) batch instead.
 *
 * How the bound is made depends on the design:
 * - 3 or more blocks (replicates of `run --runs`, or rounds of `run --rounds`) in every batch:
 *   block i of a batch ran in the same process and pass as block i of the best batch, so the
 *   ratio is paired by block (lb_rep_compare_paired, t on log block medians), and the bound
 *   covers process-to-process and pass-to-pass noise;
 * - otherwise: percentile bootstrap of the ratio of medians over repetitions (one process, one
 *   block per case: drift between the cases' blocks is not covered, and the result says so).
 */
#ifndef LB_ANALYSIS_KNEE_H
#define LB_ANALYSIS_KNEE_H

#include <stddef.h>

#include "replicates.h"

struct lb_knee_point {
	long batch;
	struct lb_rep_side cost; /* per-PTE cost, in blocks */
};

enum lb_knee_method {
	LB_KNEE_PAIRED_BLOCKS, /* t on block medians, paired with the best batch's blocks */
	LB_KNEE_BOOTSTRAP,     /* percentile bootstrap over repetitions (single block) */
};

struct lb_knee {
	size_t pick, best;
	enum lb_knee_method method;
	size_t blocks; /* blocks per batch used (paired) */
};

/*
 * Fill ratio[i] (point estimate of cost_i / cost_best) and ub[i] (its upper (1 - alpha)
 * two-sided bound; 1 for the best itself, NAN when it cannot be made) for every point, and the
 * pick. 0, or -1 when n == 0 or a point has no sample.
 */
int lb_knee_ci(const struct lb_knee_point *pts, size_t n, double tol, double alpha,
	       unsigned resamples, unsigned long seed, double *ratio, double *ub,
	       struct lb_knee *out);

#endif
