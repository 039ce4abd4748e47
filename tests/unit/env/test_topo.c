// SPDX-License-Identifier: GPL-2.0
/* Remote placement on synthetic hwloc topologies (HWLOC_SYNTHETIC). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "topo.h"

static hwloc_topology_t synthetic(const char *desc)
{
	char reason[256];
	hwloc_topology_t t;

	setenv("HWLOC_SYNTHETIC", desc, 1);
	t = lb_topo_load(reason, sizeof(reason));
	assert_non_null(t);
	return t;
}

static int pick(hwloc_topology_t t, int cpu, const char *placement, char *reason)
{
	int remote = -2, p = lb_placement_parse(placement), r;

	assert_true(p >= 0);
	r = lb_topo_pick_remote(t, cpu, p, &remote, reason, 256);
	return r ? -r : remote;
}

/* Two packages, each one NUMA node with one L3 over two L2s of two 2-way SMT cores. */
static void two_packages(void **state)
{
	hwloc_topology_t t = synthetic("pack:2 numa:1 l3:1 l2:2 core:2 pu:2");
	char reason[256];
	json_t *s = lb_topo_summary(t);

	(void)state;
	assert_int_equal(json_integer_value(json_object_get(s, "pus")), 16);
	assert_int_equal(json_integer_value(json_object_get(s, "numa_nodes")), 2);
	json_decref(s);
	assert_int_equal(pick(t, 0, "none", reason), -1);
	assert_int_equal(pick(t, 0, "smt", reason), 1);
	assert_int_equal(pick(t, 0, "l2", reason), 2);
	assert_int_equal(pick(t, 0, "llc", reason), 4);
	assert_int_equal(pick(t, 0, "numa", reason), 8);
	/* One L3 per package: nothing in the package lies outside the LLC. */
	assert_int_equal(pick(t, 0, "package", reason), -ENODEV);
	assert_non_null(strstr(reason, "package"));
	assert_int_equal(pick(t, 5, "smt", reason), 4);
	assert_int_equal(pick(t, 5, "l2", reason), 6);
	assert_int_equal(pick(t, 5, "llc", reason), 0);
	assert_int_equal(pick(t, 9, "numa", reason), 0);
	assert_int_equal(pick(t, 99, "smt", reason), -ENODEV);
	assert_false(lb_topo_has_cpu(t, 16));
	assert_true(lb_topo_has_cpu(t, 15));
	hwloc_topology_destroy(t);
}

/* This machine's shape: two cores with private L2s under a shared L3. */
static void two_cores_private_l2(void **state)
{
	hwloc_topology_t t = synthetic("pack:1 l3:1 l2:2 core:1 pu:1");
	char reason[256];

	(void)state;
	assert_int_equal(pick(t, 0, "smt", reason), -ENODEV);
	assert_non_null(strstr(reason, "SMT"));
	assert_int_equal(pick(t, 0, "l2", reason), -ENODEV);
	assert_int_equal(pick(t, 0, "llc", reason), 1);
	assert_int_equal(pick(t, 1, "llc", reason), 0);
	assert_int_equal(pick(t, 0, "package", reason), -ENODEV);
	assert_int_equal(pick(t, 0, "numa", reason), -ENODEV);
	assert_non_null(strstr(reason, "NUMA"));
	hwloc_topology_destroy(t);
}

/* Two L3s in one package: "package" exists; no L3 at all: "llc" is the L2 and is not offered. */
static void split_llc_and_no_l3(void **state)
{
	hwloc_topology_t t = synthetic("pack:1 l3:2 l2:1 core:1 pu:1");
	char reason[256];

	(void)state;
	assert_int_equal(pick(t, 0, "package", reason), 1);
	assert_int_equal(pick(t, 0, "llc", reason), -ENODEV);
	hwloc_topology_destroy(t);
	t = synthetic("pack:1 l2:1 core:2 pu:1");
	assert_int_equal(pick(t, 0, "l2", reason), 1);
	assert_int_equal(pick(t, 0, "llc", reason), -ENODEV);
	hwloc_topology_destroy(t);
}

static void placement_names(void **state)
{
	(void)state;
	assert_int_equal(lb_placement_parse("llc"), LB_PLACE_LLC);
	assert_string_equal(lb_placement_name(LB_PLACE_NUMA), "numa");
	assert_int_equal(lb_placement_parse("L2"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(two_packages),
	    cmocka_unit_test(two_cores_private_l2),
	    cmocka_unit_test(split_llc_and_no_l3),
	    cmocka_unit_test(placement_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
