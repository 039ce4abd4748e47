/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A/B statistics for compare and validate: Mann-Whitney U, a bootstrap confidence interval of
 * the ratio of medians, and Holm's step-down correction. Distributions, RNG, sorting and
 * quantiles come from GSL.
 */
#ifndef LB_COMPARE_ABSTATS_H
#define LB_COMPARE_ABSTATS_H

#include <stdbool.h>
#include <stddef.h>

/* Exact p-values are used below this group size when there are no ties (as R does). */
#define LB_MWU_EXACT_MAX_N 50

struct lb_mwu {
	double u;   /* U of the first sample: pairs (a_i > b_j) + half the ties */
	double p;   /* two-sided p-value */
	bool exact; /* exact null distribution (no ties, both n < LB_MWU_EXACT_MAX_N) */
	bool ties;  /* ties present across the pooled sample */
	double z;   /* normal score (continuity and tie corrected); 0 when exact */
};

/* Two-sided Mann-Whitney U test of a against b. Returns -1 when a group is empty. */
int lb_mwu_test(const double *a, size_t na, const double *b, size_t nb, struct lb_mwu *out);

/* P(U <= u) under H0 for group sizes n1, n2 without ties (exact, by counting). */
double lb_mwu_exact_cdf(unsigned n1, unsigned n2, double u);

struct lb_ratio_ci {
	double ratio; /* median(b) / median(a) */
	double low, high;
	double level;
	unsigned long seed;
	unsigned resamples;
};

/*
 * Percentile bootstrap CI of median(b)/median(a): each group resampled with replacement
 * (gsl_ran_sample, MT19937 seeded with seed). Returns -1 when a group is empty or a median is 0.
 */
int lb_bootstrap_median_ratio(const double *a, size_t na, const double *b, size_t nb,
			      unsigned resamples, double level, unsigned long seed,
			      struct lb_ratio_ci *out);

/* Holm-adjusted p-values (monotone, capped at 1), same order as p. */
void lb_holm(const double *p, size_t m, double *adjusted);

/* Coefficient of variation (sample stddev / mean); NAN when n < 2 or mean is 0. */
double lb_ab_cv(const double *x, size_t n);

#endif
