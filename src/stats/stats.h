/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-case statistics on raw samples (GSL underneath): median, mean, stddev, min, max, MAD,
 * a seeded percentile-bootstrap CI of the median, and Iglewicz and Hoaglin's outlier rule.
 */
#ifndef LB_STATS_H
#define LB_STATS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Iglewicz and Hoaglin's modified z-score: |0.6745 (x - median) / MAD| > 3.5 is an outlier, i.e.
 * more than 3.5 robust sigma (1.4826 MAD) from the median. Not hyperfine's rule: hyperfine uses
 * the same score with a threshold of 10 robust sigma (|x - median| / MAD > 14.826). Outliers
 * are flagged and counted, never removed.
 */
#define LB_OUTLIER_Z 3.5

struct lb_summary {
	size_t n;
	double median, mean, stddev, min, max;
	double mad; /* median absolute deviation, unscaled */
	double ci_low, ci_high, ci_level;
	size_t n_outliers;
};

/* Median of x[0..n-1] (x is not modified); NAN when n == 0. */
double lb_stats_median(const double *x, size_t n);
/* Unscaled median absolute deviation; NAN when n == 0. */
double lb_stats_mad(const double *x, size_t n);
/* Flags modified z-score outliers into outlier[0..n-1]; returns how many. When MAD is 0 the
 * score is undefined and nothing is flagged. */
size_t lb_stats_outliers(const double *x, size_t n, bool *outlier);
/* Percentile bootstrap CI of the median: `resamples` resamples drawn with GSL's mt19937
 * seeded with `seed`. 0 on success, -1 when n == 0 or an argument is out of range. */
int lb_stats_bootstrap_median_ci(const double *x, size_t n, unsigned resamples, double level,
				 unsigned long seed, double *low, double *high);
/* Everything above in one go; outlier may be NULL. 0 on success, -1 when n == 0. */
int lb_stats_summarize(const double *x, size_t n, unsigned resamples, double level,
		       unsigned long seed, struct lb_summary *out, bool *outlier);

#endif
