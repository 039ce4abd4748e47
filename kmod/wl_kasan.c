// SPDX-License-Identifier: GPL-2.0
/*
 * kasan: plain vmalloc + vfree on a CONFIG_KASAN_VMALLOC kernel, where every
 * vmalloc populates its shadow with the kernel's own pause/resume
 * (kasan_populate_vmalloc_pte) and vfree depopulates it.
 */
#include <linux/vmalloc.h>

#include "lb_map.h"

static void *lb_kasan_map(struct lb_run_ctx *ctx, struct page **pages,
			  unsigned long nr)
{
	return vmalloc(nr << PAGE_SHIFT);
}

static void lb_kasan_unmap(void *addr, unsigned long nr)
{
	vfree(addr);
}

static const struct lb_map_ops lb_kasan_ops = {
	.map = lb_kasan_map,
	.unmap = lb_kasan_unmap,
};

static int lb_kasan_available(u32 variant, char *reason, size_t len)
{
	if (IS_ENABLED(CONFIG_KASAN_VMALLOC))
		return 0;
	snprintf(reason, len,
		 "kernel built without CONFIG_KASAN_VMALLOC: vmalloc has no shadow to populate");
	return -EOPNOTSUPP;
}

static int lb_kasan_setup(struct lb_run_ctx *ctx)
{
	return lb_map_setup(ctx, &lb_kasan_ops);
}

const struct lb_kwl_ops lb_wl_KASAN = {
	/* vmalloc and friends allocate (pages, vmap areas, page tables). */
	.sleeps = BIT(LAZYBENCH_VARIANT_NONE),
	.has_purge = true,
	.available = lb_kasan_available,
	.setup = lb_kasan_setup,
	.rep = lb_map_rep,
	.teardown = lb_map_teardown,
};
