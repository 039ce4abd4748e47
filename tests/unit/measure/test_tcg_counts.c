// SPDX-License-Identifier: GPL-2.0
/*
 * TCG plugin counts as case counters (src/measure/tcg_counts.c): the plugin's line format, the
 * per-repetition accounting against a file written as the plugin writes it, and every path to
 * "unavailable" with its reason (outside the VM bed, a region-count mismatch, a missing or extra
 * sum, a marker error, a migrated region).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "counters.h"
#include "tcg_counts.h"

#define HEADER "lbtcg 2 arch aarch64 vcpus 2 events insn dsb.ishst dsb.ish isb tlbi.vale1is\n"

static void header_and_sum(void **state)
{
	char *names[LB_TCG_MAX_EVENTS], why[256];
	struct lb_tcg_sum r = {0};
	int n;

	(void)state;
	assert_int_equal(lb_tcg_parse_header("lbtcg 1 arch x events insn\n", names, 8), -1);
	assert_int_equal(lb_tcg_parse_header("lbtcg 2 arch x vcpus 2\n", names, 8), -1);
	assert_int_equal(lb_tcg_parse_header(HEADER, names, 3), -1); /* too many events */
	/* The first line only: sum lines follow it in the file. */
	n = lb_tcg_parse_header(HEADER "sum 0 regions 1 migrated 0 own insn=1 other insn=0\n",
				names, LB_TCG_MAX_EVENTS);
	assert_int_equal(n, 5);
	assert_string_equal(names[0], "insn");
	assert_string_equal(names[4], "tlbi.vale1is");

	assert_int_equal(
	    lb_tcg_parse_sum("end sums 3 regions 9 errors 0\n", names, 5, &r, why, 256), 0);
	/* The version-1 per-region line is not a sum. */
	assert_int_equal(lb_tcg_parse_sum("region 0 cpu 0 close_cpu 0 own insn=1 other insn=0\n",
					  names, 5, &r, why, 256),
			 0);
	assert_int_equal(lb_tcg_parse_sum("sum 7 regions 512 migrated 1 own insn=53522 dsb.ishst=3 "
					  "isb=5 other insn=12 tlbi.vale1is=2\n",
					  names, 5, &r, why, sizeof(why)),
			 1);
	assert_int_equal(r.regions, 512);
	assert_int_equal(r.migrated, 1);
	assert_int_equal(r.own[0], 53522);
	assert_int_equal(r.own[1], 3);
	assert_int_equal(r.own[2], 0); /* absent: counted, 0 */
	assert_int_equal(r.own[3], 5);
	assert_int_equal(r.other[0], 12);
	assert_int_equal(r.other[4], 2);
	assert_int_equal(r.own[4], 0);
	/* The struct is reused: what the previous line set is 0 again when not named. */
	assert_int_equal(lb_tcg_parse_sum("sum 8 regions 0 migrated 0 own insn=7 other insn=1\n",
					  names, 5, &r, why, sizeof(why)),
			 1);
	assert_int_equal(r.own[0], 7);
	assert_int_equal(r.own[1], 0);
	assert_int_equal(r.own[3], 0);
	assert_int_equal(r.other[4], 0);
	assert_int_equal(r.regions, 0);
	assert_int_equal(r.migrated, 0);

	assert_int_equal(lb_tcg_parse_sum("sum 1 regions 1 migrated 0 own insn=1 dmb=2", names, 5,
					  &r, why, sizeof(why)),
			 -1);
	assert_non_null(strstr(why, "not in the plugin's header"));
	assert_int_equal(
	    lb_tcg_parse_sum("sum 1 regions 1 migrated 0 insn=1", names, 5, &r, why, sizeof(why)),
	    -1);
	assert_non_null(strstr(why, "no scope"));
	assert_int_equal(lb_tcg_parse_sum("sum 1 regions 1 migrated 0 own insn=x", names, 5, &r,
					  why, sizeof(why)),
			 -1);
	assert_non_null(strstr(why, "bad count"));
	assert_int_equal(
	    lb_tcg_parse_sum("sum 1 regions 1 own insn=1", names, 5, &r, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "malformed"));
	for (int i = 0; i < n; i++)
		free(names[i]);
}

/* A plugin file in a temporary directory, named by LAZYBENCH_TCG_REGIONS. */
static char path[64];

static void append(const char *s)
{
	FILE *f = fopen(path, "a");

	assert_non_null(f);
	fputs(s, f);
	fclose(f);
}

static int file_setup(void **state)
{
	int fd;

	(void)state;
	snprintf(path, sizeof(path), "/tmp/lb-tcg-test.XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	append(HEADER);
	setenv("LAZYBENCH_TCG_REGIONS", path, 1);
	unsetenv("LAZYBENCH_TCG_UNAVAILABLE");
	return 0;
}

static int file_teardown(void **state)
{
	(void)state;
	unlink(path);
	unsetenv("LAZYBENCH_TCG_REGIONS");
	return 0;
}

static const char *const metrics[] = {"map", "unmap"};

static const struct lb_counter_result *find(const struct lb_counter_result *k, size_t n,
					    const char *name, const char *scope)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(k[i].name, name) && !strcmp(k[i].scope, scope))
			return &k[i];
	return NULL;
}

/* The harness's repetitions of a kernel case: the first one's RUN brings every repetition's
 * regions (written by `write`), the RUN's layout is handed over, the ends count the measured. */
static void kernel_visit(struct lb_tcg *t, void (*write)(void), const unsigned long *layout,
			 unsigned warmup, unsigned reps)
{
	for (unsigned r = 0; r < warmup + reps; r++) {
		lb_tcg_rep_begin(t);
		if (!r) {
			write();
			lb_tcg_run(t, layout, warmup + reps, warmup);
		}
		lb_tcg_rep_end(t, r >= warmup);
	}
}

static const char *const kmetrics[] = {"map", "unmap", "purge", "empty"};

/* One repetition of the RUN: 2 map sections, 2 unmap sections, the purge, one sum each pass;
 * the empty pass is not marked. The warmup (first) one has other counts. */
static void write_kernel_rep(bool warmup)
{
	append("sum 0 regions 2 migrated 0 own insn=200 dsb.ishst=3 isb=2 other insn=7\n");
	append(warmup ? "sum 1 regions 2 migrated 0 own insn=999 other insn=0\n"
		      : "sum 1 regions 2 migrated 0 own insn=101 tlbi.vale1is=4 dsb.ish=2 other "
			"insn=3\n");
	append("sum 2 regions 1 migrated 0 own insn=20 tlbi.vale1is=1 dsb.ish=2 other insn=0\n");
}

static void write_kernel_run(void)
{
	write_kernel_rep(true);
	write_kernel_rep(false);
	write_kernel_rep(false);
}

static const unsigned long klayout[] = {2, 2, 1, 0, 2, 2, 1, 0, 2, 2, 1, 0};

/* 1 warmup + 2 timed repetitions in one RUN, split per repetition and metric. */
static void kernel_accounting(void **state)
{
	struct lb_tcg *t = lb_tcg_open(true, 4, kmetrics, 2);
	struct lb_counter_result *k = NULL;
	const struct lb_counter_result *x;
	size_t n;

	(void)state;
	assert_true(lb_tcg_available(t));
	kernel_visit(t, write_kernel_run, klayout, 1, 2);
	assert_true(lb_tcg_available(t));
	n = lb_tcg_export(t, &k, 0);
	/* 3 marked metrics x 2 scopes x (5 events + 2 groups); none for the empty pass */
	assert_int_equal(n, 42);
	assert_null(find(k, n, "tcg.empty.insn", "vcpu"));
	x = find(k, n, "tcg.map.dsb.ishst", "vcpu");
	assert_non_null(x);
	assert_true(x->available);
	assert_string_equal(x->event, "tcg:dsb.ishst");
	assert_int_equal(x->values[0], 3);
	assert_int_equal(x->values[1], 3);
	x = find(k, n, "tcg.map.dsb", "vcpu"); /* group total */
	assert_int_equal(x->values[0], 3);
	x = find(k, n, "tcg.unmap.dsb", "vcpu");
	assert_int_equal(x->values[0], 2);
	x = find(k, n, "tcg.unmap.tlbi", "vcpu");
	assert_int_equal(x->values[1], 4);
	x = find(k, n, "tcg.unmap.insn", "vcpu"); /* warmup's 999 dropped */
	assert_int_equal(x->values[0], 101);
	assert_int_equal(x->values[1], 101);
	x = find(k, n, "tcg.purge.dsb", "vcpu");
	assert_int_equal(x->values[0], 2);
	assert_int_equal(x->values[1], 2);
	x = find(k, n, "tcg.purge.insn", "vcpu");
	assert_int_equal(x->values[1], 20);
	x = find(k, n, "tcg.map.insn", "other_vcpus");
	assert_int_equal(x->values[1], 7);
	x = find(k, n, "tcg.unmap.insn", "other_vcpus");
	assert_int_equal(x->values[0], 3);
	lb_counter_results_free(k, n);
	lb_tcg_close(t);
}

/* The harness stopped after one measured repetition: only that one is exported. */
static void kernel_stopped_early(void **state)
{
	struct lb_tcg *t = lb_tcg_open(true, 4, kmetrics, 2);
	struct lb_counter_result *k = NULL;
	const struct lb_counter_result *x;
	size_t n;

	(void)state;
	lb_tcg_rep_begin(t);
	write_kernel_run();
	lb_tcg_run(t, klayout, 3, 1);
	lb_tcg_rep_end(t, false);
	lb_tcg_rep_begin(t);
	lb_tcg_rep_end(t, true);
	n = lb_tcg_export(t, &k, 0);
	x = find(k, n, "tcg.unmap.insn", "vcpu");
	assert_non_null(x);
	assert_true(x->available);
	assert_int_equal(x->values[0], 101);
	lb_counter_results_free(k, n);
	lb_tcg_close(t);
}

static void expect_unavailable(struct lb_tcg *t, const char *err, const char *needle)
{
	struct lb_counter_result *k = NULL;
	size_t n = lb_tcg_export(t, &k, 0);

	assert_false(lb_tcg_available(t));
	assert_int_equal(n, 2); /* one per metric */
	assert_string_equal(k[0].name, "tcg.map");
	assert_false(k[0].available);
	assert_null(k[0].values);
	assert_string_equal(k[0].err_name, err);
	if (!strstr(k[0].reason, needle))
		fail_msg("reason '%s' lacks '%s'", k[0].reason, needle);
	lb_counter_results_free(k, n);
	lb_tcg_close(t);
}

static const unsigned long layout1[] = {1, 1, 1, 1, 1, 1};

static void write_one_missing(void)
{
	append("sum 0 regions 1 migrated 0 own insn=1 other insn=0\n");
	append("sum 1 regions 1 migrated 0 own insn=1 other insn=0\n");
	append("sum 2 regions 1 migrated 0 own insn=1 other insn=0\n"); /* rep 2: one missing */
}

static void write_one_extra(void)
{
	append("sum 0 regions 1 migrated 0 own insn=1 other insn=0\n");
	append("sum 1 regions 2 migrated 0 own insn=2 other insn=0\n"); /* a foreign region */
}

static void write_foreign_sum(void)
{
	append("sum 0 regions 1 migrated 0 own insn=1 other insn=0\n");
	append("sum 1 regions 0 migrated 0 own insn=0 other insn=0\n"); /* another sum marker */
	append("sum 2 regions 1 migrated 0 own insn=1 other insn=0\n");
}

/* A kernel case of 2 metrics whose RUN of `reps` repetitions (layout1, no warmup) wrote what
 * `write` appends: unavailable, EPROTO, the reason containing needle. */
static void expect_kernel_unavailable(void (*write)(void), unsigned reps, const char *needle)
{
	struct lb_tcg *t = lb_tcg_open(true, 2, metrics, 4);

	kernel_visit(t, write, layout1, 0, reps);
	expect_unavailable(t, "EPROTO", needle);
}

static void region_count_mismatch(void **state)
{
	(void)state;
	expect_kernel_unavailable(
	    write_one_missing, 2,
	    "the TCG plugin wrote 3 sums of marked regions for the RUN of "
	    "repetitions 1-2 (warmup included), which had 4 passes of timed sections");
	expect_kernel_unavailable(write_one_extra, 1,
				  "repetition 1, unmap: the TCG plugin saw 2 marked regions, the "
				  "run had 1 timed sections");
	expect_kernel_unavailable(write_foreign_sum, 1,
				  "repetition 1, unmap: the TCG plugin saw 0 marked regions, the "
				  "run had 1 timed sections");
}

static void write_marker_error(void)
{
	append("error close without open cpu 1 owner 0\n");
	append("sum 0 regions 1 migrated 0 own insn=1 other insn=0\n");
	append("sum 1 regions 1 migrated 0 own insn=1 other insn=0\n");
}

static void write_migrated(void)
{
	append("sum 0 regions 1 migrated 0 own insn=1 other insn=0\n");
	append("sum 1 regions 1 migrated 0 own insn=1 other insn=0\n");
	append("sum 2 regions 1 migrated 1 own insn=1 other insn=0\n");
	append("sum 3 regions 1 migrated 0 own insn=1 other insn=0\n");
}

static void marker_error_and_migration(void **state)
{
	(void)state;
	expect_kernel_unavailable(write_marker_error, 1,
				  "reported: error close without open cpu 1");
	expect_kernel_unavailable(write_migrated, 2,
				  "repetition 2: 1 marked region(s) closed on another vCPU than "
				  "they opened on (the task migrated)");
}

static void outside_the_vm_bed(void **state)
{
	(void)state;
	unsetenv("LAZYBENCH_TCG_REGIONS");
	expect_unavailable(lb_tcg_open(true, 2, metrics, 4), "ENOENT", "VM bed");
	setenv("LAZYBENCH_TCG_UNAVAILABLE", "the TCG plugin was turned off", 1);
	expect_unavailable(lb_tcg_open(true, 2, metrics, 4), "ENOENT", "turned off");
	unsetenv("LAZYBENCH_TCG_UNAVAILABLE");
	setenv("LAZYBENCH_TCG_REGIONS", "/nonexistent/tcg-regions", 1);
	expect_unavailable(lb_tcg_open(true, 2, metrics, 4), "EIO", "cannot read");
}

/* Syscall workloads: one sum per repetition of as many regions as the harness marked, one
 * "all" metric; a repetition whose sum differs is unavailable. */
static void syscall_regions(void **state)
{
	struct lb_tcg *t = lb_tcg_open(false, 1, metrics, 2);
	struct lb_counter_result *k = NULL;
	size_t n;

	(void)state;
	append("sum 0 regions 3 migrated 0 own insn=10 other insn=0\n"); /* before: skipped */
	lb_tcg_rep_begin(t);
	lb_tcg_mark_open(t); /* natively a NOP */
	lb_tcg_mark_close(t);
	lb_tcg_mark_open(t);
	lb_tcg_mark_close(t);
	append("sum 1 regions 2 migrated 0 own insn=20 dsb.ish=2 other insn=0\n");
	lb_tcg_rep_end(t, true);
	assert_true(lb_tcg_available(t));
	n = lb_tcg_export(t, &k, 0);
	assert_int_equal(n, 14);
	assert_int_equal(find(k, n, "tcg.all.dsb", "vcpu")->values[0], 2);
	assert_int_equal(find(k, n, "tcg.all.insn", "vcpu")->values[0], 20);
	lb_counter_results_free(k, n);
	lb_tcg_close(t);

	t = lb_tcg_open(false, 1, metrics, 2);
	lb_tcg_rep_begin(t);
	lb_tcg_mark_open(t);
	lb_tcg_mark_close(t);
	append("sum 2 regions 2 migrated 0 own insn=20 other insn=0\n");
	lb_tcg_rep_end(t, true);
	assert_false(lb_tcg_available(t));
	n = lb_tcg_export(t, &k, 0);
	assert_int_equal(n, 1);
	assert_string_equal(k[0].reason, "repetition 1: the TCG plugin saw 2 marked regions, the "
					 "run had 1 timed sections");
	lb_counter_results_free(k, n);
	lb_tcg_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(header_and_sum),
	    cmocka_unit_test_setup_teardown(kernel_accounting, file_setup, file_teardown),
	    cmocka_unit_test_setup_teardown(kernel_stopped_early, file_setup, file_teardown),
	    cmocka_unit_test_setup_teardown(region_count_mismatch, file_setup, file_teardown),
	    cmocka_unit_test_setup_teardown(marker_error_and_migration, file_setup, file_teardown),
	    cmocka_unit_test_setup_teardown(outside_the_vm_bed, file_setup, file_teardown),
	    cmocka_unit_test_setup_teardown(syscall_regions, file_setup, file_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
