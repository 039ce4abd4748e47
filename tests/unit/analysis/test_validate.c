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
#include "validate_runs.h"

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

/* The module delay per section for a relative shift: rounded, 0 when the module cannot take
 * it (below 1 ns, above its limit, or no median). */
static void test_delay_ns(void **state)
{
	(void)state;
	assert_int_equal(vr_delay_ns(30000, 0.05, 1, 1000000), 1500);
	/* 8 sections share the shift: 0.10 x 30000 / 8 = 375 */
	assert_int_equal(vr_delay_ns(30000, 0.10, 8, 1000000), 375);
	assert_int_equal(vr_delay_ns(1001, 0.02, 1, 1000000), 20); /* 20.02 rounds down */
	assert_int_equal(vr_delay_ns(1025, 0.02, 1, 1000000), 21); /* 20.5 rounds up */
	assert_int_equal(vr_delay_ns(20, 0.02, 1, 1000000), 0);	   /* 0.4 ns: not a delay */
	assert_int_equal(vr_delay_ns(1e9, 0.10, 1, 1000000), 0);   /* 100 ms: above the limit */
	assert_int_equal(vr_delay_ns(1e7, 0.10, 1, 1000000), 1000000);
	assert_int_equal(vr_delay_ns(NAN, 0.10, 1, 1000000), 0);
	assert_int_equal(vr_delay_ns(30000, 0, 1, 1000000), 0);
	assert_int_equal(vr_delay_ns(30000, 0.05, 0, 1000000), 0);
}

/* A B B A A B B A: positions 1, 2, 5, 6 are B. */
static void test_side_b(void **state)
{
	const bool want[] = {false, true, true, false, false, true, true, false};
	(void)state;
	for (size_t p = 0; p < 8; p++)
		assert_int_equal(vr_side_b(p), want[p]);
}

#define VR_PAIRS 40
#define VR_K 5
#define VR_N (VR_PAIRS * 2 * VR_K)
#define VR_REPS 10

/*
 * Synthetic runs in A B B A order: one case with two metrics, a run-level offset (SD 2%) and
 * within-run noise (5%). Side B's first metric is multiplied by b_factor (a delay already in
 * the data, as the module's is); the second ("empty") never is.
 */
static struct lb_rrun *synthetic_runs(double b_factor, unsigned long seed)
{
	static const char *names[] = {"map", "empty"};
	struct lb_rrun *runs = calloc(VR_N, sizeof(*runs));
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);

	gsl_rng_set(rng, seed);
	for (size_t r = 0; r < VR_N; r++) {
		struct lb_rcase *c = calloc(1, sizeof(*c));

		c->id = "vmalloc/-/on/p64/b-/none";
		c->complete = true;
		c->n_metrics = 2;
		c->metrics = calloc(2, sizeof(*c->metrics));
		for (size_t m = 0; m < 2; m++) {
			double run = gsl_ran_gaussian(rng, 0.02);
			double f = m == 0 && vr_side_b(r % (2 * VR_K)) ? b_factor : 1;

			c->metrics[m].name = names[m];
			c->metrics[m].n = VR_REPS;
			c->metrics[m].samples = calloc(VR_REPS, sizeof(double));
			for (size_t i = 0; i < VR_REPS; i++)
				c->metrics[m].samples[i] =
				    f * 30000 * exp(run + gsl_ran_gaussian(rng, 0.05));
		}
		runs[r].label = "syn";
		runs[r].complete = true;
		runs[r].cases = c;
		runs[r].n_cases = 1;
	}
	gsl_rng_free(rng);
	return runs;
}

static void free_synthetic(struct lb_rrun *runs)
{
	for (size_t r = 0; r < VR_N; r++) {
		for (size_t m = 0; m < 2; m++)
			free(runs[r].cases[0].metrics[m].samples);
		free(runs[r].cases[0].metrics);
		free(runs[r].cases);
	}
	free(runs);
}

/*
 * validate_runs_injected: the delay is in the data, not added again; only the calibrated
 * metric counts; a positive needs B slower. At 5 runs per side, run SD 2%: +10% is found in
 * (nearly) every pair, an A/A in about 5%, and a B that is 10% FASTER is never a positive.
 */
static void test_injected(void **state)
{
	const struct lb_rep_opts o = {.alpha = 0.05, .margin = 0.05, .target = 0.05, .power = 0.8};
	struct lb_rrun *slow = synthetic_runs(1.10, 11), *same = synthetic_runs(1.0, 12);
	struct lb_rrun *fast = synthetic_runs(1 / 1.10, 13);
	struct vr_report v;
	(void)state;

	assert_int_equal(validate_runs_injected(NULL, slow, VR_N, VR_K, 0.10, 0, &o, &v), 0);
	assert_int_equal((int)v.pairs, VR_PAIRS);
	assert_int_equal((int)v.metrics, 1); /* "empty" is not counted */
	assert_int_equal((int)v.tests[0].pairs, VR_PAIRS);
	assert_true(v.tests[0].positives >= VR_PAIRS - 2);
	/* Not added a second time: labelled +10% over data with no delay is an A/A. */
	assert_int_equal(validate_runs_injected(NULL, same, VR_N, VR_K, 0.10, 0, &o, &v), 0);
	if (v.tests[0].positives > 6) /* Binomial(40, <= 0.05) above 6: P < 0.02 */
		fail_msg("A/A labelled +10%%: %zu/%zu positives", v.tests[0].positives,
			 v.tests[0].pairs);
	assert_int_equal(validate_runs_injected(NULL, fast, VR_N, VR_K, 0.10, 0, &o, &v), 0);
	assert_int_equal((int)v.tests[0].positives, 0);
	/* Every metric (-1): the undelayed "empty" is tested too. */
	assert_int_equal(validate_runs_injected(NULL, slow, VR_N, VR_K, 0.10, -1, &o, &v), 0);
	assert_int_equal((int)v.metrics, 2);
	assert_int_equal((int)v.tests[0].pairs, 2 * VR_PAIRS);
	/* The shift path adds the shift itself: +10% over A/A data is found. */
	{
		const double shifts[] = {0, 0.10};

		assert_int_equal(validate_runs(NULL, same, VR_N, VR_K, shifts, 2, &o, &v), 0);
		assert_true(v.tests[1].positives >= 2 * VR_PAIRS - 4);
	}
	/* Too few runs for a pair. */
	assert_int_equal(validate_runs_injected(NULL, slow, 2 * VR_K - 1, VR_K, 0.10, 0, &o, &v),
			 -1);
	free_synthetic(slow);
	free_synthetic(same);
	free_synthetic(fast);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_delay_ns),  cmocka_unit_test(test_side_b),
	    cmocka_unit_test(test_injected),  cmocka_unit_test(test_aa_rate),
	    cmocka_unit_test(test_detection), cmocka_unit_test(test_clopper_pearson),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
