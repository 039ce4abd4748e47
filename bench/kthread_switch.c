// SPDX-License-Identifier: GPL-2.0
/*
 * kthread_switch: the measuring thread blocks and is woken, so that its CPU runs a kernel
 * thread (or the idle task) in between and comes back: user -> kernel thread -> user on one
 * CPU, the lazy TLB path of context_switch() (kernel/sched/core.c). The kernel thread borrows
 * the measuring task's mm as its active_mm; with CONFIG_MMU_LAZY_TLB_REFCOUNT that costs an
 * mmgrab_lazy_tlb()/mmdrop_lazy_tlb() atomic pair on the mm per round trip, with
 * MMU_LAZY_TLB_SHOOTDOWN nothing (powerpc book3s64).
 *
 * Variants (how the CPU is given away):
 *   idle     clock_nanosleep() of SLEEP_NS with the timer slack set to 1 ns: the CPU runs the
 *            idle task until the hrtimer fires (idle is a kernel thread, active_mm borrowed). A
 *            shorter sleep does not block: the timer has fired before schedule() (measured: no
 *            context switch with 1 ns). "switch" includes the SLEEP_NS of sleep.
 *   kworker  write to /proc/sys/vm/stat_refresh (root): schedule_on_each_cpu() runs a bound
 *            kworker on every CPU and waits for them, so this CPU switches to its own kworker
 *            and back while the writer sleeps in flush_work(). Deterministic, no module needed;
 *            the time includes refresh_vm_stats() and the wake-ups of the other CPUs' kworkers.
 *
 * Metrics: "switch" is the blocking call (block, the other task runs, wake, back in user
 * mode); "touch" reads one byte of each of the N touched pages right after it, which costs
 * TLB refills only if the switch lost the TLB entries (lazy TLB is there to keep them).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "anon_mem.h"
#include "workload.h"

#define STAT_REFRESH "/proc/sys/vm/stat_refresh"
#define SLEEP_NS 50000

static const char *const kthread_switch_variants[] = {"idle", "kworker", NULL};

struct kthread_switch_state {
	char *mem;
	int fd; /* stat_refresh, kworker variant */
	int old_slack;
};

static bool is_kworker(const struct lb_case_params *p)
{
	return p->variant && !strcmp(p->variant, "kworker");
}

static int kthread_switch_available(const struct lb_case_params *p, char *reason, size_t len)
{
	if (is_kworker(p) && access(STAT_REFRESH, W_OK)) {
		int e = errno;

		snprintf(reason, len, "%s not writable (%s): needs root and CONFIG_PROC_SYSCTL",
			 STAT_REFRESH, strerror(e));
		return e;
	}
	return 0;
}

static int kthread_switch_setup(struct lb_ctx *ctx)
{
	struct kthread_switch_state *s = calloc(1, sizeof(*s));

	if (!s)
		return ENOMEM;
	s->fd = -1;
	s->old_slack = prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0);
	if (is_kworker(ctx->p)) {
		s->fd = open(STAT_REFRESH, O_WRONLY | O_CLOEXEC);
		if (s->fd < 0) {
			free(s);
			return lb_anon_fail(ctx->reason, sizeof(ctx->reason), "open " STAT_REFRESH);
		}
	} else if (prctl(PR_SET_TIMERSLACK, 1, 0, 0, 0)) {
		free(s);
		return lb_anon_fail(ctx->reason, sizeof(ctx->reason), "PR_SET_TIMERSLACK");
	}
	s->mem = lb_anon_map(NULL, ctx->p->pages);
	if (!s->mem) {
		int e = lb_anon_fail(ctx->reason, sizeof(ctx->reason), "mmap");

		if (s->fd >= 0)
			close(s->fd);
		prctl(PR_SET_TIMERSLACK, s->old_slack > 0 ? s->old_slack : 0, 0, 0, 0);
		free(s);
		return e;
	}
	lb_anon_touch(s->mem, ctx->p->pages);
	ctx->remote_read_addr = s->mem;
	ctx->remote_read_len = lb_anon_len(ctx->p->pages);
	ctx->priv = s;
	return 0;
}

/* Give the CPU away once and come back. 0 or an errno value. */
static int give_cpu_away(struct kthread_switch_state *s)
{
	static const struct timespec sleep = {0, SLEEP_NS};

	if (s->fd >= 0)
		return pwrite(s->fd, "1", 1, 0) == 1 ? 0 : errno;
	return clock_nanosleep(CLOCK_MONOTONIC, 0, &sleep, NULL);
}

static int kthread_switch_rep(struct lb_ctx *ctx, uint64_t ns[LB_MAX_METRICS])
{
	struct kthread_switch_state *s = ctx->priv;
	size_t len = lb_anon_len(ctx->p->pages), ps = lb_sys_page_size();
	const volatile char *mem = s->mem;
	uint64_t t0, t1, t2;
	unsigned sum = 0;
	int e;

	ctx->counters_start(ctx);
	t0 = lb_now_ns();
	e = give_cpu_away(s);
	t1 = lb_now_ns();
	for (size_t off = 0; off < len; off += ps)
		sum += (unsigned)mem[off];
	t2 = lb_now_ns();
	ctx->counters_stop(ctx);
	if (e) {
		errno = e;
		return lb_anon_fail(ctx->reason, sizeof(ctx->reason),
				    s->fd >= 0 ? "write " STAT_REFRESH : "clock_nanosleep");
	}
	if (sum == 0) { /* every page holds a 1: keeps the reads */
		snprintf(ctx->reason, sizeof(ctx->reason), "touched pages read back as 0");
		return EIO;
	}
	ns[0] = t1 - t0;
	ns[1] = t2 - t1;
	return 0;
}

static void kthread_switch_teardown(struct lb_ctx *ctx)
{
	struct kthread_switch_state *s = ctx->priv;

	if (s->fd >= 0)
		close(s->fd);
	else
		prctl(PR_SET_TIMERSLACK, s->old_slack > 0 ? s->old_slack : 0, 0, 0, 0);
	munmap(s->mem, lb_anon_len(ctx->p->pages));
	free(s);
}

const struct lb_workload lb_workload_kthread_switch = {
    .name = "kthread_switch",
    .kind = LB_KIND_SYSCALL,
    .description = "block and wake on one CPU so it runs idle or a kworker in between "
		   "(lazy TLB: the kernel thread borrows the mm)",
    .n_metrics = 2,
    .metrics = {"switch", "touch"},
    .variants = kthread_switch_variants,
    .available = kthread_switch_available,
    .setup = kthread_switch_setup,
    .rep = kthread_switch_rep,
    .teardown = kthread_switch_teardown,
};
