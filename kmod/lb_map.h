/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel-mapping workloads (vmalloc, vmap, vm_map_ram, kasan) share one
 * shape: map every batch (timed), touch every page (untimed), unmap every
 * batch (timed), purge the deferred work (timed). Each supplies its map and
 * unmap.
 */
#ifndef LB_MAP_H
#define LB_MAP_H

#include "lb.h"

struct lb_map_ops {
	/* NULL when the mapping could not be made. */
	void *(*map)(struct lb_run_ctx *ctx, struct page **pages,
		     unsigned long nr);
	void (*unmap)(void *addr, unsigned long nr);
	bool needs_pages;	/* map from pages allocated in setup */
};

int lb_map_setup(struct lb_run_ctx *ctx, const struct lb_map_ops *ops);
int lb_map_rep(struct lb_run_ctx *ctx, u64 *ns);
void lb_map_teardown(struct lb_run_ctx *ctx);

#endif /* LB_MAP_H */
