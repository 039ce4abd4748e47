// SPDX-License-Identifier: GPL-2.0
/* madvise: on freshly touched pages, MADV_COLD (madvise_cold_or_pageout_pte_range: clears the
 * young bits and deactivates) then MADV_DONTNEED (zap_pte_range), each timed as a metric. */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "anon_mem.h"
#include "workload.h"

static int madvise_setup(struct lb_ctx *ctx)
{
	char *mem = lb_anon_map(NULL, ctx->p->pages);

	if (!mem)
		return lb_anon_fail(ctx->reason, sizeof(ctx->reason), "mmap");
	ctx->priv = mem;
	return 0;
}

static int timed_madvise(struct lb_ctx *ctx, int advice, uint64_t *ns)
{
	uint64_t t0 = lb_timed_begin(ctx);
	int r = madvise(ctx->priv, lb_anon_len(ctx->p->pages), advice);

	*ns = lb_timed_end(ctx, t0);
	if (r)
		return lb_anon_fail(ctx->reason, sizeof(ctx->reason),
				    advice == MADV_COLD ? "madvise(MADV_COLD)"
							: "madvise(MADV_DONTNEED)");
	return 0;
}

static int madvise_rep(struct lb_ctx *ctx, uint64_t ns[LB_MAX_METRICS])
{
	int r;

	/* DONTNEED of the previous repetition left nothing mapped: populate again, untimed. */
	lb_anon_touch(ctx->priv, ctx->p->pages);
	r = timed_madvise(ctx, MADV_COLD, &ns[1]);
	if (!r)
		r = timed_madvise(ctx, MADV_DONTNEED, &ns[0]);
	return r;
}

static void madvise_teardown(struct lb_ctx *ctx)
{
	munmap(ctx->priv, lb_anon_len(ctx->p->pages));
}

const struct lb_workload lb_workload_madvise = {
    .name = "madvise",
    .kind = LB_KIND_SYSCALL,
    .description = "MADV_COLD then MADV_DONTNEED of touched anonymous pages (two metrics)",
    .n_metrics = 2,
    .metrics = {"dontneed", "cold"},
    .setup = madvise_setup,
    .rep = madvise_rep,
    .teardown = madvise_teardown,
};
