// SPDX-License-Identifier: GPL-2.0
/* The uapi contract of lazybench.ko seen from userspace, and the client's names and reasons. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kmod_case.h"
#include "kmod_client.h"

/* Every published size is ABI: a change here breaks every older binary. The structs only grow
 * at the end, so each older version is a prefix of the current one. */
static void test_struct_sizes(void **state)
{
	(void)state;
	assert_int_equal(sizeof(struct lazybench_info), LAZYBENCH_INFO_SIZE_VER2);
	assert_int_equal(offsetof(struct lazybench_info, wl_info), LAZYBENCH_INFO_SIZE_VER1);
	assert_int_equal(sizeof(struct lazybench_run), LAZYBENCH_RUN_SIZE_VER2);
	assert_int_equal(offsetof(struct lazybench_run, rep_info), LAZYBENCH_RUN_SIZE_VER1);
	/* Version 1's table stays 7 x 3 whatever LAZYBENCH_WL_COUNT becomes. */
	assert_int_equal(sizeof(((struct lazybench_info *)0)->avail_v1), LAZYBENCH_INFO_V1_WL * 3);
	assert_int_equal(sizeof(struct lazybench_rep) % 8, 0);
	assert_int_equal(sizeof(struct lazybench_wl_info) % 8, 0);
	assert_int_equal(sizeof(struct lazybench_task_lazy), LAZYBENCH_TASK_LAZY_SIZE_VER1);
	assert_int_equal(offsetof(struct lazybench_info, size), 0);
	assert_int_equal(offsetof(struct lazybench_run, size), 0);
	assert_int_equal(offsetof(struct lazybench_task_lazy, size), 0);
	/* 64-bit fields at 8-byte offsets: the same layout for 32-bit userspace. */
	assert_int_equal(offsetof(struct lazybench_info, max_pages) % 8, 0);
	assert_int_equal(offsetof(struct lazybench_run, pages) % 8, 0);
	assert_int_equal(offsetof(struct lazybench_run, samples) % 8, 0);
	assert_int_equal(offsetof(struct lazybench_run, check) % 8, 0);
}

static void test_names_round_trip(void **state)
{
	(void)state;
	for (uint32_t w = 0; w < LAZYBENCH_WL_COUNT; w++)
		assert_int_equal(lb_kmod_workload_parse(lb_kmod_workload_name(w)), (int)w);
	for (uint32_t v = 0; v < LAZYBENCH_VARIANT_COUNT; v++)
		assert_int_equal(lb_kmod_variant_parse(lb_kmod_variant_name(v)), (int)v);
	assert_null(lb_kmod_workload_name(LAZYBENCH_WL_COUNT));
	assert_int_equal(lb_kmod_workload_parse("nope"), -1);
	assert_string_equal(lb_kmod_generation_name(LAZYBENCH_GEN_NESTING), "nesting");
	assert_string_equal(lb_kmod_generation_name(LAZYBENCH_GEN_STATELESS), "stateless");
	assert_string_equal(lb_kmod_mmu_name(LAZYBENCH_MMU_HASH), "hash");
}

static void test_metrics_and_mappings(void **state)
{
	(void)state;
	assert_int_equal(lb_kmod_nr_metrics(LAZYBENCH_WL_VMALLOC), 3);
	assert_int_equal(lb_kmod_nr_metrics(LAZYBENCH_WL_KASAN), 3);
	assert_int_equal(lb_kmod_nr_metrics(LAZYBENCH_WL_ZAP), 1);
	assert_true(lb_kmod_needs_mapping(LAZYBENCH_WL_POPULATE));
	assert_false(lb_kmod_needs_mapping(LAZYBENCH_WL_VMAP));
	/* From the .def: names, metrics, variants. */
	assert_string_equal(lb_kmod_wl(LAZYBENCH_WL_VM_MAP_RAM)->name, "vm_map_ram");
	assert_string_equal(lb_kmod_wl(LAZYBENCH_WL_VMAP)->metrics[2], "purge");
	assert_string_equal(lb_kmod_wl(LAZYBENCH_WL_DEPOPULATE)->metrics[0], "depopulate");
	assert_true(lb_kmod_variant_valid(LAZYBENCH_WL_POPULATE, LAZYBENCH_VARIANT_KASAN));
	assert_false(lb_kmod_variant_valid(LAZYBENCH_WL_POPULATE, LAZYBENCH_VARIANT_NONE));
	assert_true(lb_kmod_variant_valid(LAZYBENCH_WL_ZAP, LAZYBENCH_VARIANT_NONE));
	assert_null(lb_kmod_wl(LAZYBENCH_WL_COUNT));
	assert_string_equal(lb_kmod_effect_name(LAZYBENCH_EFFECT_NONE),
			    "control: no effect expected");
}

/* A missing $LAZYBENCH_KMOD is named, with the reason, rather than silently ignored. */
static void test_module_path_reason(void **state)
{
	char buf[256], reason[512];

	(void)state;
	setenv("LAZYBENCH_KMOD", "/nonexistent/lazybench.ko", 1);
	assert_null(lb_kmod_module_path(buf, sizeof(buf), reason, sizeof(reason)));
	assert_non_null(strstr(reason, "/nonexistent/lazybench.ko"));
	assert_non_null(strstr(reason, "No such file"));
	unsetenv("LAZYBENCH_KMOD");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_struct_sizes),
	    cmocka_unit_test(test_names_round_trip),
	    cmocka_unit_test(test_metrics_and_mappings),
	    cmocka_unit_test(test_module_path_reason),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
