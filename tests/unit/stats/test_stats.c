// SPDX-License-Identifier: GPL-2.0
/* stats.c against data sets with known answers, and bootstrap CI coverage on synthetic normal
 * data drawn with a fixed seed. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "stats.h"

static void median_odd_even(void **state)
{
	const double odd[] = {4, 1, 100, 3, 2}, even[] = {4, 1, 3, 2};

	(void)state;
	assert_float_equal(lb_stats_median(odd, 5), 3.0, 1e-12);
	assert_float_equal(lb_stats_median(even, 4), 2.5, 1e-12);
	/* The input is left in place. */
	assert_float_equal(odd[0], 4.0, 0);
	assert_true(isnan(lb_stats_median(odd, 0)));
}

static void mad_and_outliers(void **state)
{
	const double x[] = {1, 2, 3, 4, 100};
	bool out[5];

	(void)state;
	/* |x - 3| = 2 1 0 1 97 -> median 1. */
	assert_float_equal(lb_stats_mad(x, 5), 1.0, 1e-12);
	/* 0.6745 * 97 / 1 = 65.4 > 3.5; 0.6745 * 2 = 1.35 is not. */
	assert_int_equal(lb_stats_outliers(x, 5, out), 1);
	assert_false(out[0]);
	assert_false(out[3]);
	assert_true(out[4]);
}

static void mad_zero_flags_nothing(void **state)
{
	const double x[] = {5, 5, 5, 9};
	bool out[4];

	(void)state;
	assert_float_equal(lb_stats_mad(x, 4), 0.0, 0);
	assert_int_equal(lb_stats_outliers(x, 4, out), 0);
}

static void summary_known_set(void **state)
{
	const double x[] = {1, 2, 3, 4};
	struct lb_summary s;
	bool out[4];

	(void)state;
	assert_int_equal(lb_stats_summarize(x, 4, 500, 0.95, 1, &s, out), 0);
	assert_int_equal(s.n, 4);
	assert_float_equal(s.median, 2.5, 1e-12);
	assert_float_equal(s.mean, 2.5, 1e-12);
	assert_float_equal(s.stddev, sqrt(5.0 / 3.0), 1e-12);
	assert_float_equal(s.min, 1, 0);
	assert_float_equal(s.max, 4, 0);
	assert_float_equal(s.mad, 1.0, 1e-12);
	assert_true(s.ci_low >= 1 && s.ci_low <= s.median);
	assert_true(s.ci_high >= s.median && s.ci_high <= 4);
	assert_float_equal(s.ci_level, 0.95, 0);
	assert_int_equal(lb_stats_summarize(x, 0, 500, 0.95, 1, &s, out), -1);
}

static void bootstrap_is_seeded(void **state)
{
	const double x[] = {10, 12, 9, 15, 11, 30, 10, 13, 12, 11};
	double l1, h1, l2, h2;

	(void)state;
	assert_int_equal(lb_stats_bootstrap_median_ci(x, 10, 1000, 0.95, 42, &l1, &h1), 0);
	assert_int_equal(lb_stats_bootstrap_median_ci(x, 10, 1000, 0.95, 42, &l2, &h2), 0);
	assert_float_equal(l1, l2, 0);
	assert_float_equal(h1, h2, 0);
	assert_true(l1 <= 11.5 && h1 >= 11.5);
	assert_int_equal(lb_stats_bootstrap_median_ci(x, 10, 1000, 1.5, 42, &l2, &h2), -1);
}

static void bootstrap_constant_data(void **state)
{
	const double x[] = {7, 7, 7, 7, 7, 7};
	double lo, hi;

	(void)state;
	assert_int_equal(lb_stats_bootstrap_median_ci(x, 6, 200, 0.95, 3, &lo, &hi), 0);
	assert_float_equal(lo, 7, 0);
	assert_float_equal(hi, 7, 0);
}

/* The 95% CI of the median must contain the true median (mu) in about 95% of experiments. */
static void bootstrap_coverage_normal(void **state)
{
	enum { TRIALS = 300, N = 31 };
	const double mu = 1000, sigma = 50;
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double x[N], lo, hi;
	unsigned covered = 0;

	(void)state;
	gsl_rng_set(rng, 20261121);
	for (unsigned t = 0; t < TRIALS; t++) {
		for (unsigned i = 0; i < N; i++)
			x[i] = mu + gsl_ran_gaussian(rng, sigma);
		assert_int_equal(lb_stats_bootstrap_median_ci(x, N, 1000, 0.95, t, &lo, &hi), 0);
		covered += lo <= mu && mu <= hi;
	}
	gsl_rng_free(rng);
	print_message("bootstrap coverage %u/%u\n", covered, TRIALS);
	/* Binomial(300, 0.95) lies in [270, 295] with probability > 0.999. */
	assert_in_range(covered, 270, 295);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(median_odd_even),		 cmocka_unit_test(mad_and_outliers),
	    cmocka_unit_test(mad_zero_flags_nothing),	 cmocka_unit_test(summary_known_set),
	    cmocka_unit_test(bootstrap_is_seeded),	 cmocka_unit_test(bootstrap_constant_data),
	    cmocka_unit_test(bootstrap_coverage_normal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
