/* SPDX-License-Identifier: GPL-2.0 */
/* The environment a result depends on: what `lazybench env --json` prints and run.json embeds. */
#ifndef LB_ENV_H
#define LB_ENV_H

#include <hwloc.h>
#include <jansson.h>

/* Kernel config items that matter to lazy MMU results (without CONFIG_). */
extern const char *const lb_kconfig_names[];
extern const size_t lb_kconfig_count;

/* Everything, as one JSON object (new reference). t may be NULL: topology then says why. */
json_t *lb_env_collect(hwloc_topology_t t);
/* Resolution of CLOCK_MONOTONIC in ns (clock_getres); -1 when unknown. */
long lb_clock_resolution_ns(void);

#endif
