// SPDX-License-Identifier: GPL-2.0
/*
 * context_switch1: will-it-scale's context_switch1 pattern, two tasks bouncing one byte over a
 * pair of pipes. Variant "threads": the partner is a thread of this process (same mm, so a
 * switch between them on one CPU changes no mm); "processes": a forked child (another mm: every
 * switch is user -> user with switch_mm). With --remote none both tasks share the measuring CPU
 * (every round trip is two context switches there); with a placement the partner is pinned on
 * that CPU (this workload puts its own task there, the harness starts no reader thread), and
 * each side blocks in read() in between, so both CPUs go idle (lazy TLB: idle borrows the mm)
 * and are woken across CPUs.
 *
 * Metric "round_trip": one repetition times ROUND_TRIPS write -> partner read + write -> read
 * round trips and records the mean per round trip (will-it-scale counts iterations per second).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "anon_mem.h"
#include "pin.h"
#include "workload.h"

#define ROUND_TRIPS 100

static const char *const context_switch1_variants[] = {"threads", "processes", NULL};

struct context_switch1_state {
	int to_partner[2], from_partner[2];
	cpu_set_t partner_cpu;
	bool threads;
	pthread_t thread;
	pid_t pid;
};

/* The partner: echo every byte until EOF. Async-signal-safe (runs in a forked child too). */
static void echo_loop(struct context_switch1_state *s)
{
	char c;

	if (lb_pin_apply(&s->partner_cpu))
		return;
	for (;;) {
		ssize_t r = read(s->to_partner[0], &c, 1);

		if (r < 0 && errno == EINTR)
			continue;
		if (r != 1 || write(s->from_partner[1], &c, 1) != 1)
			return;
	}
}

static void *partner_thread(void *arg)
{
	echo_loop(arg);
	return NULL;
}

static void close_pair(int p[2])
{
	for (int i = 0; i < 2; i++)
		if (p[i] >= 0)
			close(p[i]);
	p[0] = p[1] = -1;
}

static int context_switch1_setup(struct lb_ctx *ctx)
{
	struct context_switch1_state *s = calloc(1, sizeof(*s));
	int cpu = ctx->p->remote_cpu >= 0 ? ctx->p->remote_cpu : ctx->p->cpu, e;

	if (!s)
		return ENOMEM;
	s->threads = !strcmp(ctx->p->variant, "threads");
	s->pid = -1;
	s->to_partner[0] = s->to_partner[1] = s->from_partner[0] = s->from_partner[1] = -1;
	e = lb_pin_cpuset(cpu, &s->partner_cpu, ctx->reason, sizeof(ctx->reason));
	if (e)
		goto fail;
	if (pipe2(s->to_partner, O_CLOEXEC) || pipe2(s->from_partner, O_CLOEXEC)) {
		e = lb_anon_fail(ctx->reason, sizeof(ctx->reason), "pipe");
		goto fail;
	}
	if (s->threads) {
		e = pthread_create(&s->thread, NULL, partner_thread, s);
		if (e) {
			snprintf(ctx->reason, sizeof(ctx->reason), "pthread_create: %s",
				 strerror(e));
			goto fail;
		}
	} else {
		s->pid = fork();
		if (s->pid == 0) {
			close(s->to_partner[1]);
			close(s->from_partner[0]);
			echo_loop(s);
			_exit(0);
		}
		if (s->pid < 0) {
			e = lb_anon_fail(ctx->reason, sizeof(ctx->reason), "fork");
			goto fail;
		}
		close(s->to_partner[0]);
		close(s->from_partner[1]);
		s->to_partner[0] = s->from_partner[1] = -1;
	}
	ctx->priv = s;
	return 0;
fail:
	close_pair(s->to_partner);
	close_pair(s->from_partner);
	free(s);
	return e;
}

static int context_switch1_rep(struct lb_ctx *ctx, uint64_t ns[LB_MAX_METRICS])
{
	struct context_switch1_state *s = ctx->priv;
	uint64_t t0 = lb_timed_begin(ctx), ns_all;
	char c = 0;
	int e = 0;

	for (unsigned i = 0; i < ROUND_TRIPS && !e; i++) {
		ssize_t r;

		if (write(s->to_partner[1], &c, 1) != 1) {
			e = errno ? errno : EPIPE;
			break;
		}
		while ((r = read(s->from_partner[0], &c, 1)) < 0 && errno == EINTR)
			;
		if (r != 1)
			e = r < 0 ? errno : EPIPE;
	}
	ns_all = lb_timed_end(ctx, t0);
	if (e) {
		snprintf(ctx->reason, sizeof(ctx->reason), "ping-pong with the partner %s: %s",
			 s->threads ? "thread" : "process", strerror(e));
		return e;
	}
	ns[0] = ns_all / ROUND_TRIPS;
	return 0;
}

static void context_switch1_teardown(struct lb_ctx *ctx)
{
	struct context_switch1_state *s = ctx->priv;
	int status;

	/* EOF on its pipe ends the partner. */
	close(s->to_partner[1]);
	s->to_partner[1] = -1;
	if (s->threads) {
		pthread_join(s->thread, NULL);
	} else {
		while (waitpid(s->pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	close_pair(s->to_partner);
	close_pair(s->from_partner);
	free(s);
}

const struct lb_workload lb_workload_context_switch1 = {
    .name = "context_switch1",
    .kind = LB_KIND_SYSCALL,
    .opt_in = true,
    .description = "will-it-scale context_switch1: pipe ping-pong with a thread or process, "
		   "same CPU or on the --remote CPU",
    .n_metrics = 1,
    .metrics = {"round_trip"},
    .variants = context_switch1_variants,
    .own_remote = true,
    .no_pages = true,
    .setup = context_switch1_setup,
    .rep = context_switch1_rep,
    .teardown = context_switch1_teardown,
};
