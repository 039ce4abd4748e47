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
#include <unistd.h>

#include <cmocka.h>

#include "merge.h"

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
	merged = merge_rounds(rounds, 2, "merged", cmd, &dropped, err, sizeof(err));
	assert_non_null(merged);
	/* fork is only in base: left out and named. */
	assert_int_equal((int)json_array_size(dropped), 1);
	assert_string_equal(json_string_value(json_array_get(dropped, 0)),
			    "fork/-/on/p1024/b-/none");
	assert_false(json_is_true(json_object_get(merged, "complete")));

	assert_non_null(mkdtemp(dir));
	assert_int_equal(merge_write(dir, "merged", merged, err, sizeof(err)), 0);
	/* Never overwritten. */
	assert_int_equal(merge_write(dir, "merged", merged, err, sizeof(err)), -1);
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
		/* 12 + 12 samples, round 1's first, then round 2's. */
		assert_int_equal((int)c->metrics[0].n, 24);
		assert_true(c->metrics[0].samples[0] == rounds[0].cases[0].metrics[0].samples[0]);
		assert_true(c->metrics[0].samples[12] == rounds[1].cases[0].metrics[0].samples[0]);
		/* Counter values concatenated; the unavailable one stays unavailable. */
		assert_int_equal((int)c->counters[0].n, 24);
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
		    24);
		lb_run_free(&back);
	}
	snprintf(err, sizeof(err), "rm -rf '%s'", dir);
	assert_int_equal(system(err), 0);
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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
