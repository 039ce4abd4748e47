// SPDX-License-Identifier: GPL-2.0
/*
 * populate: install the VMA's PTEs with apply_to_page_range(), one call per
 * batch. Variant prealloc: the pages exist before timing and the callback
 * only writes the PTE. Variant kasan mirrors kasan_populate_vmalloc_pte() of
 * 7.x: each batch's pages are bulk-allocated (timed, as in KASAN), and the
 * callback pauses the mode, clears the page, takes a spinlock, sets the PTE
 * if none, unlocks and resumes. The callback runs under the PTE lock of a
 * user mm: nothing in it sleeps.
 */
#include <linux/gfp.h>
#include <linux/mm.h>

#include "lb_compat.h"
#include "lb_pt.h"

static struct page *lb_populate_page(struct lb_run_ctx *ctx,
				     unsigned long addr)
{
	struct lb_pt_state *st = ctx->priv;

	return st->pages[(addr - ctx->addr) >> PAGE_SHIFT];
}

static int lb_pte_set_prealloc(pte_t *ptep, unsigned long addr, void *data)
{
	struct lb_run_ctx *ctx = data;

	lb_check_write(ctx);
	return lb_pte_install(ctx, ptep, addr, lb_populate_page(ctx, addr));
}

static int lb_pte_set_kasan(pte_t *ptep, unsigned long addr, void *data)
{
	struct lb_run_ctx *ctx = data;
	struct page *page = lb_populate_page(ctx, addr);
	int ret = 0;

	lb_lazy_pause();
	clear_page(page_address(page));
	spin_lock(&lb_pt_lock);
	if (pte_none(ptep_get(ptep))) {
		lb_check_write(ctx);
		ret = lb_pte_install(ctx, ptep, addr, page);
	}
	spin_unlock(&lb_pt_lock);
	lb_lazy_resume();
	lb_check_resumed(ctx);
	return ret;
}

/* As KASAN's ___alloc_pages_bulk(): retry until the batch is complete. */
static int lb_bulk_alloc(struct page **pages, unsigned long nr)
{
	unsigned long done = 0, got;

	while (done < nr) {
		got = lb_alloc_pages_bulk(GFP_KERNEL, nr, pages);
		if (got == done)
			return -ENOMEM;
		done = got;
	}
	return 0;
}

static int lb_populate_section(struct lb_run_ctx *ctx, unsigned long first,
			       unsigned long nr)
{
	struct lb_pt_state *st = ctx->priv;
	unsigned long addr = ctx->addr + (first << PAGE_SHIFT);
	int ret;

	lb_count_lazy(ctx, addr, nr);
	if (ctx->variant == LAZYBENCH_VARIANT_PREALLOC)
		return apply_to_page_range(ctx->mm, addr, nr << PAGE_SHIFT,
					   lb_pte_set_prealloc, ctx);
	ret = lb_bulk_alloc(st->pages + first, nr);
	if (ret)
		return ret;
	return apply_to_page_range(ctx->mm, addr, nr << PAGE_SHIFT,
				   lb_pte_set_kasan, ctx);
}

/* kasan: the pages of this repetition go back once the TLB is flushed. */
static void lb_populate_release(struct lb_run_ctx *ctx)
{
	struct lb_pt_state *st = ctx->priv;
	unsigned long i;

	for (i = 0; i < ctx->pages; i++) {
		if (st->pages[i]) {
			__free_page(st->pages[i]);
			st->pages[i] = NULL;
		}
		cond_resched();
	}
}

static int lb_populate_rep(struct lb_run_ctx *ctx, u64 *ns)
{
	struct lb_pt_state *st = ctx->priv;
	int ret, flush_ret;

	ctx->recording = true;
	ret = lb_timed_sections(ctx, lb_populate_section, &ns[0]);
	ctx->recording = false;
	if (ret)
		snprintf(ctx->reason, LAZYBENCH_REASON_LEN,
			 "apply_to_page_range failed");
	else
		ret = lb_vma_touch(ctx);
	flush_ret = lb_vma_flush(ctx, st->dummy);
	if (ctx->variant == LAZYBENCH_VARIANT_KASAN)
		lb_populate_release(ctx);
	return ret ? ret : flush_ret;
}

static int lb_populate_setup(struct lb_run_ctx *ctx)
{
	return lb_pt_setup(ctx, ctx->variant == LAZYBENCH_VARIANT_PREALLOC);
}

static int lb_populate_available(u32 variant, char *reason, size_t len)
{
	if (IS_ENABLED(CONFIG_ARCH_HAS_PTE_SPECIAL))
		return 0;
	snprintf(reason, len, "this arch has no special PTEs for a VM_PFNMAP mapping");
	return -EOPNOTSUPP;
}

const struct lb_kwl_ops lb_wl_POPULATE = {
	/* kasan allocates its pages inside the section, as KASAN does. */
	.sleeps = BIT(LAZYBENCH_VARIANT_KASAN),
	.available = lb_populate_available,
	.setup = lb_populate_setup,
	.rep = lb_populate_rep,
	.teardown = lb_pt_teardown,
};
