// SPDX-License-Identifier: GPL-2.0
/* results_write.c: directory refusal, run.json fields and samples.csv rows, read back. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "results.h"

static char dir[] = "/tmp/lb_test_results_XXXXXX";

#define N_COUNTERS 7

/* An available counter of 3 repetitions. */
static struct lb_counter_result measured(char *event, char *name, const char *scope,
					 uint64_t *values)
{
	return (struct lb_counter_result){
	    .event = event, .name = name, .scope = scope, .available = true, .values = values};
}

static void fill_run(struct lb_run *run, struct lb_case_result *c, struct lb_counter_result *k)
{
	static double fork_ns[3] = {1000, 1100, 5000}, reap_ns[3] = {2000, 2100, 2050.5};
	static bool out[3] = {false, false, true}, none[3];
	static uint64_t flushes[3] = {4, 5, 6}, dsb_vcpu[3] = {3, 3, 4}, dsb_other[3] = {0, 1, 0};
	static uint64_t task_ns[3] = {77394, 80269, 91256}, switches[3] = {1, 0, 2};
	/* 2^53 + 1: a count a double cannot hold, written exactly. */
	static uint64_t insns[3] = {9007199254740993ULL, 2000000, 1500000};

	memset(run, 0, sizeof(*run));
	memset(c, 0, sizeof(*c));
	c->workload = "fork";
	c->kind = LB_KIND_SYSCALL;
	c->mode = LB_MODE_ON;
	c->pages = 64;
	c->batch = -1;
	c->remote = "llc";
	c->cpu = 0;
	c->remote_cpu = 1;
	c->started = c->complete = true;
	c->reps_done = 3;
	c->n_metrics = 2;
	c->metrics[0] = (struct lb_metric_result){"fork", fork_ns, out, {0}, NULL};
	c->metrics[1] = (struct lb_metric_result){"exit_reap", reap_ns, none, {0}, NULL};
	for (int m = 0; m < 2; m++)
		lb_stats_summarize(c->metrics[m].samples, 3, 100, 0.95, 1, &c->metrics[m].summary,
				   NULL);
	k[0] = (struct lb_counter_result){.event = "tlb:tlb_flush",
					  .filter = "reason == 4",
					  .name = "tlb_flush.remote_ipi_send",
					  .scope = "cpu",
					  .available = true,
					  .values = flushes};
	k[1] = (struct lb_counter_result){.event = "cycles",
					  .name = "cycles",
					  .scope = "thread",
					  .err_name = "ENOENT",
					  .reason = "hardware event not supported here (no PMU)"};
	/* The TCG plugin's exact counts, in its two scopes; task-clock (ns); a scaled count. */
	k[2] = measured("tcg:dsb", "tcg.all.dsb", "vcpu", dsb_vcpu);
	k[3] = measured("tcg:dsb", "tcg.all.dsb", "other_vcpus", dsb_other);
	k[4] = measured("task-clock", "task-clock", "thread", task_ns);
	k[5] = measured("instructions", "instructions", "thread", insns);
	k[5].scaled = true;
	/* A user's tracepoint with a filter holding a comma and quotes: quoted in the csv. */
	k[6] = measured("sched:sched_switch", "sched:sched_switch[prev_comm == \"a,b\"]", "cpu",
			switches);
	k[6].filter = "prev_comm == \"a,b\"";
	c->n_counters = N_COUNTERS;
	c->counters = k;
	lb_case_id(c);
	run->command_line = json_pack("[s,s]", "lazybench", "run");
	run->label = "t1";
	run->env = json_pack("{s:s}", "arch", "x86_64");
	run->complete = true;
	run->settings = (struct lb_run_settings){3, 1, 0, true, NULL, 1, 100, 0.95, "shuffled", 1};
	run->n_cases = 1;
	run->cases = c;
}

static void writes_and_refuses(void **state)
{
	struct lb_run run;
	struct lb_case_result c;
	struct lb_counter_result k[N_COUNTERS];
	char path[4096], err[512], file[4200], csv[8192];
	json_error_t jerr;
	json_t *j, *jc, *jm;
	FILE *f;
	size_t len;

	(void)state;
	assert_non_null(mkdtemp(dir));
	fill_run(&run, &c, k);
	assert_string_equal(c.id, "fork/-/on/p64/b-/llc");
	assert_int_equal(lb_results_create_dir(dir, "t1", path, sizeof(path), err, sizeof(err)), 0);
	assert_int_equal(lb_results_create_dir(dir, "t1", path, sizeof(path), err, sizeof(err)),
			 EEXIST);
	assert_non_null(strstr(err, "already exists"));
	assert_int_equal(lb_results_write(path, &run, err, sizeof(err)), 0);

	snprintf(file, sizeof(file), "%s/run.json", path);
	j = json_load_file(file, 0, &jerr);
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(j, "schema_version")),
			 LB_SCHEMA_VERSION);
	assert_int_equal(LB_SCHEMA_VERSION, 2);
	assert_string_equal(json_string_value(json_object_get(j, "label")), "t1");
	assert_true(json_is_true(json_object_get(j, "complete")));
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "env"), "arch")),
			    "x86_64");
	jc = json_array_get(json_object_get(j, "cases"), 0);
	assert_string_equal(json_string_value(json_object_get(jc, "id")), "fork/-/on/p64/b-/llc");
	assert_true(json_is_null(json_object_get(jc, "variant")));
	assert_true(json_is_null(json_object_get(jc, "batch")));
	assert_int_equal(json_integer_value(json_object_get(jc, "remote_cpu")), 1);
	jm = json_array_get(json_object_get(jc, "metrics"), 0);
	assert_string_equal(json_string_value(json_object_get(jm, "name")), "fork");
	assert_int_equal(json_integer_value(json_array_get(json_object_get(jm, "samples"), 2)),
			 5000);
	assert_true(json_is_true(json_array_get(json_object_get(jm, "outlier"), 2)));
	assert_float_equal(
	    json_real_value(json_object_get(json_object_get(jm, "summary"), "median")), 1100, 0);
	assert_float_equal(
	    json_real_value(json_object_get(json_object_get(jm, "summary"), "per_page_median")),
	    1100.0 / 64, 1e-9);
	jm = json_array_get(json_object_get(jc, "counters"), 0);
	assert_string_equal(json_string_value(json_object_get(jm, "filter")), "reason == 4");
	assert_int_equal(json_integer_value(json_array_get(json_object_get(jm, "values"), 1)), 5);
	jm = json_array_get(json_object_get(jc, "counters"), 1);
	assert_true(json_is_false(json_object_get(jm, "available")));
	assert_string_equal(json_string_value(json_object_get(jm, "errno")), "ENOENT");
	assert_null(json_object_get(jm, "values"));
	json_decref(j);

	/* samples.csv: every timed sample (scope elapsed, ns), then every available counter's
	 * values in both TCG scopes, task-clock in ns, the scaled count marked and exact; the
	 * unavailable cycles has no row. */
	snprintf(file, sizeof(file), "%s/samples.csv", path);
	f = fopen(file, "r");
	assert_non_null(f);
	len = fread(csv, 1, sizeof(csv) - 1, f);
	csv[len] = '\0';
	fclose(f);
#define ROW "fork/-/on/p64/b-/llc,fork,,on,64,,llc,"
	assert_string_equal(
	    csv,
	    "case_id,workload,variant,mode,pages,batch,remote,metric,scope,rep,value,unit,"
	    "scaled\n" ROW "fork,elapsed,0,1000,ns,\n" ROW "fork,elapsed,1,1100,ns,\n" ROW
	    "fork,elapsed,2,5000,ns,\n" ROW "exit_reap,elapsed,0,2000,ns,\n" ROW
	    "exit_reap,elapsed,1,2100,ns,\n" ROW "exit_reap,elapsed,2,2050.5,ns,\n" ROW
	    "tlb_flush.remote_ipi_send,cpu,0,4,count,0\n" ROW
	    "tlb_flush.remote_ipi_send,cpu,1,5,count,0\n" ROW
	    "tlb_flush.remote_ipi_send,cpu,2,6,count,0\n" ROW "tcg.all.dsb,vcpu,0,3,count,0\n" ROW
	    "tcg.all.dsb,vcpu,1,3,count,0\n" ROW "tcg.all.dsb,vcpu,2,4,count,0\n" ROW
	    "tcg.all.dsb,other_vcpus,0,0,count,0\n" ROW "tcg.all.dsb,other_vcpus,1,1,count,0\n" ROW
	    "tcg.all.dsb,other_vcpus,2,0,count,0\n" ROW "task-clock,thread,0,77394,ns,0\n" ROW
	    "task-clock,thread,1,80269,ns,0\n" ROW "task-clock,thread,2,91256,ns,0\n" ROW
	    "instructions,thread,0,9007199254740993,count,1\n" ROW
	    "instructions,thread,1,2000000,count,1\n" ROW
	    "instructions,thread,2,1500000,count,1\n" ROW
	    "\"sched:sched_switch[prev_comm == \"\"a,b\"\"]\",cpu,0,1,count,0\n" ROW
	    "\"sched:sched_switch[prev_comm == \"\"a,b\"\"]\",cpu,1,0,count,0\n" ROW
	    "\"sched:sched_switch[prev_comm == \"\"a,b\"\"]\",cpu,2,2,count,0\n");
#undef ROW
	snprintf(file, sizeof(file), "%s/run.json.tmp", path);
	assert_int_equal(access(file, F_OK), -1);
	json_decref(run.command_line);
	json_decref(run.env);
}

/* From a run.json tree (the merge's path): a sample held as null is an empty value, never 0;
 * the counters of a variant and batch case; an unavailable counter and a refused case have no
 * row; schema_version stamped. */
static void tree_rows(void **state)
{
	char tdir[] = "/tmp/lb_test_tree_XXXXXX", path[4200], err[512], csv[2048];
	json_t *run = json_pack(
	    "{s:i, s:[{s:s, s:s, s:s, s:s, s:i, s:i, s:s, s:[{s:s, s:s, s:[f, n]}], s:[{s:s, s:s, "
	    "s:s, s:b, s:[i, i], s:b}, {s:s, s:s, s:s, s:b}]}, {s:s, s:s, s:n, s:s, s:i, s:n, s:s, "
	    "s:[], s:[]}]}",
	    LB_K_SCHEMA_VERSION, 1, LB_K_CASES, LB_K_ID, "populate/kasan/off/p8/b4/none",
	    LB_K_WORKLOAD, "populate", LB_K_VARIANT, "kasan", LB_K_MODE, "off", LB_K_PAGES, 8,
	    LB_K_BATCH, 4, LB_K_REMOTE, "none", LB_K_METRICS, LB_K_NAME, "populate", LB_K_UNIT,
	    "ns", LB_K_SAMPLES, 1.5, LB_K_COUNTERS, LB_K_EVENT, "tcg:tlbi", LB_K_NAME,
	    "tcg.populate.tlbi", LB_K_SCOPE, "other_vcpus", LB_K_AVAILABLE, 1, LB_K_VALUES, 7, 0,
	    LB_K_SCALED, 0, LB_K_EVENT, "tcg:dsb", LB_K_NAME, "tcg.populate.dsb", LB_K_SCOPE,
	    "vcpu", LB_K_AVAILABLE, 0, LB_K_ID, "mprotect/-/nested/p8/b-/none", LB_K_WORKLOAD,
	    "mprotect", LB_K_VARIANT, LB_K_MODE, "nested", LB_K_PAGES, 8, LB_K_BATCH, LB_K_REMOTE,
	    "none", LB_K_METRICS, LB_K_COUNTERS);
	FILE *f;
	size_t len;
	(void)state;

	assert_non_null(run);
	assert_non_null(mkdtemp(tdir));
	assert_int_equal(lb_results_write_tree(tdir, run, err, sizeof(err)), 0);
	assert_int_equal(json_integer_value(json_object_get(run, LB_K_SCHEMA_VERSION)), 2);
	snprintf(path, sizeof(path), "%s/" LB_SAMPLES_CSV, tdir);
	assert_non_null(f = fopen(path, "r"));
	len = fread(csv, 1, sizeof(csv) - 1, f);
	csv[len] = '\0';
	fclose(f);
#define ROW "populate/kasan/off/p8/b4/none,populate,kasan,off,8,4,none,"
	assert_string_equal(csv,
			    LB_SAMPLES_CSV_HEADER "\n" ROW "populate,elapsed,0,1.5,ns,\n" ROW
						  "populate,elapsed,1,,ns,\n" ROW
						  "tcg.populate.tlbi,other_vcpus,0,7,count,0\n" ROW
						  "tcg.populate.tlbi,other_vcpus,1,0,count,0\n");
#undef ROW
	snprintf(path, sizeof(path), "rm -rf '%s'", tdir);
	assert_int_equal(system(path), 0);
	json_decref(run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(writes_and_refuses),
	    cmocka_unit_test(tree_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
