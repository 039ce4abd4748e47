// SPDX-License-Identifier: GPL-2.0
/*
 * The results contract end to end: what the harness's writer (results_write.c) puts in
 * run.json is what the reader (results_read.c) gives compare, plot and tune.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "results.h"
#include "results_read.h"

static void roundtrip(void **state)
{
	static double map_ns[4] = {3000, 3100, 2900, 3050}, unmap_ns[4] = {1000, 990, 1010, 1000};
	static bool none[4];
	static uint64_t flushes[4] = {4, 5, 6, 5};
	char dir[] = "/tmp/lb-roundtrip-XXXXXX", path[4096], err[512];
	struct lb_case_result c[2];
	struct lb_counter_result k[2];
	struct lb_run run;
	struct lb_rrun back;
	(void)state;

	memset(&run, 0, sizeof(run));
	memset(c, 0, sizeof(c));
	c[0].workload = "vmalloc";
	c[0].kind = LB_KIND_KERNEL;
	c[0].mode = LB_MODE_NESTED;
	c[0].pages = 512;
	c[0].batch = 64;
	c[0].remote = "none";
	c[0].remote_cpu = -1;
	c[0].started = c[0].complete = true;
	c[0].reps_done = 4;
	c[0].n_metrics = 2;
	c[0].metrics[0] = (struct lb_metric_result){"map", map_ns, none, {0}, NULL};
	c[0].metrics[1] =
	    (struct lb_metric_result){"unmap", unmap_ns, none, {0}, LB_EFFECT_CONTROL};
	for (int m = 0; m < 2; m++)
		lb_stats_summarize(c[0].metrics[m].samples, 4, 100, 0.95, 1,
				   &c[0].metrics[m].summary, NULL);
	k[0] = (struct lb_counter_result){.event = "tlb:tlb_flush",
					  .name = "tlb_flush",
					  .scope = "system",
					  .available = true,
					  .values = flushes};
	k[1] = (struct lb_counter_result){.event = "cycles",
					  .name = "cycles",
					  .scope = "thread",
					  .err_name = "ENOENT",
					  .reason = "hardware event not supported here"};
	c[0].n_counters = 2;
	c[0].counters = k;
	lb_case_id(&c[0]);
	/* A case this kernel refused: kept, with its reason and no metrics. */
	c[1].workload = "kasan";
	c[1].kind = LB_KIND_KERNEL;
	c[1].mode = LB_MODE_ON;
	c[1].pages = 64;
	c[1].batch = -1;
	c[1].remote = "none";
	c[1].remote_cpu = -1;
	c[1].started = true;
	c[1].refused = true;
	c[1].refused_err = "EOPNOTSUPP";
	snprintf(c[1].refused_reason, sizeof(c[1].refused_reason), "no CONFIG_KASAN_VMALLOC");
	lb_case_id(&c[1]);

	run.command_line = json_pack("[s,s,s,s]", "lazybench", "run", "--workload", "vmalloc");
	run.label = "rt";
	run.env = json_pack("{s:{s:s},s:s,s:I}", "kernel", "release", "7.3.4", "arch", "x86_64",
			    "page_size", (json_int_t)4096);
	run.run_order = json_pack("[s,s]", c[1].id, c[0].id);
	run.complete = true;
	run.settings = (struct lb_run_settings){4, 1, 0, true, NULL, 1, 100, 0.95, "shuffled", 1};
	run.n_cases = 2;
	run.cases = c;

	assert_non_null(mkdtemp(dir));
	if (lb_results_create_dir(dir, "rt", path, sizeof(path), err, sizeof(err)) ||
	    lb_results_write(path, &run, err, sizeof(err)))
		fail_msg("writer: %s", err);
	if (lb_run_load("rt", dir, &back, err, sizeof(err)))
		fail_msg("reader: %s", err);

	assert_string_equal(back.label, "rt");
	assert_true(back.complete);
	assert_int_equal((int)back.n_cases, 2);
	assert_string_equal(back.cases[0].id, "vmalloc/-/nested/p512/b64/none");
	assert_string_equal(back.cases[0].kind, "kernel");
	assert_string_equal(back.cases[0].mode, "nested");
	assert_null(back.cases[0].variant);
	assert_int_equal((int)back.cases[0].pages, 512);
	assert_int_equal((int)back.cases[0].batch, 64);
	assert_int_equal((int)back.cases[0].n_metrics, 2);
	assert_string_equal(back.cases[0].metrics[1].name, "unmap");
	assert_string_equal(back.cases[0].metrics[1].unit, "ns");
	assert_null(back.cases[0].metrics[0].effect);
	assert_string_equal(back.cases[0].metrics[1].effect, "control: no effect expected");
	assert_int_equal((int)back.cases[0].metrics[0].n, 4);
	for (int i = 0; i < 4; i++)
		assert_true(back.cases[0].metrics[0].samples[i] == map_ns[i]);
	assert_true(back.cases[0].counters[0].available);
	assert_int_equal((int)back.cases[0].counters[0].n, 4);
	assert_true(back.cases[0].counters[0].values[2] == 6);
	assert_false(back.cases[0].counters[1].available);
	assert_string_equal(back.cases[0].counters[1].reason, "hardware event not supported here");
	assert_non_null(back.cases[1].refused);
	assert_non_null(strstr(back.cases[1].refused, "CONFIG_KASAN_VMALLOC"));
	assert_int_equal((int)back.cases[1].n_metrics, 0);
	{
		char buf[64];

		assert_string_equal(lb_run_env_str(&back, "kernel.release", buf, sizeof(buf)),
				    "7.3.4");
		assert_string_equal(lb_run_env_str(&back, "page_size", buf, sizeof(buf)), "4096");
	}
	assert_int_equal((int)json_array_size(back.command_line), 4);
	lb_run_free(&back);
	json_decref(run.command_line);
	json_decref(run.env);
	json_decref(run.run_order);
	snprintf(err, sizeof(err), "rm -rf '%s'", dir);
	assert_int_equal(system(err), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(roundtrip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
