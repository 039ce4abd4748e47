// SPDX-License-Identifier: GPL-2.0
/* vmap: vmap + vunmap of batch pre-allocated pages, pages/batch times. */
#include <linux/vmalloc.h>

#include "lb_map.h"

static void *lb_vmap_map(struct lb_run_ctx *ctx, struct page **pages,
			 unsigned long nr)
{
	return vmap(pages, nr, VM_MAP, PAGE_KERNEL);
}

static void lb_vmap_unmap(void *addr, unsigned long nr)
{
	vunmap(addr);
}

static const struct lb_map_ops lb_vmap_ops = {
	.map = lb_vmap_map,
	.unmap = lb_vmap_unmap,
	.needs_pages = true,
};

static int lb_vmap_setup(struct lb_run_ctx *ctx)
{
	return lb_map_setup(ctx, &lb_vmap_ops);
}

const struct lb_kwl_ops lb_wl_VMAP = {
	/* vmalloc and friends allocate (pages, vmap areas, page tables). */
	.sleeps = BIT(LAZYBENCH_VARIANT_NONE),
	.has_purge = true,
	.setup = lb_vmap_setup,
	.rep = lb_map_rep,
	.teardown = lb_map_teardown,
};
