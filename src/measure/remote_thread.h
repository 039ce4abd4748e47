/* SPDX-License-Identifier: GPL-2.0 */
/* The remote reader: a second thread of the process, pinned to another CPU, reading memory in
 * a loop so that the mm stays live there and page-table changes need TLB shootdowns. */
#ifndef LB_REMOTE_THREAD_H
#define LB_REMOTE_THREAD_H

#include <stddef.h>

#include <hwloc.h>

struct lb_remote;

/* Start reading [addr, addr+len) (a private buffer when addr is NULL) on CPU `cpu`; returns
 * once the thread runs there. NULL with the reason on failure. */
struct lb_remote *lb_remote_start(hwloc_topology_t t, int cpu, const volatile char *addr,
				  size_t len, char *reason, size_t rlen);
void lb_remote_stop(struct lb_remote *r);

#endif
