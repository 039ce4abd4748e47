// SPDX-License-Identifier: GPL-2.0
/* mremap: move a touched N-page mapping to a fixed address and back, one move per repetition
 * (move_ptes, mm/mremap.c). The two addresses are deliberately not co-aligned on 2 MiB, so the
 * kernel moves PTEs one by one instead of whole page tables (move_normal_pmd). */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "anon_mem.h"
#include "workload.h"

#define PMD_SIZE (2ul << 20)

struct mremap_state {
	char *region; /* PROT_NONE reservation holding both places */
	size_t region_len;
	char *at[2];
	unsigned long moves;
};

static int mremap_setup(struct lb_ctx *ctx)
{
	size_t len = lb_anon_len(ctx->p->pages);
	struct mremap_state *s = calloc(1, sizeof(*s));
	char *base;

	if (!s)
		return ENOMEM;
	/* Room for a 2 MiB-aligned source, the mapping, a one-page gap and the destination. */
	s->region_len = PMD_SIZE + 2 * len + 2 * lb_sys_page_size();
	s->region = mmap(NULL, s->region_len, PROT_NONE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (s->region == MAP_FAILED) {
		free(s);
		return lb_anon_fail(ctx->reason, sizeof(ctx->reason), "mmap reservation");
	}
	base = (char *)(((unsigned long)s->region + PMD_SIZE - 1) & ~(PMD_SIZE - 1));
	s->at[0] = base;
	s->at[1] = base + len + lb_sys_page_size();
	if (!lb_anon_map(s->at[0], ctx->p->pages)) {
		int e = lb_anon_fail(ctx->reason, sizeof(ctx->reason), "mmap");

		munmap(s->region, s->region_len);
		free(s);
		return e;
	}
	lb_anon_touch(s->at[0], ctx->p->pages);
	ctx->priv = s;
	return 0;
}

static int mremap_rep(struct lb_ctx *ctx, uint64_t ns[LB_MAX_METRICS])
{
	struct mremap_state *s = ctx->priv;
	size_t len = lb_anon_len(ctx->p->pages);
	char *from = s->at[s->moves % 2], *to = s->at[(s->moves + 1) % 2];
	uint64_t t0 = lb_timed_begin(ctx);
	void *r = mremap(from, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, to);

	ns[0] = lb_timed_end(ctx, t0);
	if (r == MAP_FAILED)
		return lb_anon_fail(ctx->reason, sizeof(ctx->reason), "mremap");
	s->moves++;
	/* Keep the vacated range reserved so nothing else lands where the next move goes. */
	if (mmap(from, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1,
		 0) == MAP_FAILED)
		return lb_anon_fail(ctx->reason, sizeof(ctx->reason), "mmap re-reservation");
	return 0;
}

static void mremap_teardown(struct lb_ctx *ctx)
{
	struct mremap_state *s = ctx->priv;

	munmap(s->region, s->region_len);
	free(s);
}

const struct lb_workload lb_workload_mremap = {
    .name = "mremap",
    .kind = LB_KIND_SYSCALL,
    .description = "move touched anonymous pages to a fixed address and back (mremap)",
    .n_metrics = 1,
    .metrics = {"mremap"},
    .setup = mremap_setup,
    .rep = mremap_rep,
    .teardown = mremap_teardown,
};
