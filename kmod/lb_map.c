// SPDX-License-Identifier: GPL-2.0
/*
 * The map/touch/unmap/purge repetition shared by the kernel-mapping
 * workloads.
 */
#include <linux/mm.h>
#include <linux/slab.h>

#include "lb_compat.h"
#include "lb_map.h"

struct lb_map_state {
	const struct lb_map_ops *ops;
	struct page **pages;	/* ctx->pages of them, or NULL */
	void **sections;	/* one mapping per batch */
};

struct page **lb_alloc_page_array(unsigned long nr)
{
	struct page **pages;
	unsigned long i;

	pages = kvcalloc(nr, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return NULL;
	for (i = 0; i < nr; i++) {
		pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!pages[i]) {
			lb_free_page_array(pages, i);
			return NULL;
		}
		cond_resched();
	}
	return pages;
}

void lb_free_page_array(struct page **pages, unsigned long nr)
{
	unsigned long i;

	if (!pages)
		return;
	for (i = 0; i < nr; i++) {
		if (pages[i])
			__free_page(pages[i]);
		cond_resched();
	}
	kvfree(pages);
}

/* Write one byte per page, so that the unmap has translations to drop. */
int lb_touch_kernel_range(void *addr, unsigned long nr)
{
	unsigned long i;

	for (i = 0; i < nr; i++)
		WRITE_ONCE(*((char *)addr + (i << PAGE_SHIFT)), 1);
	return 0;
}

int lb_map_setup(struct lb_run_ctx *ctx, const struct lb_map_ops *ops)
{
	struct lb_map_state *st;

	st = kzalloc_obj(*st);
	if (!st)
		return -ENOMEM;
	st->ops = ops;
	st->sections = kvcalloc(lb_nr_sections(ctx), sizeof(*st->sections),
				GFP_KERNEL);
	if (!st->sections)
		goto nomem;
	if (ops->needs_pages) {
		st->pages = lb_alloc_page_array(ctx->pages);
		if (!st->pages)
			goto nomem;
	}
	ctx->priv = st;
	return 0;
nomem:
	kvfree(st->sections);
	kfree(st);
	snprintf(ctx->reason, LAZYBENCH_REASON_LEN,
		 "out of memory allocating %lu pages", ctx->pages);
	return -ENOMEM;
}

static int lb_map_section(struct lb_run_ctx *ctx, unsigned long first,
			  unsigned long nr)
{
	struct lb_map_state *st = ctx->priv;
	void *addr;

	addr = st->ops->map(ctx, st->pages ? st->pages + first : NULL, nr);
	if (!addr)
		return -ENOMEM;
	lb_count_lazy(ctx, (unsigned long)addr, nr);
	st->sections[first / ctx->batch] = addr;
	return 0;
}

static int lb_unmap_section(struct lb_run_ctx *ctx, unsigned long first,
			    unsigned long nr)
{
	struct lb_map_state *st = ctx->priv;
	void **slot = &st->sections[first / ctx->batch];

	st->ops->unmap(*slot, nr);
	*slot = NULL;
	return 0;
}

/* Error path: unmap whatever a failed repetition left mapped. */
static void lb_unmap_all(struct lb_run_ctx *ctx)
{
	struct lb_map_state *st = ctx->priv;
	unsigned long first, nr;

	for (first = 0; first < ctx->pages; first += nr) {
		nr = min(ctx->batch, ctx->pages - first);
		if (st->sections[first / ctx->batch])
			lb_unmap_section(ctx, first, nr);
	}
}

int lb_map_rep(struct lb_run_ctx *ctx, u64 *ns)
{
	struct lb_map_state *st = ctx->priv;
	unsigned long first, nr;
	int ret;

	ret = lb_timed_sections(ctx, lb_map_section, &ns[0]);
	if (ret) {
		lb_unmap_all(ctx);
		snprintf(ctx->reason, LAZYBENCH_REASON_LEN,
			 "%s of %lu pages failed", ctx->wl->name, ctx->batch);
		return ret;
	}
	for (first = 0; first < ctx->pages; first += nr) {
		nr = min(ctx->batch, ctx->pages - first);
		lb_touch_kernel_range(st->sections[first / ctx->batch], nr);
		cond_resched();
	}
	ret = lb_timed_sections(ctx, lb_unmap_section, &ns[1]);
	/* Version 1 callers do not get the purge (ctx->nr_metrics 2). */
	if (!ret && ctx->nr_metrics > 2)
		ret = lb_timed_purge(ctx, &ns[2]);
	return ret;
}

void lb_map_teardown(struct lb_run_ctx *ctx)
{
	struct lb_map_state *st = ctx->priv;

	lb_unmap_all(ctx);
	lb_free_page_array(st->pages, ctx->pages);
	kvfree(st->sections);
	kfree(st);
	ctx->priv = NULL;
}
