// SPDX-License-Identifier: GPL-2.0
/* Per-case statistics; see stats.h. Quantiles, moments and the RNG are GSL's. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "stats.h"

static double *copy_of(const double *x, size_t n)
{
	double *c = malloc(n * sizeof(*c));

	if (c)
		memcpy(c, x, n * sizeof(*c));
	return c;
}

double lb_stats_median(const double *x, size_t n)
{
	double *c, m;

	if (n == 0 || !(c = copy_of(x, n)))
		return NAN;
	gsl_sort(c, 1, n);
	m = gsl_stats_median_from_sorted_data(c, 1, n);
	free(c);
	return m;
}

double lb_stats_mad(const double *x, size_t n)
{
	double *work, m;

	if (n == 0 || !(work = malloc(n * sizeof(*work))))
		return NAN;
	m = gsl_stats_mad0(x, 1, n, work);
	free(work);
	return m;
}

size_t lb_stats_outliers(const double *x, size_t n, bool *outlier)
{
	double med = lb_stats_median(x, n), mad = lb_stats_mad(x, n);
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		/* MAD 0 (more than half the samples identical): the score is undefined. */
		bool o = mad > 0 && fabs(0.6745 * (x[i] - med) / mad) > LB_OUTLIER_Z;

		if (outlier)
			outlier[i] = o;
		k += o;
	}
	return k;
}

int lb_stats_bootstrap_median_ci(const double *x, size_t n, unsigned resamples, double level,
				 unsigned long seed, double *low, double *high)
{
	double *medians, *draw;
	gsl_rng *rng;

	if (n == 0 || resamples < 2 || !(level > 0 && level < 1))
		return -1;
	medians = malloc(resamples * sizeof(*medians));
	draw = malloc(n * sizeof(*draw));
	rng = gsl_rng_alloc(gsl_rng_mt19937);
	if (!medians || !draw || !rng) {
		free(medians);
		free(draw);
		if (rng)
			gsl_rng_free(rng);
		return -1;
	}
	gsl_rng_set(rng, seed);
	for (unsigned b = 0; b < resamples; b++) {
		for (size_t i = 0; i < n; i++)
			draw[i] = x[gsl_rng_uniform_int(rng, n)];
		gsl_sort(draw, 1, n);
		medians[b] = gsl_stats_median_from_sorted_data(draw, 1, n);
	}
	gsl_sort(medians, 1, resamples);
	*low = gsl_stats_quantile_from_sorted_data(medians, 1, resamples, (1 - level) / 2);
	*high = gsl_stats_quantile_from_sorted_data(medians, 1, resamples, 1 - (1 - level) / 2);
	gsl_rng_free(rng);
	free(draw);
	free(medians);
	return 0;
}

int lb_stats_summarize(const double *x, size_t n, unsigned resamples, double level,
		       unsigned long seed, struct lb_summary *out, bool *outlier)
{
	if (n == 0)
		return -1;
	memset(out, 0, sizeof(*out));
	out->n = n;
	out->median = lb_stats_median(x, n);
	out->mean = gsl_stats_mean(x, 1, n);
	/* GSL's sample stddev (n - 1) is NAN-free only from 2 samples on. */
	out->stddev = n > 1 ? gsl_stats_sd_m(x, 1, n, out->mean) : 0;
	gsl_stats_minmax(&out->min, &out->max, x, 1, n);
	out->mad = lb_stats_mad(x, n);
	out->ci_level = level;
	if (lb_stats_bootstrap_median_ci(x, n, resamples, level, seed, &out->ci_low, &out->ci_high))
		return -1;
	out->n_outliers = lb_stats_outliers(x, n, outlier);
	return 0;
}
