// SPDX-License-Identifier: GPL-2.0
/* Setup and teardown shared by the populate, depopulate and zap workloads. */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "lb_compat.h"
#include "lb_pt.h"

DEFINE_SPINLOCK(lb_pt_lock);

int lb_pt_setup(struct lb_run_ctx *ctx, bool prealloc)
{
	struct lb_pt_state *st;
	int ret;

	ret = lb_vma_create_tables(ctx);
	if (ret) {
		snprintf(ctx->reason, LAZYBENCH_REASON_LEN,
			 "creating the page tables of the mapping failed");
		return ret;
	}
	st = kzalloc_obj(*st);
	if (!st)
		return -ENOMEM;
	st->dummy = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (prealloc)
		st->pages = lb_alloc_page_array(ctx->pages);
	else
		st->pages = kvcalloc(ctx->pages, sizeof(*st->pages),
				     GFP_KERNEL);
	if (!st->dummy || !st->pages) {
		/* Either may have succeeded without the other. */
		if (st->dummy)
			__free_page(st->dummy);
		lb_free_page_array(st->pages, ctx->pages);
		kfree(st);
		snprintf(ctx->reason, LAZYBENCH_REASON_LEN,
			 "out of memory allocating %lu pages", ctx->pages);
		return -ENOMEM;
	}
	ctx->priv = st;
	return 0;
}

/* No page goes back before its PTEs are gone and the TLB flushed. */
void lb_pt_teardown(struct lb_run_ctx *ctx)
{
	struct lb_pt_state *st = ctx->priv;

	/* A mapping unmapped during the RUN took its PTEs with it. */
	if (ctx->vma)
		lb_vma_flush(ctx, st->dummy);
	lb_free_page_array(st->pages, ctx->pages);
	__free_page(st->dummy);
	kfree(st);
	ctx->priv = NULL;
}

int lb_pt_fill_and_touch(struct lb_run_ctx *ctx)
{
	struct lb_pt_state *st = ctx->priv;
	int ret;

	ret = lb_vma_fill(ctx, st->pages, 0, ctx->pages);
	if (ret) {
		snprintf(ctx->reason, LAZYBENCH_REASON_LEN,
			 "filling the mapping failed");
		return ret;
	}
	return lb_vma_touch(ctx);
}
