// SPDX-License-Identifier: GPL-2.0
/*
 * depopulate: the counterpart of kasan_depopulate_vmalloc_pte() over the
 * VMA: per PTE, pause, read, clear (under a spinlock), resume. KASAN frees
 * the page there; a user mm may still hold a stale translation of it until
 * the TLB is flushed, so the free is deferred to after the (untimed) flush:
 * the pages are reused by the next repetition.
 */
#include <linux/mm.h>

#include "lb_compat.h"
#include "lb_pt.h"

static int lb_pte_depopulate(pte_t *ptep, unsigned long addr, void *data)
{
	struct lb_run_ctx *ctx = data;

	lb_lazy_pause();
	spin_lock(&lb_pt_lock);
	if (!pte_none(ptep_get(ptep))) {
		lb_check_write(ctx);
		lb_pte_remove(ctx, ptep, addr);
	}
	spin_unlock(&lb_pt_lock);
	lb_lazy_resume();
	lb_check_resumed(ctx);
	return 0;
}

static int lb_depopulate_section(struct lb_run_ctx *ctx, unsigned long first,
				 unsigned long nr)
{
	unsigned long addr = ctx->addr + (first << PAGE_SHIFT);

	lb_count_lazy(ctx, addr, nr);
	/* apply_to_existing_page_range() is not exported; the tables exist. */
	return apply_to_page_range(ctx->mm, addr, nr << PAGE_SHIFT,
				   lb_pte_depopulate, ctx);
}

static int lb_depopulate_rep(struct lb_run_ctx *ctx, u64 *ns)
{
	struct lb_pt_state *st = ctx->priv;
	int ret, flush_ret;

	ret = lb_pt_fill_and_touch(ctx);
	if (ret)
		goto flush;
	ctx->recording = true;
	ret = lb_timed_sections(ctx, lb_depopulate_section, &ns[0]);
	ctx->recording = false;
	if (ret)
		snprintf(ctx->reason, LAZYBENCH_REASON_LEN,
			 "apply_to_page_range failed");
flush:
	flush_ret = lb_vma_flush(ctx, st->dummy);
	return ret ? ret : flush_ret;
}

static int lb_depopulate_available(u32 variant, char *reason, size_t len)
{
	if (LB_CAN_CLEAR_USER_PTE)
		return 0;
	snprintf(reason, len,
		 "powerpc exports no hpte_need_flush() to modules, so a module cannot clear a user PTE");
	return -EOPNOTSUPP;
}

static int lb_depopulate_setup(struct lb_run_ctx *ctx)
{
	return lb_pt_setup(ctx, true);
}

const struct lb_kwl_ops lb_wl_DEPOPULATE = {
	.sleeps = 0,
	.available = lb_depopulate_available,
	.setup = lb_depopulate_setup,
	.rep = lb_depopulate_rep,
	.teardown = lb_pt_teardown,
};
