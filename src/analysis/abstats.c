// SPDX-License-Identifier: GPL-2.0
/* Mann-Whitney U, bootstrap CI of a ratio of medians, Holm correction. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "abstats.h"
#include "stats.h"

double lb_ab_cv(const double *x, size_t n)
{
	double mean;

	if (n < 2)
		return NAN;
	mean = gsl_stats_mean(x, 1, n);
	if (mean == 0)
		return NAN;
	return gsl_stats_sd_m(x, 1, n, mean) / fabs(mean);
}

/*
 * Number of arrangements giving each U is the coefficient of q^U in the Gaussian binomial
 * [n1+n2 choose n1]_q = prod_{i=1..n1} (1 - q^(n2+i)) / (1 - q^i). Multiplying and dividing
 * one factor at a time keeps every intermediate a Gaussian binomial (non-negative counts).
 */
static double *mwu_counts(unsigned n1, unsigned n2)
{
	size_t max = (size_t)n1 * n2, k;
	double *c = calloc(max + 1, sizeof(*c));

	if (!c)
		return NULL;
	c[0] = 1;
	for (unsigned i = 1; i <= n1; i++) {
		size_t up = (size_t)n2 + i;

		for (k = max; k >= up; k--)
			c[k] -= c[k - up];
		for (k = i; k <= max; k++)
			c[k] += c[k - i];
	}
	return c;
}

double lb_mwu_exact_cdf(unsigned n1, unsigned n2, double u)
{
	size_t max = (size_t)n1 * n2;
	double *c, below = 0, total = 0;

	if (u < 0)
		return 0;
	c = mwu_counts(n1, n2);
	if (!c)
		return NAN;
	for (size_t k = 0; k <= max; k++) {
		total += c[k];
		if ((double)k <= u + 1e-9)
			below += c[k];
	}
	free(c);
	return below / total;
}

struct ranked {
	double v;
	int group;
};

static int cmp_ranked(const void *x, const void *y)
{
	const struct ranked *a = x, *b = y;

	return (a->v > b->v) - (a->v < b->v);
}

int lb_mwu_test(const double *a, size_t na, const double *b, size_t nb, struct lb_mwu *out)
{
	size_t n = na + nb, i, j;
	struct ranked *r;
	double rank_sum_a = 0, tie_term = 0;

	memset(out, 0, sizeof(*out));
	if (!na || !nb)
		return -1;
	r = malloc(n * sizeof(*r));
	if (!r)
		return -1;
	for (i = 0; i < na; i++)
		r[i] = (struct ranked){a[i], 0};
	for (i = 0; i < nb; i++)
		r[na + i] = (struct ranked){b[i], 1};
	qsort(r, n, sizeof(*r), cmp_ranked);
	/* Mid-ranks for ties; collect sum(t^3 - t) for the variance correction. */
	for (i = 0; i < n; i = j) {
		double mid, t;

		for (j = i + 1; j < n && r[j].v == r[i].v; j++)
			;
		t = (double)(j - i);
		mid = (double)(i + 1 + j) / 2.0;
		if (t > 1) {
			out->ties = true;
			tie_term += t * t * t - t;
		}
		for (size_t k = i; k < j; k++)
			if (r[k].group == 0)
				rank_sum_a += mid;
	}
	free(r);
	out->u = rank_sum_a - (double)na * (double)(na + 1) / 2.0;

	if (!out->ties && na < LB_MWU_EXACT_MAX_N && nb < LB_MWU_EXACT_MAX_N) {
		double p;

		out->exact = true;
		/* Two-sided: double the smaller tail (as R's wilcox.test). */
		if (out->u > (double)na * nb / 2.0)
			p = 1.0 - lb_mwu_exact_cdf((unsigned)na, (unsigned)nb, out->u - 1);
		else
			p = lb_mwu_exact_cdf((unsigned)na, (unsigned)nb, out->u);
		out->p = fmin(1.0, 2.0 * p);
		return 0;
	}

	{
		double nn = (double)n, d = out->u - (double)na * nb / 2.0;
		double var = (double)na * nb / 12.0 * ((nn + 1) - tie_term / (nn * (nn - 1)));
		double corr = d > 0 ? 0.5 : (d < 0 ? -0.5 : 0);

		if (var <= 0) { /* every value identical: no evidence of a difference */
			out->p = 1.0;
			return 0;
		}
		out->z = (d - corr) / sqrt(var);
		out->p = fmin(1.0, 2.0 * gsl_cdf_ugaussian_Q(fabs(out->z)));
	}
	return 0;
}

static double resampled_median(const gsl_rng *rng, const double *x, size_t n, double *scratch)
{
	gsl_ran_sample(rng, scratch, n, (void *)x, n, sizeof(double));
	gsl_sort(scratch, 1, n);
	return gsl_stats_median_from_sorted_data(scratch, 1, n);
}

int lb_bootstrap_median_ratio(const double *a, size_t na, const double *b, size_t nb,
			      unsigned resamples, double level, unsigned long seed,
			      struct lb_ratio_ci *out)
{
	double ma, mb, *ratios, *sa, *sb;
	gsl_rng *rng;
	unsigned used = 0;

	memset(out, 0, sizeof(*out));
	if (!na || !nb || !resamples || level <= 0 || level >= 1)
		return -1;
	ma = lb_stats_median(a, na);
	mb = lb_stats_median(b, nb);
	if (ma == 0)
		return -1;
	out->ratio = mb / ma;
	out->level = level;
	out->seed = seed;
	out->resamples = resamples;

	rng = gsl_rng_alloc(gsl_rng_mt19937);
	ratios = malloc(resamples * sizeof(*ratios));
	sa = malloc(na * sizeof(*sa));
	sb = malloc(nb * sizeof(*sb));
	if (!rng || !ratios || !sa || !sb) {
		gsl_rng_free(rng);
		free(ratios);
		free(sa);
		free(sb);
		return -1;
	}
	gsl_rng_set(rng, seed);
	for (unsigned i = 0; i < resamples; i++) {
		double ra = resampled_median(rng, a, na, sa);
		double rb = resampled_median(rng, b, nb, sb);

		/* A resample whose baseline median is 0 has no ratio; it is left out. */
		if (ra != 0)
			ratios[used++] = rb / ra;
	}
	if (used) {
		gsl_sort(ratios, 1, used);
		out->low = gsl_stats_quantile_from_sorted_data(ratios, 1, used, (1 - level) / 2);
		out->high = gsl_stats_quantile_from_sorted_data(ratios, 1, used, (1 + level) / 2);
	}
	gsl_rng_free(rng);
	free(ratios);
	free(sa);
	free(sb);
	return used ? 0 : -1;
}

void lb_holm(const double *p, size_t m, double *adjusted)
{
	size_t *order;
	double running = 0;

	if (!m)
		return;
	order = malloc(m * sizeof(*order));
	if (!order) {
		for (size_t i = 0; i < m; i++)
			adjusted[i] = 1.0; /* conservative when we cannot sort */
		return;
	}
	gsl_sort_index(order, p, 1, m);
	for (size_t i = 0; i < m; i++) {
		double v = fmin(1.0, (double)(m - i) * p[order[i]]);

		running = fmax(running, v);
		adjusted[order[i]] = running;
	}
	free(order);
}
