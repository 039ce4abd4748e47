// SPDX-License-Identifier: GPL-2.0
/* hwloc topology, pinning and remote placement; see topo.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "env_keys.h"
#include "topo.h"

static const char *const placement_names[LB_PLACE_COUNT] = {
    "none", "smt", "l2", "llc", "package", "numa",
};

const char *lb_placement_name(enum lb_placement p)
{
	return placement_names[p];
}

int lb_placement_parse(const char *s)
{
	for (int i = 0; i < LB_PLACE_COUNT; i++)
		if (!strcmp(s, placement_names[i]))
			return i;
	return -1;
}

hwloc_topology_t lb_topo_load(char *reason, size_t len)
{
	hwloc_topology_t t;

	if (hwloc_topology_init(&t)) {
		snprintf(reason, len, "hwloc_topology_init: %s", strerror(errno));
		return NULL;
	}
	if (hwloc_topology_load(t)) {
		snprintf(reason, len, "hwloc_topology_load: %s", strerror(errno));
		hwloc_topology_destroy(t);
		return NULL;
	}
	return t;
}

static hwloc_obj_t pu_of(hwloc_topology_t t, int cpu)
{
	return cpu < 0 ? NULL : hwloc_get_pu_obj_by_os_index(t, (unsigned)cpu);
}

int lb_topo_has_cpu(hwloc_topology_t t, int cpu)
{
	return pu_of(t, cpu) != NULL;
}

/* The highest cache above a PU: its last-level cache. */
static hwloc_obj_t llc_of(hwloc_obj_t pu)
{
	hwloc_obj_t llc = NULL;

	for (hwloc_obj_t o = pu->parent; o; o = o->parent)
		if (hwloc_obj_type_is_cache(o->type))
			llc = o;
	return llc;
}

static int shares(hwloc_topology_t t, hwloc_obj_type_t type, hwloc_obj_t a, hwloc_obj_t b)
{
	hwloc_obj_t o = hwloc_get_ancestor_obj_by_type(t, type, a);

	return o && hwloc_bitmap_isset(o->cpuset, b->os_index);
}

/* The closest placement of `other` relative to `me` (LB_PLACE_NONE: none of the five). */
static enum lb_placement classify(hwloc_topology_t t, hwloc_obj_t me, hwloc_obj_t other)
{
	hwloc_obj_t llc = llc_of(me);

	if (shares(t, HWLOC_OBJ_CORE, me, other))
		return LB_PLACE_SMT;
	if (shares(t, HWLOC_OBJ_L2CACHE, me, other))
		return LB_PLACE_L2;
	if (llc && llc->type != HWLOC_OBJ_L2CACHE && llc->type != HWLOC_OBJ_L1CACHE &&
	    hwloc_bitmap_isset(llc->cpuset, other->os_index))
		return LB_PLACE_LLC;
	if (shares(t, HWLOC_OBJ_PACKAGE, me, other))
		return LB_PLACE_PACKAGE;
	if (!hwloc_bitmap_isequal(me->nodeset, other->nodeset) &&
	    !hwloc_bitmap_intersects(me->nodeset, other->nodeset))
		return LB_PLACE_NUMA;
	return LB_PLACE_NONE;
}

static const char *const missing_reason[LB_PLACE_COUNT] = {
    [LB_PLACE_SMT] = "no other CPU shares its core (no SMT, or SMT off)",
    [LB_PLACE_L2] = "no CPU on another core shares its L2 cache",
    [LB_PLACE_LLC] = "no CPU outside its L2 shares its last-level cache",
    [LB_PLACE_PACKAGE] = "no CPU in its package lies outside its last-level cache",
    [LB_PLACE_NUMA] = "no CPU on another NUMA node",
};

int lb_topo_pick_remote(hwloc_topology_t t, int cpu, enum lb_placement p, int *remote, char *reason,
			size_t len)
{
	hwloc_obj_t me = pu_of(t, cpu), o = NULL;

	*remote = -1;
	if (p == LB_PLACE_NONE)
		return 0;
	if (!me) {
		snprintf(reason, len, "CPU %d does not exist or is not usable", cpu);
		return ENODEV;
	}
	while ((o = hwloc_get_next_obj_by_type(t, HWLOC_OBJ_PU, o)))
		if (o != me && classify(t, me, o) == p) {
			*remote = (int)o->os_index;
			return 0;
		}
	snprintf(reason, len, "remote placement %s relative to CPU %d: %s", placement_names[p], cpu,
		 missing_reason[p]);
	return ENODEV;
}

int lb_topo_bind_self(hwloc_topology_t t, int cpu, char *reason, size_t len)
{
	hwloc_obj_t pu = pu_of(t, cpu);

	if (!pu) {
		snprintf(reason, len, "CPU %d does not exist or is not usable", cpu);
		return ENODEV;
	}
	if (hwloc_set_cpubind(t, pu->cpuset, HWLOC_CPUBIND_THREAD | HWLOC_CPUBIND_STRICT)) {
		int e = errno;

		snprintf(reason, len, "cannot pin to CPU %d: %s", cpu, strerror(e));
		return e;
	}
	return 0;
}

json_t *lb_topo_summary(hwloc_topology_t t)
{
	int packages = hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_PACKAGE);
	int numa = hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_NUMANODE);
	int cores = hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_CORE);
	int pus = hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_PU);
	int l2 = hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_L2CACHE);
	int l3 = hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_L3CACHE);
	char summary[256];

	snprintf(summary, sizeof(summary),
		 "%d package(s), %d NUMA node(s), %d core(s), %d PU(s), %d L2, %d L3", packages,
		 numa, cores, pus, l2, l3);
	return json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:s}", "packages", packages, "numa_nodes",
			 numa, "cores", cores, "pus", pus, "l2", l2, "l3", l3,
			 LB_ENV_KEY_TOPOLOGY_SUMMARY, summary);
}
