// SPDX-License-Identifier: GPL-2.0
/* A/A splitting, false-positive rate, detection of a shift, Clopper-Pearson interval. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "validate.h"

#define PAIRS 200
#define HALF 20

static double *noise(unsigned long seed)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double *x = malloc(PAIRS * 2 * HALF * sizeof(*x));

	gsl_rng_set(rng, seed);
	for (size_t i = 0; i < PAIRS * 2 * HALF; i++)
		x[i] = gsl_ran_lognormal(rng, log(10000.0), 0.05);
	gsl_rng_free(rng);
	return x;
}

/* IID noise: the rule (p < 0.05 and CI excluding 1) fires in at most ~5% of A/A pairs. */
static void test_aa_rate(void **state)
{
	double *x = noise(3);
	struct lb_aa_result r = {0};
	(void)state;

	assert_int_equal(lb_aa_pairs(x, PAIRS * 2 * HALF, PAIRS, HALF, 0, 0.05, 500, 1, &r), PAIRS);
	lb_aa_finish(&r);
	assert_int_equal((int)r.pairs, PAIRS);
	/* Binomial(200, <=0.05): above 20 (10%) would be a broken test. */
	if (r.positives > 20)
		fail_msg("A/A false positives %zu of %zu", r.positives, r.pairs);
	assert_true(r.low <= r.rate && r.rate <= r.high);
	free(x);
}

/* A 10% shift with 5% noise and n = 20 per half is found in nearly every pair. */
static void test_detection(void **state)
{
	double *x = noise(4);
	struct lb_aa_result r = {0};
	(void)state;

	lb_aa_pairs(x, PAIRS * 2 * HALF, PAIRS, HALF, 0.10, 0.05, 500, 1, &r);
	lb_aa_finish(&r);
	assert_true(r.rate > 0.95);
	/* Too few samples for the requested pairs: refused. */
	assert_int_equal(lb_aa_pairs(x, 10, PAIRS, HALF, 0, 0.05, 500, 1, &r), -1);
	free(x);
}

/*
 * Clopper-Pearson by hand-checked values: k = 0, n = 20 -> upper = 1 - 0.025^(1/20) = 0.16843;
 * k = n = 20 -> lower = 0.025^(1/20) = 0.83157.
 */
static void test_clopper_pearson(void **state)
{
	struct lb_aa_result r = {.pairs = 20, .positives = 0};
	(void)state;

	lb_aa_finish(&r);
	assert_true(fabs(r.high - 0.16843) < 1e-4);
	assert_true(r.low == 0 && r.rate == 0);
	r.positives = 20;
	lb_aa_finish(&r);
	assert_true(fabs(r.low - 0.83157) < 1e-4);
	assert_true(r.high == 1.0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_aa_rate),
	    cmocka_unit_test(test_detection),
	    cmocka_unit_test(test_clopper_pearson),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
