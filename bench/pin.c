// SPDX-License-Identifier: GPL-2.0
/* See pin.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <hwloc.h>
#include <hwloc/glibc-sched.h>

#include "pin.h"

int lb_pin_cpuset(int cpu, cpu_set_t *set, char *reason, size_t len)
{
	hwloc_topology_t t = NULL;
	hwloc_obj_t pu;
	int e = 0;

	/* bench/ sits before env/ in the pipeline (no topo.h here): hwloc itself. */
	if (hwloc_topology_init(&t) || hwloc_topology_load(t)) {
		snprintf(reason, len, "hwloc topology: %s", strerror(errno));
		if (t)
			hwloc_topology_destroy(t);
		return EIO;
	}
	pu = cpu < 0 ? NULL : hwloc_get_pu_obj_by_os_index(t, (unsigned)cpu);
	if (!pu) {
		snprintf(reason, len, "CPU %d does not exist or is not usable", cpu);
		e = ENODEV;
	} else if (hwloc_cpuset_to_glibc_sched_affinity(t, pu->cpuset, set, sizeof(*set))) {
		snprintf(reason, len, "CPU %d: no sched_setaffinity set for it", cpu);
		e = EINVAL;
	}
	hwloc_topology_destroy(t);
	return e;
}

int lb_pin_apply(const cpu_set_t *set)
{
	return sched_setaffinity(0, sizeof(*set), set) ? errno : 0;
}
