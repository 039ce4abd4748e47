/* SPDX-License-Identifier: GPL-2.0 */
/* Topology (hwloc): pinning, and where the remote thread goes relative to the measuring CPU. */
#ifndef LB_TOPO_H
#define LB_TOPO_H

#include <stddef.h>

#include <hwloc.h>
#include <jansson.h>

/*
 * Placements, closest first. Each names the closest thing the two CPUs share, exclusively:
 * smt = same core; l2 = another core sharing the L2; llc = sharing the last-level cache but not
 * the L2; package = same package, not the LLC; numa = another NUMA node.
 */
enum lb_placement {
	LB_PLACE_NONE,
	LB_PLACE_SMT,
	LB_PLACE_L2,
	LB_PLACE_LLC,
	LB_PLACE_PACKAGE,
	LB_PLACE_NUMA,
	LB_PLACE_COUNT
};

const char *lb_placement_name(enum lb_placement p);
/* -1 when unknown. */
int lb_placement_parse(const char *s);

/* Load the topology of this machine (or HWLOC_SYNTHETIC). NULL with reason on failure. */
hwloc_topology_t lb_topo_load(char *reason, size_t len);
/* Does logical CPU (OS index) `cpu` exist and is it usable? */
int lb_topo_has_cpu(hwloc_topology_t t, int cpu);
/* Lowest-numbered CPU at `p` from `cpu` into *remote. 0, or ENODEV with the reason this
 * machine lacks that placement. LB_PLACE_NONE gives -1. */
int lb_topo_pick_remote(hwloc_topology_t t, int cpu, enum lb_placement p, int *remote, char *reason,
			size_t len);
/* Bind the calling thread to CPU `cpu`. 0, or an errno value with the reason. */
int lb_topo_bind_self(hwloc_topology_t t, int cpu, char *reason, size_t len);
/* {"packages":..,"numa_nodes":..,"cores":..,"pus":..,"l2":..,"l3":..,"summary":"..."} */
json_t *lb_topo_summary(hwloc_topology_t t);

#endif
