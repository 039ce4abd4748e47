// SPDX-License-Identifier: GPL-2.0
/* Merging rounds into one run: samples concatenated, summaries recomputed, readable again. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "merge.h"
#include "results.h"

static void load(struct lb_rrun *run, const char *name)
{
	char path[1024], err[512];

	snprintf(path, sizeof(path), "%s/runs/%s", getenv("LB_TEST_DATA"), name);
	if (lb_run_load(path, NULL, run, err, sizeof(err)))
		fail_msg("%s", err);
}

static void test_merge_two_rounds(void **state)
{
	struct lb_rrun rounds[2], back;
	json_t *merged, *dropped, *cmd = json_pack("[s,s]", "lazybench", "ab");
	char err[512], dir[] = "/tmp/lb-merge-XXXXXX";
	(void)state;

	load(&rounds[0], "base");
	load(&rounds[1], "new");
	/* A fractional sample: the merge must keep it exactly in samples.csv too. */
	json_array_set_new(
	    json_object_get(
		json_array_get(
		    json_object_get(json_array_get(json_object_get(rounds[0].root, LB_K_CASES), 0),
				    LB_K_METRICS),
		    0),
		LB_K_SAMPLES),
	    0, json_real(1234.5));
	merged = lb_merge_rounds(rounds, 2, "merged", cmd, &dropped, err, sizeof(err));
	assert_non_null(merged);
	/* fork is only in base: left out and named. */
	assert_int_equal((int)json_array_size(dropped), 1);
	assert_string_equal(json_string_value(json_array_get(dropped, 0)),
			    "fork/-/on/p1024/b-/none");
	assert_false(json_is_true(json_object_get(merged, "complete")));

	assert_non_null(mkdtemp(dir));
	assert_int_equal(lb_merge_write(dir, "merged", merged, err, sizeof(err)), 0);
	/* Never overwritten. */
	assert_int_equal(lb_merge_write(dir, "merged", merged, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "never overwritten"));

	{
		char path[1024];
		const struct lb_rcase *c;

		snprintf(path, sizeof(path), "%s/merged", dir);
		if (lb_run_load(path, NULL, &back, err, sizeof(err)))
			fail_msg("%s", err);
		assert_string_equal(back.label, "merged");
		assert_int_equal((int)back.n_cases, 3);
		c = &back.cases[0];
		assert_string_equal(c->id, "mprotect/-/on/p1024/b-/none");
		/* 60 + 60 samples (5 replicates of 12 each), round 1's first, then round 2's. */
		assert_int_equal((int)c->metrics[0].n, 120);
		assert_true(c->metrics[0].samples[0] == 1234.5);
		assert_true(c->metrics[0].samples[60] == rounds[1].cases[0].metrics[0].samples[0]);
		/* The replicates of both inputs, in order: 10 of 12 samples, listed at the top. */
		assert_int_equal((int)c->n_replicates, 10);
		for (size_t i = 0; i < 10; i++)
			assert_int_equal((int)c->replicate_reps[i], 12);
		assert_int_equal((int)back.n_replicates, 10);
		assert_int_equal(json_integer_value(json_object_get(
				     json_object_get(back.root, LB_K_SETTINGS), LB_K_RUNS)),
				 10);
		/* Counter values concatenated; the unavailable one stays unavailable. */
		assert_int_equal((int)c->counters[0].n, 120);
		assert_false(c->counters[1].available);
		/* Summary recomputed over 24 samples. */
		assert_int_equal(
		    (int)json_integer_value(json_object_get(
			json_object_get(
			    json_array_get(
				json_object_get(
				    json_array_get(json_object_get(back.root, "cases"), 0),
				    "metrics"),
				0),
			    "summary"),
			"n")),
		    120);
		/* Written in this version's format, although both rounds were schema_version 1. */
		assert_int_equal(
		    json_integer_value(json_object_get(back.root, LB_K_SCHEMA_VERSION)),
		    LB_SCHEMA_VERSION);
		lb_run_free(&back);
	}
	{
		/* samples.csv comes from the results writer: its header, one row per sample, the
		 * writer's number format (a round's sample reads back exactly), then the available
		 * counters' values (the unavailable cycles has none). */
		char path[1024], line[512], want[160];
		size_t rows = 0, timed = 0, counted = 0;
		json_t *min, *k;
		FILE *f;

		assert_int_equal(
		    json_integer_value(json_object_get(rounds[0].root, LB_K_SCHEMA_VERSION)), 1);
		snprintf(path, sizeof(path), "%s/merged/" LB_SAMPLES_CSV, dir);
		assert_non_null(f = fopen(path, "r"));
		assert_non_null(fgets(line, sizeof(line), f));
		assert_string_equal(line, LB_SAMPLES_CSV_HEADER "\n");
		assert_non_null(fgets(line, sizeof(line), f));
		assert_string_equal(line, "mprotect/-/on/p1024/b-/none,mprotect,,on,1024,,none,"
					  "mprotect,elapsed,0,1234.5,ns,\n");
		/* The counter's row 60 is round 2's first value. */
		k = json_array_get(
		    json_object_get(json_array_get(json_object_get(merged, LB_K_CASES), 0),
				    LB_K_COUNTERS),
		    0);
		snprintf(want, sizeof(want),
			 "mprotect/-/on/p1024/b-/none,mprotect,,on,1024,,none,"
			 "tlb_flush.remote_ipi_send,system,60,%" JSON_INTEGER_FORMAT ",count,0\n",
			 json_integer_value(json_array_get(json_object_get(k, LB_K_VALUES), 60)));
		assert_int_equal(
		    json_integer_value(json_array_get(json_object_get(k, LB_K_VALUES), 60)),
		    json_integer_value(json_array_get(
			json_object_get(
			    json_array_get(
				json_object_get(
				    json_array_get(json_object_get(rounds[1].root, LB_K_CASES), 0),
				    LB_K_COUNTERS),
				0),
			    LB_K_VALUES),
			0)));
		rows = 1;
		timed = 1;
		while (fgets(line, sizeof(line), f)) {
			rows++;
			timed += strstr(line, ",elapsed,") != NULL;
			counted += strstr(line, ",tlb_flush.remote_ipi_send,system,") != NULL;
			assert_null(strstr(line, "cycles"));
			if (!strcmp(line, want))
				want[0] = '\0';
		}
		fclose(f);
		assert_string_equal(want, ""); /* the row was there */
		/* mprotect and munmap: 1 metric, vmalloc 2 (map, unmap); 120 samples each. */
		assert_int_equal((int)timed, 4 * 120);
		/* mprotect and munmap: tlb_flush.remote_ipi_send, 120 values each. */
		assert_int_equal((int)counted, 2 * 120);
		assert_int_equal((int)rows, 4 * 120 + 2 * 120);
		/* The summary is the writer's: integral maximum as a JSON integer. */
		min = json_object_get(
		    json_object_get(
			json_array_get(
			    json_object_get(json_array_get(json_object_get(merged, LB_K_CASES), 0),
					    LB_K_METRICS),
			    0),
			LB_K_SUMMARY),
		    LB_K_MAX);
		assert_true(json_is_integer(min));
	}

	snprintf(err, sizeof(err), "rm -rf '%s'", dir);
	assert_int_equal(system(err), 0);
	json_decref(merged);
	json_decref(dropped);
	json_decref(cmd);
	lb_run_free(&rounds[0]);
	lb_run_free(&rounds[1]);
}

/* run.json is written last: when samples.csv cannot be written there is no run.json. */
static void test_write_order(void **state)
{
	char dir[] = "/tmp/lb-order-XXXXXX", path[1024], err[512];
	json_t *run = json_pack("{s:i, s:[]}", LB_K_SCHEMA_VERSION, LB_SCHEMA_VERSION, LB_K_CASES);
	(void)state;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/" LB_SAMPLES_CSV ".tmp", dir);
	assert_int_equal(mkdir(path, 0755), 0); /* fopen of the temp file fails */
	assert_int_equal(lb_results_write_tree(dir, run, err, sizeof(err)), -1);
	assert_non_null(strstr(err, LB_SAMPLES_CSV));
	snprintf(path, sizeof(path), "%s/" LB_RUN_JSON, dir);
	assert_int_equal(access(path, F_OK), -1);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	assert_int_equal(system(path), 0);
	json_decref(run);
}

/* A counter recorded in several scopes keeps each scope's values from every round. */
static void test_merge_keeps_scopes(void **state)
{
	struct lb_rrun rounds[2];
	json_t *merged, *dropped, *cmd = json_pack("[s,s]", "lazybench", "run");
	char err[512];
	const char *scopes[] = {"thread", "cpu", "remote_cpu"};
	(void)state;

	load(&rounds[0], "scopes-base");
	load(&rounds[1], "scopes-new");
	merged = lb_merge_rounds(rounds, 2, "merged", cmd, &dropped, err, sizeof(err));
	assert_non_null(merged);
	for (size_t s = 0; s < 3; s++) {
		json_t *c = json_array_get(json_object_get(merged, LB_K_CASES), 1), *k;
		size_t i, found = 0;

		json_array_foreach(json_object_get(c, LB_K_COUNTERS), i, k)
		{
			const char *sc = json_string_value(json_object_get(k, LB_K_SCOPE));
			json_t *v = json_object_get(k, LB_K_VALUES);

			if (strcmp(json_string_value(json_object_get(k, LB_K_NAME)), "tlb_flush") ||
			    strcmp(sc, scopes[s]))
				continue;
			found++;
			assert_int_equal((int)json_array_size(v), 24);
			/* Round 2's values of the same scope follow round 1's. */
			for (size_t r = 0; r < 2; r++) {
				const struct lb_rcase *rc = &rounds[r].cases[1];

				for (size_t q = 0; q < rc->n_counters; q++)
					if (!strcmp(rc->counters[q].name, "tlb_flush") &&
					    !strcmp(rc->counters[q].scope, scopes[s]))
						for (size_t x = 0; x < 12; x++)
							assert_true(
							    json_number_value(
								json_array_get(v, r * 12 + x)) ==
							    rc->counters[q].values[x]);
			}
		}
		assert_int_equal((int)found, 1);
	}
	json_decref(merged);
	json_decref(dropped);
	json_decref(cmd);
	lb_run_free(&rounds[0]);
	lb_run_free(&rounds[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_merge_two_rounds),
	    cmocka_unit_test(test_write_order),
	    cmocka_unit_test(test_merge_keeps_scopes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
