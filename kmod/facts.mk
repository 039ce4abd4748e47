# SPDX-License-Identifier: GPL-2.0
# What a module can use in the kernel tree it is built against, each fact stated once and
# found by grep (static inlines and export macros are invisible to #ifdef). Included by
# kmod/Kbuild and tests/vm/lazy_probe/Kbuild; sets lb-* variables, refuses nothing itself.

# The 7.x lazy MMU API (lazy_mmu_mode_enable() and friends), all static inlines.
lb-nesting := $(if $(shell grep -s -l 'lazy_mmu_mode_enable' $(srctree)/include/linux/pgtable.h),y)

# Before 6.13 MODULE_IMPORT_NS took a bare identifier; since, a string.
lb-ns-bare := $(if $(shell grep -s 'define MODULE_IMPORT_NS.*__stringify' $(srctree)/include/linux/module.h),y)

# powerpc book3s64 hash keeps its lazy MMU batch in ppc64_tlb_batch and __flush_tlb_pending():
# not exported at all before 7.0; from 7.0 with EXPORT_SYMBOL_IF_KUNIT, which exports
# nothing when CONFIG_KUNIT is off (as on distribution kernels).
lb-ppc-hash := $(if $(filter powerpc,$(SRCARCH)),$(CONFIG_PPC_64S_HASH_MMU))
lb-ppc-batch-export := $(shell grep -s -o 'EXPORT_SYMBOL[_A-Z]*(ppc64_tlb_batch)' $(srctree)/arch/powerpc/mm/book3s64/hash_tlb.c)

# sparc64 exports arch_{enter,flush,leave}_lazy_mmu_mode with EXPORT_SYMBOL_IF_KUNIT too, but
# its set_pte_at() calls tlb_batch_add(), which is not exported at all.
lb-sparc64 := $(if $(filter sparc,$(SRCARCH)),$(CONFIG_SPARC64))

lb-kunit := $(filter y m,$(CONFIG_KUNIT))

# Why the lazy MMU hooks cannot be called from a module here, or empty.
lb-hooks-unexported :=
ifeq ($(lb-ppc-hash),y)
ifeq ($(lb-ppc-batch-export),)
lb-hooks-unexported := powerpc before 7.0 exports no hash batch symbols (ppc64_tlb_batch, __flush_tlb_pending) to modules
else ifneq ($(findstring IF_KUNIT,$(lb-ppc-batch-export)),)
ifeq ($(lb-kunit),)
lb-hooks-unexported := this powerpc kernel exports ppc64_tlb_batch and __flush_tlb_pending only with CONFIG_KUNIT (EXPORT_SYMBOL_IF_KUNIT), and CONFIG_KUNIT is off
endif
endif
endif
