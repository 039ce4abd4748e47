// SPDX-License-Identifier: GPL-2.0
/* munmap: mmap + touch untimed, munmap timed (zap_pte_range plus the TLB flush). */
#include <errno.h>
#include <sys/mman.h>

#include "anon_mem.h"
#include "workload.h"

static int munmap_setup(struct lb_ctx *ctx)
{
	(void)ctx;
	return 0;
}

static int munmap_rep(struct lb_ctx *ctx, uint64_t ns[LB_MAX_METRICS])
{
	size_t len = lb_anon_len(ctx->p->pages);
	char *mem = lb_anon_map(NULL, ctx->p->pages);
	uint64_t t0, t1;
	int r;

	if (!mem)
		return lb_anon_fail(ctx->reason, sizeof(ctx->reason), "mmap");
	lb_anon_touch(mem, ctx->p->pages);
	ctx->counters_start(ctx);
	t0 = lb_now_ns();
	r = munmap(mem, len);
	t1 = lb_now_ns();
	ctx->counters_stop(ctx);
	if (r)
		return lb_anon_fail(ctx->reason, sizeof(ctx->reason), "munmap");
	ns[0] = t1 - t0;
	return 0;
}

static void munmap_teardown(struct lb_ctx *ctx)
{
	(void)ctx;
}

const struct lb_workload lb_workload_munmap = {
    .name = "munmap",
    .kind = LB_KIND_SYSCALL,
    .description = "munmap of freshly touched anonymous pages (mmap and touch untimed)",
    .n_metrics = 1,
    .metrics = {"munmap"},
    .setup = munmap_setup,
    .rep = munmap_rep,
    .teardown = munmap_teardown,
};
