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
 *   idle     clock_nanosleep() with the timer slack set to 1 ns: the CPU runs the idle task
 *            until the hrtimer fires (idle is a kernel thread, active_mm borrowed). A short
 *            sleep does not always block: the timer can fire before schedule() (measured: no
 *            context switch with 1 ns or 10 us on the host, and none in most repetitions of
 *            50 us under QEMU TCG). setup() therefore calibrates: it starts at 50 us and
 *            doubles (up to 10 ms) until 20 sleeps in a row blocked; "switch" includes that
 *            sleep, which the case records as state_check.sleep_ns.
 *   kworker  write to /proc/sys/vm/stat_refresh (root): schedule_on_each_cpu() runs a bound
 *            kworker on every CPU and waits for them, so this CPU switches to its own kworker
 *            and back while the writer sleeps in flush_work(). Deterministic, no module needed;
 *            the time includes refresh_vm_stats() and the wake-ups of the other CPUs' kworkers.
 *
 * Every repetition checks (getrusage(RUSAGE_THREAD), outside the timed region) that the thread
 * really was switched out, and tries again if not (up to MAX_ATTEMPTS); the counters cover
 * every attempt, and state_check.retries counts them. Only voluntary switches count as
 * blocking: the check's window also holds the counters' start and stop, and a preemption
 * there passed for a switch while the sleep had not blocked (seen under QEMU TCG on ppc64le:
 * thread-scope context switches 0 in 7 of 8 repetitions, cpu-scope 2 in some of them: a
 * preemption between enabling the CPU's counters and the thread's).
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
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "anon_mem.h"
#include "workload.h"

#define STAT_REFRESH "/proc/sys/vm/stat_refresh"
#define SLEEP_MIN_NS 50000l
#define SLEEP_MAX_NS 10000000l
#define CALIBRATION_RUN 20
#define MAX_ATTEMPTS 100

static const char *const kthread_switch_variants[] = {"idle", "kworker", NULL};

struct kthread_switch_state {
	char *mem;
	int fd; /* stat_refresh, kworker variant */
	int old_slack;
	long sleep_ns;	       /* idle variant, calibrated */
	unsigned long retries; /* attempts that did not switch */
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

/* Give the CPU away once and come back. 0 or an errno value. */
static int give_cpu_away(struct kthread_switch_state *s)
{
	struct timespec sleep = {s->sleep_ns / 1000000000l, s->sleep_ns % 1000000000l};

	if (s->fd >= 0)
		return pwrite(s->fd, "1", 1, 0) == 1 ? 0 : errno;
	return clock_nanosleep(CLOCK_MONOTONIC, 0, &sleep, NULL);
}

/* Voluntary context switches of the calling thread so far: it blocked. */
static long thread_blocked(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_THREAD, &ru))
		return -1;
	return ru.ru_nvcsw;
}

/* idle: the shortest sleep (from SLEEP_MIN_NS, doubling) that blocked CALIBRATION_RUN times
 * in a row. 0 or an errno value with the reason. */
static int calibrate_sleep(struct lb_ctx *ctx, struct kthread_switch_state *s)
{
	for (s->sleep_ns = SLEEP_MIN_NS; s->sleep_ns <= SLEEP_MAX_NS; s->sleep_ns *= 2) {
		int run = 0;

		while (run < CALIBRATION_RUN) {
			long before = thread_blocked();
			int e = give_cpu_away(s);

			if (e) {
				errno = e;
				return lb_anon_fail(ctx->reason, sizeof(ctx->reason),
						    "clock_nanosleep");
			}
			if (thread_blocked() == before)
				break;
			run++;
		}
		if (run == CALIBRATION_RUN)
			return 0;
	}
	snprintf(
	    ctx->reason, sizeof(ctx->reason),
	    "no sleep up to %ld ns blocked %d times in a row (the thread was not switched out)",
	    SLEEP_MAX_NS, CALIBRATION_RUN);
	return EAGAIN;
}

static int kthread_switch_setup(struct lb_ctx *ctx)
{
	struct kthread_switch_state *s = calloc(1, sizeof(*s));
	int e;

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
	} else {
		int e = calibrate_sleep(ctx, s);

		if (e) {
			prctl(PR_SET_TIMERSLACK, s->old_slack > 0 ? s->old_slack : 0, 0, 0, 0);
			free(s);
			return e;
		}
	}
	s->mem = lb_anon_prepare(ctx, &e);
	if (!s->mem) {
		if (s->fd >= 0)
			close(s->fd);
		prctl(PR_SET_TIMERSLACK, s->old_slack > 0 ? s->old_slack : 0, 0, 0, 0);
		free(s);
		return e;
	}
	ctx->priv = s;
	return 0;
}

static int kthread_switch_rep(struct lb_ctx *ctx, uint64_t ns[LB_MAX_METRICS])
{
	struct kthread_switch_state *s = ctx->priv;
	size_t len = lb_anon_len(ctx->p->pages), ps = lb_sys_page_size();
	const volatile char *mem = s->mem;
	uint64_t t0, t1, t2;
	unsigned sum = 0;
	int e = 0;

	for (int attempt = 0;; attempt++) {
		long before = thread_blocked();

		ctx->counters_start(ctx);
		t0 = lb_now_ns();
		e = give_cpu_away(s);
		t1 = lb_now_ns();
		for (size_t off = 0; off < len; off += ps)
			sum += (unsigned)mem[off];
		t2 = lb_now_ns();
		ctx->counters_stop(ctx);
		if (e || thread_blocked() != before)
			break;
		s->retries++;
		if (attempt + 1 == MAX_ATTEMPTS) {
			snprintf(ctx->reason, sizeof(ctx->reason),
				 "the thread was not switched out in %d attempts", MAX_ATTEMPTS);
			return EAGAIN;
		}
	}
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
	/* What this visit used: the calibrated sleep (idle) and the attempts without a switch. */
	ctx->state_check =
	    json_pack("{s:I, s:I}", "sleep_ns", (json_int_t)(s->fd >= 0 ? 0 : s->sleep_ns),
		      "retries", (json_int_t)s->retries);
	munmap(s->mem, lb_anon_len(ctx->p->pages));
	free(s);
}

const struct lb_workload lb_workload_kthread_switch = {
    .name = "kthread_switch",
    .kind = LB_KIND_SYSCALL,
    .opt_in = true,
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
