// SPDX-License-Identifier: GPL-2.0
/*
 * The user VMA the populate/depopulate/zap workloads write PTEs into: a
 * shared mmap() of /dev/lazybench, VM_PFNMAP as xen privcmd's, whose PTEs
 * are special and point at pages this module owns.
 *
 * A page is handed back to the allocator only after every PTE that pointed
 * at it was cleared *and* the TLB flushed (lb_vma_flush): other threads of
 * the process could otherwise still reach it through a stale translation.
 *
 * The per-mapping state is shared by every VMA that vm_area_dup() copies it
 * into: mremap() of the whole mapping (MREMAP_MAYMOVE, MREMAP_FIXED) copies
 * the VMA, calls .open on the copy and .close on the original, so the state
 * is reference counted, one reference per VMA. fork does not copy the VMA
 * (VM_DONTCOPY) and a split is refused (.may_split).
 */
#include <linux/atomic.h>
#include <linux/capability.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/refcount.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "lb.h"
#include "lb_compat.h"

struct lb_vma {
	/* One reference per VMA pointing here. */
	refcount_t refs;
	/* One RUN at a time per mapping: two would overwrite each other's PTEs. */
	atomic_t busy;
};

/* A copy of the VMA (mremap): it shares the state. */
static void lb_vma_open(struct vm_area_struct *vma)
{
	struct lb_vma *lv = vma->vm_private_data;

	refcount_inc(&lv->refs);
}

static void lb_vma_put(struct lb_vma *lv)
{
	if (refcount_dec_and_test(&lv->refs))
		kfree(lv);
}

static void lb_vma_close(struct vm_area_struct *vma)
{
	lb_vma_put(vma->vm_private_data);
}

/* Partial munmap/mprotect would leave two VMAs sharing one lb_vma. */
static int lb_vma_may_split(struct vm_area_struct *vma, unsigned long addr)
{
	return -EINVAL;
}

const struct vm_operations_struct lb_vm_ops = {
	.open = lb_vma_open,
	.close = lb_vma_close,
	.may_split = lb_vma_may_split,
};

/*
 * Place the mapping on a PMD boundary, so that a RUN of up to PTRS_PER_PTE
 * pages lies in one page table (one PTE-level lazy section of the kernel's
 * page-table walkers) rather than straddling two.
 */
unsigned long lb_get_unmapped_area(struct file *file, unsigned long addr,
				   unsigned long len, unsigned long pgoff,
				   unsigned long flags)
{
	unsigned long area;

	if (addr || (flags & MAP_FIXED) || len + PMD_SIZE < len)
		return lb_mm_get_unmapped_area(file, addr, len, pgoff, flags);
	area = lb_mm_get_unmapped_area(file, 0, len + PMD_SIZE, pgoff, flags);
	if (IS_ERR_VALUE(area))
		return lb_mm_get_unmapped_area(file, 0, len, pgoff, flags);
	return ALIGN(area, PMD_SIZE);
}

int lb_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long pages = vma_pages(vma);
	struct lb_vma *lv;

	/* The fd may have been passed to an unprivileged process. */
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (vma->vm_pgoff || !(vma->vm_flags & VM_SHARED))
		return -EINVAL;
	/* Our PTEs are never executable (lb_set_pte() relies on it). */
	if (vma->vm_flags & VM_EXEC)
		return -EPERM;
	if (pages > lb_max_pages())
		return -E2BIG;
	lv = kzalloc_obj(*lv);
	if (!lv)
		return -ENOMEM;
	refcount_set(&lv->refs, 1);
	/*
	 * Not copied on fork: a child must never see our pages. No
	 * mprotect(PROT_EXEC) later either.
	 */
	vm_flags_set(vma, VM_IO | VM_PFNMAP | VM_DONTCOPY | VM_DONTEXPAND |
		     VM_DONTDUMP);
	vm_flags_clear(vma, VM_MAYEXEC);
	vma->vm_ops = &lb_vm_ops;
	vma->vm_private_data = lv;
	return 0;
}

/*
 * Find the caller's mapping at @addr, exactly ctx->pages long, and claim
 * it for this RUN; mmap_lock held. The RUN holds a reference on the state
 * until lb_vma_unclaim(): ctx->vma_priv recognises the mapping (no other
 * mapping can get its address while the reference is held) and the claim
 * is released even if the mapping was moved or unmapped meanwhile.
 */
int lb_vma_claim(struct lb_run_ctx *ctx, u64 addr)
{
	struct vm_area_struct *vma;
	struct lb_vma *lv;

	mmap_assert_locked(ctx->mm);
	vma = vma_lookup(ctx->mm, addr);
	if (!vma || vma->vm_ops != &lb_vm_ops || vma->vm_start != addr ||
	    vma_pages(vma) != ctx->pages || !(vma->vm_flags & VM_READ)) {
		snprintf(ctx->reason, LAZYBENCH_REASON_LEN,
			 "addr must be the start of a readable mmap() of /dev/lazybench exactly pages long");
		return -EINVAL;
	}
	lv = vma->vm_private_data;
	if (atomic_cmpxchg(&lv->busy, 0, 1)) {
		snprintf(ctx->reason, LAZYBENCH_REASON_LEN,
			 "another RUN is using this mapping");
		return -EBUSY;
	}
	refcount_inc(&lv->refs);
	ctx->vma = vma;
	ctx->vma_priv = lv;
	ctx->addr = addr;
	return 0;
}

/* Needs no mmap_lock: the mapping may be gone, the state is ours. */
void lb_vma_unclaim(struct lb_run_ctx *ctx)
{
	struct lb_vma *lv = ctx->vma_priv;

	atomic_set(&lv->busy, 0);
	lb_vma_put(lv);
	ctx->vma = NULL;
	ctx->vma_priv = NULL;
}

static int lb_pte_nop(pte_t *ptep, unsigned long addr, void *data)
{
	return 0;
}

/* Untimed first pass: allocate the page tables, write no PTE. */
int lb_vma_create_tables(struct lb_run_ctx *ctx)
{
	return apply_to_page_range(ctx->mm, ctx->addr, ctx->pages << PAGE_SHIFT,
				   lb_pte_nop, NULL);
}

/* Write one special PTE for @page; the caller holds the PTE lock. */
int lb_pte_install(struct lb_run_ctx *ctx, pte_t *ptep, unsigned long addr,
		   struct page *page)
{
	pte_t pte = pfn_pte(page_to_pfn(page), ctx->vma->vm_page_prot);

	/* Overwriting a live PTE without a flush could leave a stale TLB entry. */
	if (!pte_none(ptep_get(ptep)))
		return -EBUSY;
	/*
	 * Break-before-make: a slot whose valid PTE was cleared gets a new one
	 * only after the TLB was flushed (arm64 requires it).
	 */
	if (WARN_ON_ONCE(LB_NEEDS_BBM && ctx->unflushed_clears))
		return -EPROTO;
	lb_set_pte(ctx->mm, addr, ptep, pte_mkspecial(pte));
	return 0;
}

/* Clear one PTE without a flush (depopulate); the caller holds the PTE lock. */
void lb_pte_remove(struct lb_run_ctx *ctx, pte_t *ptep, unsigned long addr)
{
	ctx->unflushed_clears = true;
	lb_pte_clear(ctx->mm, addr, ptep);
}

struct lb_fill {
	struct lb_run_ctx *ctx;
	struct page **pages;	/* indexed from the start of the VMA */
	struct page *one;	/* or the same page everywhere */
};

static int lb_pte_fill(pte_t *ptep, unsigned long addr, void *data)
{
	struct lb_fill *f = data;
	struct lb_run_ctx *ctx = f->ctx;
	struct page *page;

	if (f->one) {
		/* Refill before a flush: only the holes. */
		if (!pte_none(ptep_get(ptep)))
			return 0;
		page = f->one;
	} else {
		page = f->pages[(addr - ctx->addr) >> PAGE_SHIFT];
	}
	return lb_pte_install(ctx, ptep, addr, page);
}

/* Untimed: map pages[first..first+nr) at their place in the VMA. */
int lb_vma_fill(struct lb_run_ctx *ctx, struct page **pages,
		unsigned long first, unsigned long nr)
{
	struct lb_fill f = { .ctx = ctx, .pages = pages };

	return apply_to_page_range(ctx->mm, ctx->addr + (first << PAGE_SHIFT),
				   nr << PAGE_SHIFT, lb_pte_fill, &f);
}

/*
 * Read one byte of every page through the user mapping, so that it has a
 * translation (on powerpc hash, a hash PTE) for the unmap to invalidate.
 * Page faults are disabled: every PTE is present, and a fault here could
 * not take mmap_lock, which we hold.
 */
int lb_vma_touch(struct lb_run_ctx *ctx)
{
	unsigned long i;
	int ret = 0;
	char c __maybe_unused;

	pagefault_disable();
	for (i = 0; i < ctx->pages && !ret; i++)
		if (get_user(c, (char __user *)(ctx->addr + (i << PAGE_SHIFT))))
			ret = -EFAULT;
	pagefault_enable();
	if (ret)
		snprintf(ctx->reason, LAZYBENCH_REASON_LEN,
			 "touching page %lu of the mapping faulted", i - 1);
	return ret;
}

/*
 * Clear every PTE of the VMA and flush the TLB. zap flushes only the PTEs
 * it clears, and a callback that cleared PTEs itself (depopulate) left
 * translations zap does not see: so fill the holes with @dummy, then zap the
 * whole range. Writing into a slot whose clear was not flushed breaks
 * break-before-make: where the arch requires it (arm64, LB_NEEDS_BBM), the
 * range is flushed first, with its inline flush_tlb_range(). x86 exports no
 * user TLB flush to modules and needs none before such a write.
 */
int lb_vma_flush(struct lb_run_ctx *ctx, struct page *dummy)
{
	struct lb_fill f = { .ctx = ctx, .one = dummy };
	unsigned long len = ctx->pages << PAGE_SHIFT;
	int ret;

	if (ctx->unflushed_clears &&
	    lb_flush_user_range(ctx->vma, ctx->addr, ctx->addr + len))
		ctx->unflushed_clears = false;
	ret = apply_to_page_range(ctx->mm, ctx->addr, len, lb_pte_fill, &f);
	lb_zap_special(ctx->vma, ctx->addr, len);
	ctx->unflushed_clears = false;
	return ret;
}
