// SPDX-License-Identifier: GPL-2.0
/* mprotect: toggle a touched anonymous mapping between PROT_READ and PROT_READ|PROT_WRITE
 * (change_pte_range, mm/mprotect.c). A repetition times both directions as two metrics:
 * "protect" (RW -> RO, which must flush the TLB) and "unprotect" (RO -> RW, which need not).
 * Pooling them in one metric would make a bimodal sample whose median jumps between the two. */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "anon_mem.h"
#include "workload.h"

struct mprotect_state {
	char *mem;
};

static int mprotect_setup(struct lb_ctx *ctx)
{
	struct mprotect_state *s = calloc(1, sizeof(*s));
	int e;

	if (!s)
		return ENOMEM;
	/* Always readable, so the remote thread can keep reading it. */
	s->mem = lb_anon_prepare(ctx, &e);
	if (!s->mem) {
		free(s);
		return e;
	}
	ctx->priv = s;
	return 0;
}

/* One timed mprotect() of the whole mapping; counters cover only the call. */
static int mprotect_timed(struct lb_ctx *ctx, int prot, uint64_t *ns)
{
	struct mprotect_state *s = ctx->priv;
	uint64_t t0 = lb_timed_begin(ctx);
	int r = mprotect(s->mem, lb_anon_len(ctx->p->pages), prot);

	*ns = lb_timed_end(ctx, t0);
	return r ? lb_anon_fail(ctx->reason, sizeof(ctx->reason), "mprotect") : 0;
}

static int mprotect_rep(struct lb_ctx *ctx, uint64_t ns[LB_MAX_METRICS])
{
	int r = mprotect_timed(ctx, PROT_READ, &ns[0]);

	return r ? r : mprotect_timed(ctx, PROT_READ | PROT_WRITE, &ns[1]);
}

static void mprotect_teardown(struct lb_ctx *ctx)
{
	struct mprotect_state *s = ctx->priv;

	munmap(s->mem, lb_anon_len(ctx->p->pages));
	free(s);
}

const struct lb_workload lb_workload_mprotect = {
    .name = "mprotect",
    .kind = LB_KIND_SYSCALL,
    .description = "toggle PROT_READ <-> PROT_READ|PROT_WRITE on touched anonymous pages",
    .n_metrics = 2,
    .metrics = {"protect", "unprotect"},
    .setup = mprotect_setup,
    .rep = mprotect_rep,
    .teardown = mprotect_teardown,
};
