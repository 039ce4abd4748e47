// SPDX-License-Identifier: GPL-2.0
/* munmap: mmap + touch untimed, munmap timed (zap_pte_range plus the TLB flush). */
#include <errno.h>
#include <sys/mman.h>

#include "anon_mem.h"
#include "workload.h"

static int munmap_rep(struct lb_ctx *ctx, uint64_t ns[LB_MAX_METRICS])
{
	size_t len = lb_anon_len(ctx->p->pages);
	char *mem = lb_anon_map(NULL, ctx->p->pages);
	uint64_t t0;
	int r;

	if (!mem)
		return lb_anon_fail(ctx->reason, sizeof(ctx->reason), "mmap");
	lb_anon_touch(mem, ctx->p->pages);
	t0 = lb_timed_begin(ctx);
	r = munmap(mem, len);
	ns[0] = lb_timed_end(ctx, t0);
	return r ? lb_anon_fail(ctx->reason, sizeof(ctx->reason), "munmap") : 0;
}

const struct lb_workload lb_workload_munmap = {
    .name = "munmap",
    .kind = LB_KIND_SYSCALL,
    .description = "munmap of freshly touched anonymous pages (mmap and touch untimed)",
    .n_metrics = 1,
    .metrics = {"munmap"},
    .rep = munmap_rep,
};
