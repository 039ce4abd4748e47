/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The user page-table workloads (populate, depopulate, zap) share their
 * setup: page tables created by an untimed first pass, the pages the PTEs
 * point at, and a dummy page used to flush (see lb_vma_flush()).
 */
#ifndef LB_PT_H
#define LB_PT_H

#include <linux/spinlock.h>

#include "lb.h"

struct lb_pt_state {
	struct page **pages;	/* ctx->pages; allocated per batch for kasan */
	struct page *dummy;
};

/* Stands for init_mm.page_table_lock in the KASAN-style callbacks. */
extern spinlock_t lb_pt_lock;

/* @prealloc: allocate every page now (else the workload does, timed). */
int lb_pt_setup(struct lb_run_ctx *ctx, bool prealloc);
void lb_pt_teardown(struct lb_run_ctx *ctx);
/* Untimed: every PTE of the VMA set, then every page touched. */
int lb_pt_fill_and_touch(struct lb_run_ctx *ctx);

#endif /* LB_PT_H */
