// SPDX-License-Identifier: GPL-2.0
/*
 * zap: tear the VMA's PTEs down, one call per batch, with
 * zap_special_vma_range() (7.x) or zap_vma_ptes() (older): the kernel's own
 * zap_pte_range() lazy section, with its TLB gather and flush.
 */
#include <linux/mm.h>

#include "lb_compat.h"
#include "lb_pt.h"

static int lb_zap_section(struct lb_run_ctx *ctx, unsigned long first,
			  unsigned long nr)
{
	unsigned long addr = ctx->addr + (first << PAGE_SHIFT);

	lb_count_lazy(ctx, addr, nr);
	lb_zap_special(ctx->vma, addr, nr << PAGE_SHIFT);
	return 0;
}

static int lb_zap_rep(struct lb_run_ctx *ctx, u64 *ns)
{
	int ret;

	ret = lb_pt_fill_and_touch(ctx);
	if (ret)
		return ret;
	return lb_timed_sections(ctx, lb_zap_section, &ns[0]);
}

static int lb_zap_setup(struct lb_run_ctx *ctx)
{
	return lb_pt_setup(ctx, true);
}

const struct lb_kwl_ops lb_wl_ZAP = {
	/* TLB gather, mmu notifiers and cond_resched() may sleep. */
	.sleeps = BIT(LAZYBENCH_VARIANT_NONE),
	.setup = lb_zap_setup,
	.rep = lb_zap_rep,
	.teardown = lb_pt_teardown,
};
