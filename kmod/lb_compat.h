/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which lazy MMU API generation this module is built against, and the few
 * kernel interfaces that were renamed between the kernels lazybench supports.
 */
#ifndef LB_COMPAT_H
#define LB_COMPAT_H

#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <asm/tlbflush.h>

#include "uapi/lazybench.h"

/*
 * The preprocessor cannot see enum lazybench_generation: these select the
 * lb_mode_*.c file to compile, which reports the enum value at run time.
 */
#define LB_GEN_STATELESS 1
#define LB_GEN_STATEFUL_V2 2
#define LB_GEN_NESTING 3

/* Kbuild greps include/linux/pgtable.h (LB_HAVE_NESTING_API); see Kbuild. */
#if defined(LB_HAVE_NESTING_API)
#define LB_GEN LB_GEN_NESTING
#elif defined(LAZY_MMU_NESTED)
#define LB_GEN LB_GEN_STATEFUL_V2
#else
#define LB_GEN LB_GEN_STATELESS
#endif

/* Does the arch implement the mode (rather than the generic no-op)? */
#if LB_GEN == LB_GEN_NESTING
#define LB_ARCH_LAZY IS_ENABLED(CONFIG_ARCH_HAS_LAZY_MMU_MODE)
#elif defined(__HAVE_ARCH_ENTER_LAZY_MMU_MODE)
#define LB_ARCH_LAZY 1
#else
#define LB_ARCH_LAZY 0
#endif

/* 6.12 spells the array form of the bulk page allocator differently. */
#ifdef alloc_pages_bulk_array
#define lb_alloc_pages_bulk(gfp, nr, arr) alloc_pages_bulk_array(gfp, nr, arr)
#else
#define lb_alloc_pages_bulk(gfp, nr, arr) alloc_pages_bulk(gfp, nr, arr)
#endif

/* kzalloc_obj() is 7.x only; 6.12 gets the plain spelling. */
#ifndef kzalloc_obj
#define lb_obj_size(p) sizeof(p)
#define kzalloc_obj(p) kzalloc(lb_obj_size(p), GFP_KERNEL)
#endif

/*
 * Write one user PTE into an empty slot (every caller checks pte_none()).
 *
 * powerpc exports no set_ptes() to modules, but its __set_pte_at() is
 * inline. Our PTEs are never executable, so set_pte_filter() (icache
 * flushing) would have nothing to do.
 *
 * arm64 with CONFIG_DEBUG_VM: set_ptes() checks the update with
 * pgattr_change_is_safe(), which is not exported, so the module would not
 * link. The check only looks at valid-to-valid changes and our slot is
 * empty, so it could never fire: this is set_ptes() for one PTE without it.
 */
static inline void lb_set_pte(struct mm_struct *mm, unsigned long addr,
			      pte_t *ptep, pte_t pte)
{
#if defined(CONFIG_PPC_BOOK3S_64)
	__set_pte_at(mm, addr, ptep, pte, 0);
#elif defined(CONFIG_ARM64) && defined(CONFIG_DEBUG_VM)
	pte = pte_mknoncont(pte);
#ifdef CONFIG_ARM64_CONTPTE
	contpte_try_unfold(mm, addr, ptep, __ptep_get(ptep));
#endif
	page_table_check_ptes_set(mm, addr, ptep, pte, 1);
	__sync_cache_and_tags(pte, 1);
	__set_pte(ptep, pte);
#ifdef CONFIG_ARM64_CONTPTE
	contpte_try_fold(mm, addr, ptep, pte);
#endif
#else
	set_pte_at(mm, addr, ptep, pte);
#endif
}

/*
 * Clearing a user PTE goes through pte_update(), which on powerpc calls
 * hpte_need_flush(): not exported to modules.
 */
#define LB_CAN_CLEAR_USER_PTE (!IS_ENABLED(CONFIG_PPC))

static inline void lb_pte_clear(struct mm_struct *mm, unsigned long addr,
				pte_t *ptep)
{
#ifdef CONFIG_PPC
	/* Never reached: depopulate is refused on powerpc. */
	WARN_ON_ONCE(1);
#else
	pte_clear(mm, addr, ptep);
#endif
}

/*
 * arm64 requires break-before-make: a valid PTE cleared without a TLB flush
 * may not be replaced by another valid one until the range is invalidated.
 * Its flush_tlb_range() is inline (TLBI instructions), so a module can
 * flush. x86 exports no user-range TLB flush to modules, and needs none
 * before a new PTE is written over a cleared one.
 */
#define LB_NEEDS_BBM IS_ENABLED(CONFIG_ARM64)

/* Flush the TLB for [start, end) of @vma if a module can; false if not. */
static inline bool lb_flush_user_range(struct vm_area_struct *vma,
				       unsigned long start, unsigned long end)
{
#ifdef CONFIG_ARM64
	flush_tlb_range(vma, start, end);
	return true;
#else
	return false;
#endif
}

/* 6.x passes the mm first; 7.x uses current->mm. See Kbuild. */
static inline unsigned long lb_mm_get_unmapped_area(struct file *file,
						    unsigned long addr,
						    unsigned long len,
						    unsigned long pgoff,
						    unsigned long flags)
{
#ifdef LB_GUA_HAS_MM
	return mm_get_unmapped_area(current->mm, file, addr, len, pgoff, flags);
#else
	return mm_get_unmapped_area(file, addr, len, pgoff, flags);
#endif
}

static inline void lb_zap_special(struct vm_area_struct *vma,
				  unsigned long addr, unsigned long size)
{
#ifdef LB_HAVE_ZAP_SPECIAL
	zap_special_vma_range(vma, addr, size);
#else
	zap_vma_ptes(vma, addr, size);
#endif
}

#endif /* LB_COMPAT_H */
