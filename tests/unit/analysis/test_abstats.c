// SPDX-License-Identifier: GPL-2.0
/* A/B statistics against published values, hand calculations and synthetic coverage. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "stats.h"
#include "abstats.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static void assert_close(double got, double want, double tol)
{
	if (fabs(got - want) > tol)
		fail_msg("got %.10g, want %.10g (tolerance %g)", got, want, tol);
}

/*
 * SciPy documentation of scipy.stats.mannwhitneyu (example "males"/"females" from Conover):
 * U1 = 17, exact two-sided p = 0.1111111111111111, asymptotic (continuity corrected)
 * p = 0.11134688653314041.
 */
static void test_mwu_scipy_example(void **state)
{
	const double males[] = {19, 22, 16, 29, 24};
	const double females[] = {20, 11, 17, 12};
	struct lb_mwu r;
	(void)state;

	assert_int_equal(lb_mwu_test(males, 5, females, 4, &r), 0);
	assert_true(r.exact);
	assert_false(r.ties);
	assert_close(r.u, 17, 1e-12);
	assert_close(r.p, 0.1111111111111111, 1e-12);
}

/*
 * R documentation of wilcox.test (Hollander & Wolfe 1973, p. 69, permeability constants):
 * W = 35, one-sided p = 0.1272, so two-sided exact p = 0.2544 (R prints 4 digits).
 */
static void test_mwu_r_example(void **state)
{
	const double x[] = {0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46};
	const double y[] = {1.15, 0.88, 0.90, 0.74, 1.21};
	struct lb_mwu r;
	(void)state;

	assert_int_equal(lb_mwu_test(x, ARRAY_SIZE(x), y, ARRAY_SIZE(y), &r), 0);
	assert_true(r.exact);
	assert_close(r.u, 35, 1e-12);
	assert_close(r.p, 0.2544, 1e-4);
}

/*
 * Published critical values of U, two-tailed alpha = 0.05 (standard Mann-Whitney tables,
 * e.g. Zar, Biostatistical Analysis, Table B.11): n1 = n2 = 5 -> 2, 8 -> 13, 10 -> 23,
 * 20 -> 127. The critical value is the largest U whose two-sided p is <= 0.05.
 */
static void test_mwu_exact_critical_values(void **state)
{
	const struct {
		unsigned n, crit;
	} t[] = {{5, 2}, {8, 13}, {10, 23}, {20, 127}};
	(void)state;

	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		double p_at = 2 * lb_mwu_exact_cdf(t[i].n, t[i].n, t[i].crit);
		double p_next = 2 * lb_mwu_exact_cdf(t[i].n, t[i].n, t[i].crit + 1);

		if (!(p_at <= 0.05 && p_next > 0.05))
			fail_msg("n=%u: p(U=%u)=%g p(U=%u)=%g", t[i].n, t[i].crit, p_at,
				 t[i].crit + 1, p_next);
	}
	/* Counting argument: P(U <= 0) = 1 / C(n1+n2, n1); C(8,4) = 70, C(6,3) = 20. */
	assert_close(lb_mwu_exact_cdf(4, 4, 0), 1.0 / 70, 1e-15);
	assert_close(lb_mwu_exact_cdf(3, 3, 0), 1.0 / 20, 1e-15);
	assert_close(lb_mwu_exact_cdf(3, 3, 9), 1.0, 1e-15);
}

/*
 * Ties force the normal approximation. By hand: a = {1,2,3,3}, b = {3,4,5,6}.
 * Pooled ranks 1,2,(3,4,5 -> 4 for the three 3s),6,7,8; rank sum of a = 1+2+4+4 = 11,
 * U = 11 - 4*5/2 = 1, mean 8, tie term 3^3 - 3 = 24,
 * var = 16/12 * (9 - 24/56) = 11.428571..., z = (1 - 8 + 0.5)/3.3806170 = -1.922726,
 * p = 2 * Q(1.922726) = 0.05452 (normal table: Phi(1.92) = 0.97257, Phi(1.93) = 0.97320).
 */
static void test_mwu_ties_normal(void **state)
{
	const double a[] = {1, 2, 3, 3};
	const double b[] = {3, 4, 5, 6};
	struct lb_mwu r;
	(void)state;

	assert_int_equal(lb_mwu_test(a, 4, b, 4, &r), 0);
	assert_false(r.exact);
	assert_true(r.ties);
	assert_close(r.u, 1, 1e-12);
	assert_close(r.z, -1.922726, 2e-6);
	assert_close(r.p, 0.05452, 2e-4);
}

/* Identical groups: no evidence at all, whatever path is taken. */
static void test_mwu_identical(void **state)
{
	const double a[] = {5, 5, 5, 5, 5};
	struct lb_mwu r;
	(void)state;

	assert_int_equal(lb_mwu_test(a, 5, a, 5, &r), 0);
	assert_close(r.p, 1.0, 1e-12);
	assert_int_equal(lb_mwu_test(a, 0, a, 5, &r), -1);
}

/*
 * Large samples, shifted normal data: the normal approximation must find a clear shift and
 * the A/A false-positive rate over many synthetic pairs must be near 5%.
 */
static void test_mwu_false_positive_rate(void **state)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double a[60], b[60];
	int fp = 0, trials = 1000;
	struct lb_mwu r;
	(void)state;

	gsl_rng_set(rng, 42);
	for (int t = 0; t < trials; t++) {
		for (int i = 0; i < 60; i++) {
			a[i] = 100 + gsl_ran_gaussian(rng, 5);
			b[i] = 100 + gsl_ran_gaussian(rng, 5);
		}
		assert_int_equal(lb_mwu_test(a, 60, b, 60, &r), 0);
		assert_false(r.exact); /* n >= 50 */
		fp += r.p < 0.05;
	}
	/* Binomial(1000, 0.05): mean 50, sd 6.9; band is about +-3.5 sd. */
	if (fp < 26 || fp > 74)
		fail_msg("A/A false positives %d of %d, expected about 50", fp, trials);

	for (int i = 0; i < 60; i++) {
		a[i] = 100 + gsl_ran_gaussian(rng, 5);
		b[i] = 105 + gsl_ran_gaussian(rng, 5);
	}
	assert_int_equal(lb_mwu_test(a, 60, b, 60, &r), 0);
	assert_true(r.p < 1e-6);
	gsl_rng_free(rng);
}

/* Known medians: ratio exact, CI brackets it, seed recorded, same seed same CI. */
static void test_ratio_basic(void **state)
{
	const double a[] = {10, 11, 9, 10, 10, 12, 8, 10, 10, 11, 9};
	const double b[] = {20, 22, 18, 20, 20, 24, 16, 20, 20, 22, 18};
	struct lb_ratio_ci r1, r2;
	(void)state;

	assert_int_equal(lb_bootstrap_median_ratio(a, 11, b, 11, 2000, 0.95, 7, &r1), 0);
	assert_close(r1.ratio, 2.0, 1e-12);
	assert_true(r1.low <= 2.0 && r1.high >= 2.0);
	assert_true(r1.low > 1.5 && r1.high < 2.7);
	assert_int_equal((int)r1.seed, 7);
	assert_int_equal(lb_bootstrap_median_ratio(a, 11, b, 11, 2000, 0.95, 7, &r2), 0);
	assert_close(r2.low, r1.low, 0);
	assert_close(r2.high, r1.high, 0);
	/* Zero baseline median: no ratio, refused. */
	{
		const double z[] = {0, 0, 0};

		assert_int_equal(lb_bootstrap_median_ratio(z, 3, b, 3, 100, 0.95, 1, &r1), -1);
	}
}

/*
 * Coverage of the 95% percentile-bootstrap CI of the ratio of medians on lognormal data
 * (right-skewed like latencies) with a known true ratio of 1.10: over 300 synthetic
 * experiments of n = 30 per group, the interval must contain 1.10 in 88%..99% of them.
 */
static void test_ratio_coverage(void **state)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	const double true_ratio = 1.10;
	double a[30], b[30];
	int covered = 0, trials = 300;
	struct lb_ratio_ci r;
	(void)state;

	gsl_rng_set(rng, 12345);
	for (int t = 0; t < trials; t++) {
		/* lognormal(zeta, sigma) has median exp(zeta). */
		for (int i = 0; i < 30; i++) {
			a[i] = gsl_ran_lognormal(rng, log(1000.0), 0.3);
			b[i] = gsl_ran_lognormal(rng, log(1000.0 * true_ratio), 0.3);
		}
		assert_int_equal(
		    lb_bootstrap_median_ratio(a, 30, b, 30, 1000, 0.95, (unsigned long)t, &r), 0);
		covered += r.low <= true_ratio && true_ratio <= r.high;
	}
	if (covered < 264 || covered > 297)
		fail_msg("coverage %d/%d outside 88%%..99%%", covered, trials);
	gsl_rng_free(rng);
}

/*
 * Holm (1979) step-down, by hand: p = {0.01, 0.04, 0.03, 0.005}, m = 4.
 * Sorted: 0.005*4 = 0.02, 0.01*3 = 0.03, 0.03*2 = 0.06, 0.04*1 = 0.04 -> max(0.06, 0.04) = 0.06.
 */
static void test_holm(void **state)
{
	const double p[] = {0.01, 0.04, 0.03, 0.005};
	const double want[] = {0.03, 0.06, 0.06, 0.02};
	const double big[] = {0.5, 0.9};
	double adj[4];
	(void)state;

	lb_holm(p, 4, adj);
	for (size_t i = 0; i < 4; i++)
		assert_close(adj[i], want[i], 1e-12);
	lb_holm(big, 2, adj);
	assert_close(adj[0], 1.0, 1e-12); /* 0.5 * 2 capped at 1 */
	assert_close(adj[1], 1.0, 1e-12);
}

static void test_median_cv(void **state)
{
	const double x[] = {4, 1, 3, 2};
	const double y[] = {2, 4, 4, 4, 5, 5, 7, 9}; /* mean 5, sample sd sqrt(32/7) */
	(void)state;

	assert_close(lb_stats_median(x, 4), 2.5, 1e-12);
	assert_close(lb_ab_cv(y, 8), sqrt(32.0 / 7.0) / 5.0, 1e-12);
	assert_true(isnan(lb_ab_cv(y, 1)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mwu_scipy_example),
	    cmocka_unit_test(test_mwu_r_example),
	    cmocka_unit_test(test_mwu_exact_critical_values),
	    cmocka_unit_test(test_mwu_ties_normal),
	    cmocka_unit_test(test_mwu_identical),
	    cmocka_unit_test(test_mwu_false_positive_rate),
	    cmocka_unit_test(test_ratio_basic),
	    cmocka_unit_test(test_ratio_coverage),
	    cmocka_unit_test(test_holm),
	    cmocka_unit_test(test_median_cv),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
