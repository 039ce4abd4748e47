// SPDX-License-Identifier: GPL-2.0
/* vm's one option table: what it accepts, the checks between options, and the canonical words
 * handed to vm/lazybench-vm. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vm_opts.h"

/* Parse argv (NULL-terminated, argv[0] "vm") into o; the parser's return value. */
static int parse(struct lb_vm_opts *o, const char *const *skip, char **argv)
{
	struct lb_opt t[LB_VM_OPTS_MAX + 1] = {{0}};
	const struct lb_cmd cmd = {.name = "vm", .synopsis = "", .opts = t, .max_args = 0};
	int argc = 0;

	while (argv[argc])
		argc++;
	assert_int_equal(lb_vm_opts_init(o, argc), 0);
	lb_vm_opts_table(o, skip, t);
	return lb_opt_parse(&cmd, argc, argv, NULL);
}

/* The words for argv, joined by spaces. */
static void words_of(char **argv, char *out, size_t len)
{
	struct lb_vm_opts o;
	const char **v;
	size_t n;

	assert_int_equal(parse(&o, NULL, argv), LB_OPT_GO);
	v = calloc(lb_vm_opts_nwords(&o), sizeof(*v));
	assert_non_null(v);
	n = lb_vm_opts_words(&o, v);
	assert_true(n <= lb_vm_opts_nwords(&o));
	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		snprintf(out + strlen(out), len - strlen(out), "%s%s", i ? " " : "", v[i]);
	free(v);
	lb_vm_opts_free(&o);
}

static void test_nothing_given(void **state)
{
	char w[256];
	char *argv[] = {"vm", NULL};

	(void)state;
	words_of(argv, w, sizeof(w));
	assert_string_equal(w, "");
}

static void test_canonical_words(void **state)
{
	char w[1024];
	/* every option, numbers with leading zeros, the repeatable ones twice */
	char *argv[] = {"vm",
			"--arch",
			"ppc64le",
			"--mmu",
			"hash",
			"--kernel",
			"6.12",
			"--config",
			"debug",
			"--config",
			"kasan",
			"--cpus",
			"04",
			"--memory",
			"1024",
			"--timeout",
			"60",
			"--kmod",
			"a",
			"--kmod",
			"b",
			"--no-kmod",
			"--no-lazybench",
			"--no-tcg-plugin",
			"--results-dir",
			"r",
			"--accel",
			"tcg",
			"--append",
			"x=1",
			NULL};

	(void)state;
	words_of(argv, w, sizeof(w));
	assert_string_equal(w, "--arch ppc64le --mmu hash --kernel 6.12 --config debug --config "
			       "kasan --cpus 4 --memory 1024 --timeout 60 --kmod a --kmod b "
			       "--no-kmod --no-lazybench --no-tcg-plugin --results-dir r "
			       "--accel tcg --append x=1");
}

static void test_bad_values_are_usage_errors(void **state)
{
	char *bad[][4] = {{"vm", "--arch", "sparc", NULL}, {"vm", "--cpus", "0", NULL},
			  {"vm", "--cpus", "65", NULL},	   {"vm", "--memory", "64", NULL},
			  {"vm", "--accel", "hvf", NULL},  {"vm", "--config", "", NULL},
			  {"vm", "--timeout", "x", NULL},  {"vm", "--bogus", NULL, NULL}};
	struct lb_vm_opts o;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse(&o, NULL, bad[i]), LB_EXIT_USAGE);
		lb_vm_opts_free(&o);
	}
}

static void test_mmu_needs_ppc64le(void **state)
{
	char why[128];
	char *hash_x86[] = {"vm", "--mmu", "radix", NULL};
	char *hash_ppc[] = {"vm", "--arch", "ppc64le", "--mmu", "radix", NULL};
	struct lb_vm_opts o;

	(void)state;
	assert_int_equal(parse(&o, NULL, hash_x86), LB_OPT_GO);
	assert_int_equal(lb_vm_opts_check(&o, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "ppc64le"));
	lb_vm_opts_free(&o);
	assert_int_equal(parse(&o, NULL, hash_ppc), LB_OPT_GO);
	assert_int_equal(lb_vm_opts_check(&o, why, sizeof(why)), 0);
	lb_vm_opts_free(&o);
}

/* ab leaves out the options it sets per boot: they are unknown there. */
static void test_skip(void **state)
{
	const char *const skip[] = {"kernel", "results-dir", NULL};
	struct lb_opt t[LB_VM_OPTS_MAX + 1] = {{0}};
	char *argv[] = {"vm", "--kernel", "7", NULL};
	struct lb_vm_opts o;
	size_t all, some;

	(void)state;
	assert_int_equal(lb_vm_opts_init(&o, 1), 0);
	all = lb_vm_opts_table(&o, NULL, t);
	some = lb_vm_opts_table(&o, skip, t);
	assert_int_equal(all, 14);
	assert_true(all <= LB_VM_OPTS_MAX);
	assert_int_equal(some, all - 2);
	for (size_t i = 0; i < some; i++)
		assert_true(strcmp(t[i].name, "kernel") && strcmp(t[i].name, "results-dir"));
	lb_vm_opts_free(&o);
	assert_int_equal(parse(&o, skip, argv), LB_EXIT_USAGE);
	lb_vm_opts_free(&o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_nothing_given),
	    cmocka_unit_test(test_canonical_words),
	    cmocka_unit_test(test_bad_values_are_usage_errors),
	    cmocka_unit_test(test_mmu_needs_ppc64le),
	    cmocka_unit_test(test_skip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
