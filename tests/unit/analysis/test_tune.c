// SPDX-License-Identifier: GPL-2.0
/* Knee detection on synthetic per-PTE cost curves, and tune over the sweep fixture. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "knee.h"
#include "tune.h"

static const long pow2[] = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};

/*
 * Saturating curve c(b) = 40 * (1 + 1.5/b) (fixed cost per section amortised over b PTEs):
 * best at b = 512 (40.117); within 5%: 1.5/b <= 1.05 * 1.0029 - 1 = 0.0531 -> b >= 28.3 -> 32.
 */
static void test_knee_saturating(void **state)
{
	double cost[10];
	size_t best;
	(void)state;

	for (int i = 0; i < 10; i++)
		cost[i] = 40 * (1 + 1.5 / (double)pow2[i]);
	assert_int_equal(lb_tune_knee(pow2, cost, 10, 0.05, &best), 5);
	assert_int_equal((int)best, 9);
}

/* U-shaped curve (large batches hurt again): best in the middle, knee below it. */
static void test_knee_u_shape(void **state)
{
	const double cost[] = {100, 70, 55, 48, 45, 44, 46, 52, 60, 75};
	size_t best;
	(void)state;

	/* best 44 at b=32; 1.05 * 44 = 46.2 -> 45 at b=16 qualifies, 48 at b=8 does not. */
	assert_int_equal(lb_tune_knee(pow2, cost, 10, 0.05, &best), 4);
	assert_int_equal((int)best, 5);
}

/* Flat curve: every batch is within 5%, the smallest wins; order of input does not matter. */
static void test_knee_flat_unsorted(void **state)
{
	const long batch[] = {64, 1, 512, 8};
	const double cost[] = {10.0, 10.2, 9.9, 10.1};
	size_t best;
	(void)state;

	assert_int_equal(lb_tune_knee(batch, cost, 4, 0.05, &best), 1);
	assert_int_equal((int)best, 2);
	assert_int_equal(lb_tune_knee(batch, cost, 0, 0.05, &best), -1);
}

/* The sweep fixture: on/nested follow 40*(1+1.5/b) (+-3% noise), off/paused are flat. */
static void test_tune_fixture(void **state)
{
	const char *dir = getenv("LB_TEST_DATA");
	char path[1024], err[512];
	struct lb_rrun run;
	struct lb_tune_row *rows;
	long n;
	int seen_on = 0;
	(void)state;

	assert_non_null(dir);
	snprintf(path, sizeof(path), "%s/runs/sweep-tcg", dir);
	if (lb_run_load(path, NULL, &run, err, sizeof(err)))
		fail_msg("%s", err);
	n = lb_tune_run(&run, 500, 0.95, 1, &rows);
	/* vmalloc x {off,on,nested,paused} x {map,unmap}; mprotect has no batch. */
	assert_int_equal(n, 8);
	for (long i = 0; i < n; i++) {
		const struct lb_tune_row *r = &rows[i];

		assert_int_equal((int)r->n_batches, 10);
		assert_true(r->cost <= 1.05 * r->best_cost + 1e-9);
		assert_true(r->cost_low <= r->cost && r->cost <= r->cost_high);
		/* The CI rule: the pick's upper bound of cost / best is at most 1.05, bounded by
		 * the 5 rounds of the one-process fixture, paired across batches. */
		assert_true(r->ratio_high <= 1.05);
		assert_int_equal(r->method, LB_KNEE_PAIRED_BLOCKS);
		assert_int_equal((int)r->blocks, 5);
		if (!strcmp(r->chosen->mode, "on") && !strcmp(r->metric, "map")) {
			/* The noiseless knee is 32 (16 is 9% worse than the floor); with 2 reps per
			 * round the bound certifies 32 only when noise is kind: never below it, and
			 * conservative by at most two steps. */
			assert_true(r->chosen->batch >= 32 && r->chosen->batch <= 128);
			seen_on++;
		}
		if (!strcmp(r->chosen->mode, "off"))
			assert_true(r->chosen->batch <= 2); /* flat: the smallest wins */
	}
	assert_int_equal(seen_on, 1);
	free(rows);
	lb_run_free(&run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_knee_saturating),
	    cmocka_unit_test(test_knee_u_shape),
	    cmocka_unit_test(test_knee_flat_unsorted),
	    cmocka_unit_test(test_tune_fixture),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
