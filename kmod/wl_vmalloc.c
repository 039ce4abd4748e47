// SPDX-License-Identifier: GPL-2.0
/*
 * vmalloc: vmalloc + vfree of batch pages, pages/batch times (as
 * test_vmalloc's fix_size_alloc_test).
 */
#include <linux/vmalloc.h>

#include "lb_map.h"

static void *lb_vmalloc_map(struct lb_run_ctx *ctx, struct page **pages,
			    unsigned long nr)
{
	return vmalloc(nr << PAGE_SHIFT);
}

static void lb_vmalloc_unmap(void *addr, unsigned long nr)
{
	vfree(addr);
}

static const struct lb_map_ops lb_vmalloc_ops = {
	.map = lb_vmalloc_map,
	.unmap = lb_vmalloc_unmap,
};

static int lb_vmalloc_setup(struct lb_run_ctx *ctx)
{
	return lb_map_setup(ctx, &lb_vmalloc_ops);
}

const struct lb_kwl_ops lb_wl_VMALLOC = {
	/* vmalloc and friends allocate (pages, vmap areas, page tables). */
	.sleeps = BIT(LAZYBENCH_VARIANT_NONE),
	.has_purge = true,
	.setup = lb_vmalloc_setup,
	.rep = lb_map_rep,
	.teardown = lb_map_teardown,
};
