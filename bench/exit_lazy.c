// SPDX-License-Identifier: GPL-2.0
/*
 * exit_lazy: a process whose mm was live on other CPUs exits while those CPUs run the idle
 * task (a kernel thread) with that mm as their lazy active_mm. This is where
 * MMU_LAZY_TLB_SHOOTDOWN pays: before the mm is freed, every CPU still in mm_cpumask() gets an
 * IPI to switch to init_mm (kernel/fork.c cleanup_lazy_tlbs(); on powerpc radix the final
 * fullmm flush does it first, exit_flush_lazy_tlbs() in arch/powerpc/mm/book3s64/radix_tlb.c).
 * With MMU_LAZY_TLB_REFCOUNT the lazy CPUs hold a reference instead and nothing is sent.
 *
 * One repetition (untimed part first): fork a child (pinned to the measuring CPU), which maps
 * and touches N pages, then, when --remote names a placement, moves itself onto that CPU,
 * reads its pages there and moves back (sched_setaffinity; the CPU it leaves switches to a
 * kernel thread and keeps the mm lazily), reports ready and blocks on a pipe. Timed: release
 * it, until waitpid() returns (exit_mm -> exit_mmap -> __mmdrop, then the reap). With --remote
 * none the mm never left the measuring CPU: the control without lazy users. The harness starts
 * no reader thread for this workload (the remote CPU must be left idle).
 *
 * Counters: the shootdown IPIs are sent by the exiting child on the measuring CPU (cpu scope:
 * ipi_send_cpu / ipi_send_cpumask, tlb_flush on x86); the remote_cpu scope is the lazy CPU.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "anon_mem.h"
#include "pin.h"
#include "workload.h"

struct exit_lazy_state {
	cpu_set_t home, lazy;
	bool has_lazy;
};

static int exit_lazy_setup(struct lb_ctx *ctx)
{
	struct exit_lazy_state *s = calloc(1, sizeof(*s));
	int e;

	if (!s)
		return ENOMEM;
	e = lb_pin_cpuset(ctx->p->cpu, &s->home, ctx->reason, sizeof(ctx->reason));
	if (!e && ctx->p->remote_cpu >= 0) {
		s->has_lazy = true;
		e = lb_pin_cpuset(ctx->p->remote_cpu, &s->lazy, ctx->reason, sizeof(ctx->reason));
	}
	if (e) {
		free(s);
		return e;
	}
	ctx->priv = s;
	return 0;
}

/*
 * The child: async-signal-safe calls only. Exit status 0 once released, else the step that
 * failed (1..5).
 *
 * Back on its home CPU it must not write to a page it still shares copy-on-write with the
 * parent: the COW fault's flush (ptep_clear_flush) would find the lazy CPU in mm_cpumask and,
 * on powerpc radix, trim it with an IPI right there (flush_type_needed() does that for a
 * single-threaded mm, shootdown or not), before the exit this workload is about. Measured in a
 * ppc64le guest: libc's lazy binding writing the GOT on the first call of a function (here
 * _exit) did exactly that. So after the move the child only calls syscall(), resolved (and its
 * GOT page, stack and TLS page written) before the move, and reads into its own fresh page.
 */
static void child(const struct exit_lazy_state *s, size_t pages, int ready, int release)
{
	size_t len = lb_anon_len(pages), ps = lb_sys_page_size();
	char *mem = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile char sink = 0;

	errno = 0;
	(void)syscall(SYS_getpid);
	if (mem == MAP_FAILED)
		_exit(1);
	for (size_t off = 0; off < len; off += ps)
		mem[off] = 1;
	if (s->has_lazy) {
		if (lb_pin_apply(&s->lazy))
			_exit(2);
		for (size_t off = 0; off < len; off += ps)
			sink += mem[off];
		if (lb_pin_apply(&s->home))
			_exit(3);
	}
	if (syscall(SYS_write, ready, mem, 1) != 1)
		syscall(SYS_exit_group, 4);
	while (syscall(SYS_read, release, mem, 1) < 0)
		if (errno != EINTR)
			syscall(SYS_exit_group, 5);
	syscall(SYS_exit_group, 0);
	_exit(0); /* not reached */
}

static int exit_lazy_rep(struct lb_ctx *ctx, uint64_t ns[LB_MAX_METRICS])
{
	static const char *const steps[] = {"",		 "mmap",	 "move to the lazy CPU",
					    "move back", "report ready", "wait for release"};
	struct exit_lazy_state *s = ctx->priv;
	int ready[2], release[2], status = 0, e = 0;
	uint64_t t0, t1;
	pid_t pid;
	char c = 0;

	if (pipe(ready))
		return lb_anon_fail(ctx->reason, sizeof(ctx->reason), "pipe");
	if (pipe(release)) {
		e = lb_anon_fail(ctx->reason, sizeof(ctx->reason), "pipe");
		close(ready[0]);
		close(ready[1]);
		return e;
	}
	pid = fork();
	if (pid == 0) {
		close(ready[0]);
		close(release[1]);
		child(s, ctx->p->pages, ready[1], release[0]);
	}
	close(ready[1]);
	close(release[0]);
	if (pid < 0) {
		e = lb_anon_fail(ctx->reason, sizeof(ctx->reason), "fork");
		goto out;
	}
	if (read(ready[0], &c, 1) != 1) { /* the child died before it was ready */
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		e = EIO;
		snprintf(ctx->reason, sizeof(ctx->reason), "child failed: %s",
			 WIFEXITED(status) && WEXITSTATUS(status) < 6 ? steps[WEXITSTATUS(status)]
								      : "killed");
		goto out;
	}
	t0 = lb_timed_begin(ctx);
	if (write(release[1], &c, 1) != 1) {
		lb_timed_end(ctx, t0);
		e = lb_anon_fail(ctx->reason, sizeof(ctx->reason), "write to child");
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		goto out;
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	t1 = lb_timed_end(ctx, t0);
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		e = EIO;
		snprintf(ctx->reason, sizeof(ctx->reason),
			 "child did not exit cleanly (status %#x)", status);
		goto out;
	}
	ns[0] = t1;
out:
	close(ready[0]);
	close(release[1]);
	return e;
}

static void exit_lazy_teardown(struct lb_ctx *ctx)
{
	free(ctx->priv);
}

const struct lb_workload lb_workload_exit_lazy = {
    .name = "exit_lazy",
    .kind = LB_KIND_SYSCALL,
    .opt_in = true,
    .description = "exit of a process whose mm is still lazily active on the --remote CPU "
		   "(shootdown IPIs at exit); --remote none is the control",
    .n_metrics = 1,
    .metrics = {"exit_reap"},
    .own_remote = true,
    .setup = exit_lazy_setup,
    .rep = exit_lazy_rep,
    .teardown = exit_lazy_teardown,
};
