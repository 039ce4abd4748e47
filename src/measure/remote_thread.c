// SPDX-License-Identifier: GPL-2.0
/* See remote_thread.h. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "remote_thread.h"
#include "topo.h"

#define OWN_PAGES 64

struct lb_remote {
	pthread_t thread;
	hwloc_topology_t topo;
	int cpu;
	const volatile char *addr;
	size_t len;
	char *own;
	atomic_int state; /* 0 starting, 1 running, -1 failed to pin */
	atomic_bool stop;
	char reason[256];
};

static void *reader(void *arg)
{
	struct lb_remote *r = arg;
	unsigned long sum = 0;

	if (lb_topo_bind_self(r->topo, r->cpu, r->reason, sizeof(r->reason))) {
		atomic_store(&r->state, -1);
		return NULL;
	}
	atomic_store(&r->state, 1);
	while (!atomic_load_explicit(&r->stop, memory_order_relaxed))
		for (size_t off = 0; off < r->len; off += 4096)
			sum += r->addr[off];
	return (void *)sum;
}

struct lb_remote *lb_remote_start(hwloc_topology_t t, int cpu, const volatile char *addr,
				  size_t len, char *reason, size_t rlen)
{
	struct lb_remote *r = calloc(1, sizeof(*r));
	int e;

	if (!r) {
		snprintf(reason, rlen, "out of memory");
		return NULL;
	}
	r->topo = t;
	r->cpu = cpu;
	if (!addr || !len) {
		r->own = mmap(NULL, OWN_PAGES * 4096, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
		if (r->own == MAP_FAILED) {
			snprintf(reason, rlen, "remote buffer: %s", strerror(errno));
			free(r);
			return NULL;
		}
		addr = r->own;
		len = OWN_PAGES * 4096;
	}
	r->addr = addr;
	r->len = len;
	e = pthread_create(&r->thread, NULL, reader, r);
	if (e) {
		snprintf(reason, rlen, "pthread_create: %s", strerror(e));
		if (r->own)
			munmap(r->own, OWN_PAGES * 4096);
		free(r);
		return NULL;
	}
	while (atomic_load(&r->state) == 0)
		sched_yield();
	if (atomic_load(&r->state) < 0) {
		snprintf(reason, rlen, "remote thread: %s", r->reason);
		pthread_join(r->thread, NULL);
		if (r->own)
			munmap(r->own, OWN_PAGES * 4096);
		free(r);
		return NULL;
	}
	return r;
}

void lb_remote_stop(struct lb_remote *r)
{
	if (!r)
		return;
	atomic_store(&r->stop, true);
	pthread_join(r->thread, NULL);
	if (r->own)
		munmap(r->own, OWN_PAGES * 4096);
	free(r);
}
