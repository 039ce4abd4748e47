// SPDX-License-Identifier: GPL-2.0
/* mprotect: toggle a touched anonymous mapping between PROT_READ and PROT_READ|PROT_WRITE
 * (change_pte_range, mm/mprotect.c); one toggle per repetition. */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "anon_mem.h"
#include "workload.h"

struct mprotect_state {
	char *mem;
	unsigned long reps;
};

static int mprotect_setup(struct lb_ctx *ctx)
{
	struct mprotect_state *s = calloc(1, sizeof(*s));

	if (!s)
		return ENOMEM;
	s->mem = lb_anon_map(NULL, ctx->p->pages);
	if (!s->mem) {
		free(s);
		return lb_anon_fail(ctx->reason, sizeof(ctx->reason), "mmap");
	}
	lb_anon_touch(s->mem, ctx->p->pages);
	/* Always readable, so the remote thread can keep reading it. */
	ctx->remote_read_addr = s->mem;
	ctx->remote_read_len = lb_anon_len(ctx->p->pages);
	ctx->priv = s;
	return 0;
}

static int mprotect_rep(struct lb_ctx *ctx, uint64_t ns[LB_MAX_METRICS])
{
	struct mprotect_state *s = ctx->priv;
	/* Even repetitions write-protect (needs a TLB flush), odd ones restore write access. */
	int prot = s->reps++ % 2 ? PROT_READ | PROT_WRITE : PROT_READ;
	uint64_t t0, t1;
	int r;

	ctx->counters_start(ctx);
	t0 = lb_now_ns();
	r = mprotect(s->mem, lb_anon_len(ctx->p->pages), prot);
	t1 = lb_now_ns();
	ctx->counters_stop(ctx);
	if (r)
		return lb_anon_fail(ctx->reason, sizeof(ctx->reason), "mprotect");
	ns[0] = t1 - t0;
	return 0;
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
    .n_metrics = 1,
    .metrics = {"mprotect"},
    .available = lb_syscall_available,
    .setup = mprotect_setup,
    .rep = mprotect_rep,
    .teardown = mprotect_teardown,
};
