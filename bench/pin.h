/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pinning for workloads that run tasks of their own (the lazy TLB workloads): the CPU sets
 * come from hwloc in setup(), and are applied with sched_setaffinity(), which a forked child
 * may call (async-signal-safe) and which pins only the calling thread.
 */
#ifndef LB_PIN_H
#define LB_PIN_H

#include <sched.h>
#include <stddef.h>

/* The sched_setaffinity() set of logical CPU `cpu` (OS index), from the hwloc topology.
 * 0, or an errno value with the reason (no such CPU, hwloc failed). */
int lb_pin_cpuset(int cpu, cpu_set_t *set, char *reason, size_t len);
/* Pin the calling thread to `set`; 0 or an errno value. */
int lb_pin_apply(const cpu_set_t *set);

#endif
