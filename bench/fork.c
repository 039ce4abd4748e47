// SPDX-License-Identifier: GPL-2.0
/*
 * fork: a process with N touched anonymous pages forks. Metric "fork" is fork() as seen by the
 * parent (copy_pte_range); metric "exit_reap" runs from releasing the child until waitpid()
 * returns: the child's exit zaps its copy of the page tables (zap_pte_range). The child blocks
 * on a pipe first, so its exit never lands inside the fork() window; it inherits the pinning,
 * so it exits on the measuring CPU (cpu-scope counters see it, thread-scope ones do not).
 * Mode off: a child does not inherit the parent's TASK_LAZY pause (docs/kmod.md, "TASK_LAZY"),
 * so it pauses itself before it blocks, outside both timed windows; the pause ends at its exit.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "anon_mem.h"
#include "kmod_client.h"
#include "workload.h"

struct fork_state {
	char *mem;
	int release[2]; /* pipe: the parent writes one byte to let the child exit */
};

static int fork_setup(struct lb_ctx *ctx)
{
	struct fork_state *s = calloc(1, sizeof(*s));
	int e;

	if (!s)
		return ENOMEM;
	if (pipe(s->release)) {
		free(s);
		return lb_anon_fail(ctx->reason, sizeof(ctx->reason), "pipe");
	}
	s->mem = lb_anon_prepare(ctx, &e);
	if (!s->mem) {
		close(s->release[0]);
		close(s->release[1]);
		free(s);
		return e;
	}
	ctx->priv = s;
	return 0;
}

static int fork_rep(struct lb_ctx *ctx, uint64_t ns[LB_MAX_METRICS])
{
	struct fork_state *s = ctx->priv;
	uint64_t t0;
	int status;
	pid_t pid;
	char c = 0;
	int err = 0, kfd = -1;

	/* Mode off: the module's fd is open already (the parent paused itself through it). */
	if (ctx->p->mode == LB_MODE_OFF) {
		kfd = lb_kmod_fd(&err, ctx->reason, sizeof(ctx->reason));
		if (kfd < 0)
			return err;
	}
	t0 = lb_timed_begin(ctx);
	pid = fork();
	if (pid == 0) {
		/* Child: system calls only (the parent may be multithreaded). */
		struct lazybench_task_lazy t;

		if (kfd >= 0 && lb_kmod_task_lazy(kfd, LAZYBENCH_TASK_LAZY_OFF, &t))
			_exit(3);
		while (read(s->release[0], &c, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	ns[0] = lb_timed_end(ctx, t0);
	if (pid < 0)
		return lb_anon_fail(ctx->reason, sizeof(ctx->reason), "fork");

	t0 = lb_timed_begin(ctx);
	if (write(s->release[1], &c, 1) != 1) {
		lb_timed_end(ctx, t0);
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		return lb_anon_fail(ctx->reason, sizeof(ctx->reason), "write to child");
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	ns[1] = lb_timed_end(ctx, t0);
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		snprintf(ctx->reason, sizeof(ctx->reason),
			 "the child could not pause its lazy MMU mode (TASK_LAZY off)");
		return EPROTO;
	}
	return 0;
}

static void fork_teardown(struct lb_ctx *ctx)
{
	struct fork_state *s = ctx->priv;

	close(s->release[0]);
	close(s->release[1]);
	munmap(s->mem, lb_anon_len(ctx->p->pages));
	free(s);
}

const struct lb_workload lb_workload_fork = {
    .name = "fork",
    .kind = LB_KIND_SYSCALL,
    .description = "fork of a process with touched anonymous pages; child exit+reap timed apart",
    .n_metrics = 2,
    .metrics = {"fork", "exit_reap"},
    .setup = fork_setup,
    .rep = fork_rep,
    .teardown = fork_teardown,
};
