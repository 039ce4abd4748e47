// SPDX-License-Identifier: GPL-2.0
/*
 * vm_map_ram: vm_map_ram + vm_unmap_ram of batch pre-allocated pages (small
 * counts come from per-CPU vmap blocks, as in test_vmalloc's vm_map_ram_test).
 */
#include <linux/numa.h>
#include <linux/vmalloc.h>

#include "lb_map.h"

static void *lb_vm_map_ram_map(struct lb_run_ctx *ctx, struct page **pages,
			       unsigned long nr)
{
	return vm_map_ram(pages, nr, NUMA_NO_NODE);
}

static void lb_vm_map_ram_unmap(void *addr, unsigned long nr)
{
	vm_unmap_ram(addr, nr);
}

static const struct lb_map_ops lb_vm_map_ram_ops = {
	.map = lb_vm_map_ram_map,
	.unmap = lb_vm_map_ram_unmap,
	.needs_pages = true,
};

static int lb_vm_map_ram_setup(struct lb_run_ctx *ctx)
{
	return lb_map_setup(ctx, &lb_vm_map_ram_ops);
}

const struct lb_kwl_ops lb_wl_VM_MAP_RAM = {
	/* vmalloc and friends allocate (pages, vmap areas, page tables). */
	.sleeps = BIT(LAZYBENCH_VARIANT_NONE),
	.has_purge = true,
	.setup = lb_vm_map_ram_setup,
	.rep = lb_map_rep,
	.teardown = lb_map_teardown,
};
