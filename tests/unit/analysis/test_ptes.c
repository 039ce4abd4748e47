// SPDX-License-Identifier: GPL-2.0
/* PTEs per operation: --pages counts 4 KiB pages, a PTE maps one of the kernel's pages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ptes.h"

static void test_ptes_of(void **state)
{
	(void)state;
	assert_true(lb_ptes_of(512, 4096) == 512);
	assert_true(lb_ptes_of(8192, 65536) == 512); /* ppc64le: 512 PTEs of 64 KiB */
	assert_true(lb_ptes_of(512, 65536) == 32);
	assert_true(lb_ptes_of(17, 65536) == 2); /* rounded up, as the module is asked */
	assert_true(lb_ptes_of(1, 65536) == 1);
	assert_true(lb_ptes_of(0, 65536) == 0);
	assert_true(lb_ptes_of(100, 0) == 100); /* unknown page size: 4 KiB */
	assert_true(lb_ptes_of(64, 16384) == 16);
}

static void test_case_ptes_reads_env(void **state)
{
	struct lb_rcase c = {.pages = 8192};
	struct lb_rrun run = {0};

	(void)state;
	run.env = json_pack("{s:i}", "page_size", 65536);
	assert_non_null(run.env);
	assert_true(lb_case_ptes(&run, &c) == 512);
	json_decref(run.env);
	run.env = json_object(); /* a run that did not record it: 4 KiB */
	assert_true(lb_case_ptes(&run, &c) == 8192);
	json_decref(run.env);
	assert_true(lb_case_ptes(NULL, &c) == 8192);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ptes_of),
	    cmocka_unit_test(test_case_ptes_reads_env),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
