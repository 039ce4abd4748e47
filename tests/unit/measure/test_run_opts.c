// SPDX-License-Identifier: GPL-2.0
/* `run` flag parsing (errors name the flag) and sweep expansion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "run_opts.h"

static int parse(struct lb_run_opts *o, char *err, const char *a1, const char *a2, const char *a3,
		 const char *a4)
{
	char *argv[6] = {"run", (char *)a1, (char *)a2, (char *)a3, (char *)a4, NULL};
	int argc = 1;

	while (argc < 5 && argv[argc])
		argc++;
	argv[argc] = NULL;
	return lb_run_parse(argc, argv, o, err, 256);
}

static void defaults_and_lists(void **state)
{
	static struct lb_run_opts o;
	char err[256];

	(void)state;
	assert_int_equal(parse(&o, err, NULL, NULL, NULL, NULL), 0);
	assert_int_equal(o.n_workloads, 5);
	assert_false(o.quiet);
	assert_int_equal(o.reps, 30);
	assert_int_equal(o.warmup, 3);
	assert_string_equal(o.results_dir, "results");
	assert_int_equal(parse(&o, err, "--pages", "1,64,4096", "--remote=none,llc", NULL), 0);
	assert_int_equal(o.n_pages, 3);
	assert_int_equal(o.pages[2], 4096);
	assert_int_equal(o.n_remotes, 2);
	assert_int_equal(o.remotes[1], LB_PLACE_LLC);
	assert_int_equal(
	    parse(&o, err, "--events", "tlb:tlb_flush[reason == 1],cycles", "-q", NULL), 0);
	assert_true(o.quiet);
	assert_string_equal(o.events[o.n_events - 2].filter, "reason == 1");
}

static void errors_name_the_flag(void **state)
{
	static struct lb_run_opts o;
	char err[256];

	(void)state;
	assert_int_equal(parse(&o, err, "--reps", "0", NULL, NULL), -1);
	assert_non_null(strstr(err, "--reps 0"));
	assert_int_equal(parse(&o, err, "--pages", "1,x", NULL, NULL), -1);
	assert_non_null(strstr(err, "--pages x"));
	/* Issue 12: an empty item is refused, not dropped; an item given twice would make two
	 * cases with one id; a label is never read as an option; its length is named. */
	assert_int_equal(parse(&o, err, "--pages", "1,,x", NULL, NULL), -1);
	assert_string_equal(err, "--pages 1,,x: empty item");
	assert_int_equal(parse(&o, err, "--pages", "16,", NULL, NULL), -1);
	assert_string_equal(err, "--pages 16,: empty item");
	assert_int_equal(parse(&o, err, "--pages", "16,016", NULL, NULL), -1);
	assert_string_equal(err, "--pages 16,016: 016 given twice");
	assert_int_equal(parse(&o, err, "--mode", "on,off,on", NULL, NULL), -1);
	assert_string_equal(err, "--mode on,off,on: on given twice");
	assert_int_equal(parse(&o, err, "--label", "-x", NULL, NULL), -1);
	assert_non_null(strstr(err, "--label -x: must not start with '-'"));
	{
		char long_label[301];

		memset(long_label, 'a', 300);
		long_label[300] = 0;
		assert_int_equal(parse(&o, err, "--label", long_label, NULL, NULL), -1);
		assert_string_equal(err, "--label: 300 characters, at most 128");
	}
	assert_int_equal(parse(&o, err, "--workload", "fork,spoon", NULL, NULL), -1);
	assert_non_null(strstr(err, "--workload spoon"));
	assert_non_null(strstr(err, "mprotect"));
	assert_int_equal(parse(&o, err, "--frobnicate", NULL, NULL, NULL), -1);
	assert_non_null(strstr(err, "--frobnicate"));
	assert_int_equal(parse(&o, err, "--warmup", NULL, NULL, NULL), -1);
	assert_non_null(strstr(err, "--warmup"));
	assert_non_null(strstr(err, "needs a value"));
	assert_int_equal(parse(&o, err, "--label", "a/b", NULL, NULL), -1);
	assert_non_null(strstr(err, "--label a/b"));
	assert_int_equal(parse(&o, err, "stray", NULL, NULL, NULL), -1);
	assert_non_null(strstr(err, "stray"));
}

static void expansion(void **state)
{
	static struct lb_run_opts o;
	struct lb_case_result *c;
	char err[256];
	size_t n;

	(void)state;
	assert_int_equal(parse(&o, err, "--workload", "fork,mprotect", "--mode", "on,off"), 0);
	o.pages[0] = 8;
	o.pages[1] = 16;
	o.n_pages = 2;
	n = lb_run_expand(&o, &c);
	assert_int_equal(n, 2 * 2 * 2);
	/* Definition order: workload, variant, mode, pages, batch, remote. */
	assert_string_equal(c[0].id, "fork/-/on/p8/b-/none");
	assert_string_equal(c[1].id, "fork/-/on/p16/b-/none");
	assert_string_equal(c[2].id, "fork/-/off/p8/b-/none");
	assert_string_equal(c[4].id, "mprotect/-/on/p8/b-/none");
	assert_int_equal(c[0].n_metrics, 2);
	assert_int_equal(c[4].n_metrics, 2); /* protect, unprotect */
	assert_int_equal(c[7].batch, -1);
	free(c);
}

/* The default list is the syscall workloads that are not opt-in (the lazy TLB ones are), whatever
 * the table holds after them. */
static void default_is_syscall_workloads(void **state)
{
	static struct lb_run_opts o;
	char err[256];
	size_t n_syscall = 0;

	(void)state;
	for (size_t i = 0; lb_workloads[i]; i++)
		n_syscall += lb_workloads[i]->kind == LB_KIND_SYSCALL && !lb_workloads[i]->opt_in;
	assert_int_equal(parse(&o, err, NULL, NULL, NULL, NULL), 0);
	assert_int_equal(o.n_workloads, n_syscall);
	for (size_t i = 0; i < o.n_workloads; i++)
		assert_int_equal(o.workloads[i]->kind, LB_KIND_SYSCALL);
	assert_false(o.batch_partly_unused);
}

/* --batch never vanishes: refused when nothing takes it, said and recorded null when mixed. */
static void batch_needs_a_workload_with_batch(void **state)
{
	static struct lb_run_opts o;
	struct lb_case_result *c;
	char err[256];
	size_t n;

	(void)state;
	assert_false(lb_workload_find("mprotect")->has_batch);
	assert_true(lb_workload_find("vmalloc")->has_batch);
	/* Only syscall workloads, named or by default, and in either flag order. */
	assert_int_equal(parse(&o, err, "--workload", "mprotect,fork", "--batch", "8"), -1);
	assert_non_null(strstr(err, "--batch 8"));
	assert_non_null(strstr(err, "mprotect,fork"));
	assert_int_equal(parse(&o, err, "--batch", "1,8", "--workload", "munmap"), -1);
	assert_non_null(strstr(err, "--batch 1,8"));
	assert_int_equal(parse(&o, err, "--batch", "8", NULL, NULL), -1);
	assert_non_null(strstr(err, "--batch 8"));
	assert_null(strchr(err, '\n'));

	/* Mixed: kernel workloads sweep the batches, syscall ones run once with batch null. */
	assert_int_equal(parse(&o, err, "--workload", "mprotect,vmalloc", "--batch", "1,8"), 0);
	assert_true(o.batch_partly_unused);
	lb_run_batchless(&o, err, sizeof(err));
	assert_string_equal(err, "mprotect");
	o.n_pages = 1;
	o.pages[0] = 16;
	n = lb_run_expand(&o, &c);
	assert_int_equal(n, 1 + 2);
	assert_string_equal(c[0].id, "mprotect/-/on/p16/b-/none");
	assert_int_equal(c[0].batch, -1);
	assert_string_equal(c[1].id, "vmalloc/-/on/p16/b1/none");
	assert_int_equal(c[2].batch, 8);
	free(c);

	/* Only kernel workloads: nothing to say. */
	assert_int_equal(parse(&o, err, "--workload", "vmalloc,zap", "--batch", "8"), 0);
	assert_false(o.batch_partly_unused);
}

/* --rounds: 1 by default, 1 <= K <= --reps in either flag order, errors name --rounds; the
 * reps split into K chunks that differ by at most one, the first ones larger. */
static void rounds(void **state)
{
	static struct lb_run_opts o;
	char err[256];
	unsigned sum = 0;

	(void)state;
	assert_int_equal(parse(&o, err, NULL, NULL, NULL, NULL), 0);
	assert_int_equal(o.rounds, 1);
	assert_int_equal(lb_run_chunk(&o, 0), 30);
	assert_int_equal(parse(&o, err, "--reps", "10", "--rounds", "3"), 0);
	assert_int_equal(o.rounds, 3);
	assert_int_equal(lb_run_chunk(&o, 0), 4);
	assert_int_equal(lb_run_chunk(&o, 1), 3);
	assert_int_equal(lb_run_chunk(&o, 2), 3);
	assert_int_equal(parse(&o, err, "--rounds", "8", "--reps", "40"), 0);
	for (unsigned r = 0; r < 8; r++) {
		assert_int_equal(lb_run_chunk(&o, r), 5);
		sum += lb_run_chunk(&o, r);
	}
	assert_int_equal(sum, 40);
	assert_int_equal(parse(&o, err, "--reps", "7", "--rounds", "7"), 0);
	assert_int_equal(lb_run_chunk(&o, 6), 1);
	assert_int_equal(parse(&o, err, "--rounds", "5", "--reps", "13"), 0);
	assert_int_equal(lb_run_chunk(&o, 0), 3);
	assert_int_equal(lb_run_chunk(&o, 2), 3);
	assert_int_equal(lb_run_chunk(&o, 3), 2);

	assert_int_equal(parse(&o, err, "--rounds", "0", NULL, NULL), -1);
	assert_non_null(strstr(err, "--rounds 0"));
	assert_null(strchr(err, '\n'));
	assert_int_equal(parse(&o, err, "--rounds", "x", NULL, NULL), -1);
	assert_non_null(strstr(err, "--rounds x"));
	assert_int_equal(parse(&o, err, "--rounds", "-2", NULL, NULL), -1);
	assert_non_null(strstr(err, "--rounds -2"));
	/* More rounds than repetitions (default reps 30, or given before or after). */
	assert_int_equal(parse(&o, err, "--rounds", "31", NULL, NULL), -1);
	assert_non_null(strstr(err, "--rounds 31"));
	assert_non_null(strstr(err, "--reps 30"));
	assert_int_equal(parse(&o, err, "--reps", "3", "--rounds", "4"), -1);
	assert_non_null(strstr(err, "--rounds 4"));
	assert_int_equal(parse(&o, err, "--rounds", "4", "--reps", "3"), -1);
	assert_non_null(strstr(err, "--rounds 4"));
	assert_null(strchr(err, '\n'));
	assert_int_equal(parse(&o, err, "--rounds", NULL, NULL, NULL), -1);
	assert_non_null(strstr(err, "--rounds"));
}

/* --delay-ns: N for every case, CASE-ID=N for one (wins over N), 0..1000000; refused with
 * a syscall workload and for an id the run does not have; lb_run_expand records it per case. */
static void delay_ns(void **state)
{
	static struct lb_run_opts o;
	struct lb_case_result *c;
	char err[256];
	size_t n;

	(void)state;
	assert_int_equal(parse(&o, err, "--workload", "vmalloc", NULL, NULL), 0);
	assert_false(o.delay_given);
	n = lb_run_expand(&o, &c);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(c[i].delay_ns, 0);
	free(c);

	assert_int_equal(parse(&o, err, "--workload", "vmalloc,vmap", "--delay-ns",
			       "500,vmap/-/on/p64/b-/none=7000"),
			 0);
	assert_true(o.delay_given);
	assert_int_equal(o.delay_all, 500);
	assert_int_equal(lb_run_delay_of(&o, "vmap/-/on/p64/b-/none"), 7000);
	assert_int_equal(lb_run_delay_of(&o, "vmap/-/on/p1/b-/none"), 500);
	n = lb_run_expand(&o, &c);
	assert_int_equal(n, 6); /* 2 workloads x pages 1,64,512 */
	for (size_t i = 0; i < n; i++)
		assert_int_equal(c[i].delay_ns,
				 strcmp(c[i].id, "vmap/-/on/p64/b-/none") ? 500 : 7000);
	free(c);

	/* The id alone: only that case. */
	assert_int_equal(parse(&o, err, "--workload", "vmalloc", "--delay-ns",
			       "vmalloc/-/on/p512/b-/none=1000000"),
			 0);
	n = lb_run_expand(&o, &c);
	assert_int_equal(c[0].delay_ns, 0);
	assert_int_equal(c[2].delay_ns, 1000000);
	free(c);

	assert_int_equal(parse(&o, err, "--workload", "vmalloc,mprotect", "--delay-ns", "100"), -1);
	assert_non_null(strstr(err, "--delay-ns: mprotect is a syscall workload"));
	assert_int_equal(parse(&o, err, "--delay-ns", "100", NULL, NULL), -1); /* syscall default */
	assert_non_null(strstr(err, "syscall workload"));
	assert_int_equal(parse(&o, err, "--workload", "vmalloc", "--delay-ns", "1000001"), -1);
	assert_non_null(strstr(err, "--delay-ns 1000001"));
	assert_int_equal(parse(&o, err, "--workload", "vmalloc", "--delay-ns", "-5"), -1);
	assert_int_equal(parse(&o, err, "--workload", "vmalloc", "--delay-ns", "=5"), -1);
	assert_non_null(strstr(err, "case id"));
	assert_int_equal(parse(&o, err, "--workload", "vmalloc", "--delay-ns", "vmap/x=5"), -1);
	assert_non_null(strstr(err, "vmap/x=5: no such case"));
	assert_null(strchr(err, '\n'));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(defaults_and_lists),
	    cmocka_unit_test(errors_name_the_flag),
	    cmocka_unit_test(expansion),
	    cmocka_unit_test(default_is_syscall_workloads),
	    cmocka_unit_test(batch_needs_a_workload_with_batch),
	    cmocka_unit_test(rounds),
	    cmocka_unit_test(delay_ns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
