/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The uniform workload interface (one small C file per workload, one table of them,
 * like will-it-scale's testcases).
 *
 * How to add a workload:
 *  1. Write bench/<name>.c defining `const struct lb_workload lb_workload_<name>` with the
 *     fields below (kernel workloads are bench/kernel_<name>.c, kind LB_KIND_KERNEL).
 *  2. Add one line `LB_WORKLOAD(<name>)` to bench/workloads.def (syscall
 *     workloads first, then kernel ones), and the .c file to lb_bench in src/CMakeLists.txt.
 *  3. If it has metrics not yet listed in docs/results-format.md, add them there.
 *
 * Life of a case (one workload x variant x mode x pages x batch x remote):
 *   available(params)                  optional; may refuse, with errno + reason (kept as refused)
 *   setup(ctx)                         optional, untimed: map and touch memory, open the device
 *   rep(ctx, ns) x (warmup + reps)     one repetition; fills ns[i] for each metric i
 *   teardown(ctx)                      optional, untimed, always called when setup succeeded
 *
 * Timing: rep() brackets each timed operation with t0 = lb_timed_begin(ctx) and
 * ns = lb_timed_end(ctx, t0) (counters on, CLOCK_MONOTONIC, operation, clock, counters off), so
 * that the counters cover exactly the timed region(s); the harness sums all regions of one
 * repetition. Kernel workloads receive the time from the module (ktime_get_ns) and bracket
 * only the counters, with ctx->counters_start/stop. Only the workload knows where
 * its operation is (a kernel workload times inside one ioctl), hence the callbacks.
 *
 * Remote thread: when --remote is not "none", the harness runs a second thread of the process on
 * another CPU that keeps the mm live there by reading memory. A workload whose memory stays
 * mapped and readable for the whole case may publish it with ctx->remote_read_addr/len in
 * setup(); otherwise the remote thread reads a buffer of the harness (munmap/mremap would make
 * the workload's own memory vanish under the reader).
 */
#ifndef LB_WORKLOAD_H
#define LB_WORKLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define LB_MAX_METRICS 4
#define LB_REASON_LEN 256

enum lb_kind { LB_KIND_SYSCALL, LB_KIND_KERNEL };

/* Lazy MMU mode a case runs under (docs/kmod.md, "Modes"). */
enum lb_mode { LB_MODE_ON, LB_MODE_OFF, LB_MODE_NESTED, LB_MODE_PAUSED };

/* Parameters of one case, as the user asked for them. */
struct lb_case_params {
	const char *variant; /* one of the workload's variants, or NULL when it has none */
	enum lb_mode mode;
	unsigned long pages; /* 4 KiB base pages per operation */
	long batch;	     /* pages per call (kernel) / per operation; -1 when none */
	int cpu;	     /* measuring CPU (the harness already pinned the thread) */
	int remote_cpu;	     /* CPU of the remote reader thread, -1 when none */
	unsigned reps;	     /* measured repetitions of this visit */
	unsigned warmup;     /* warmup repetitions before them */
	unsigned delay_ns;   /* kernel workloads: the module's busy-wait per section (0: none) */
};

struct lb_ctx {
	const struct lb_case_params *p;
	/* Bracket each timed operation; cheap enough to call once per operation. */
	void (*counters_start)(struct lb_ctx *ctx);
	void (*counters_stop)(struct lb_ctx *ctx);
	/* A workload that runs all repetitions in one bracketed region (a kernel RUN): first
	 * bracket a setup-only baseline and call counters_baseline(), then bracket the whole
	 * run and call counters_spread(n): each of this and the next n - 1 repetitions gets
	 * (whole - baseline) / n. */
	void (*counters_baseline)(struct lb_ctx *ctx);
	void (*counters_spread)(struct lb_ctx *ctx, unsigned n);
	/* Kernel workloads, right after the RUN: the timed sections it ran, per repetition
	 * (warmup first, n_reps of them) and metric: sections[r * n_metrics + m], 0 for a metric
	 * with no timed section of its own (empty). For the TCG plugin's region accounting. */
	void (*run_sections)(struct lb_ctx *ctx, const unsigned long *sections, unsigned n_reps,
			     unsigned warmup);
	/* Optional, set in setup(): per metric, whether the mode can move it on this machine
	 * ("possible", "control: no effect expected", "unknown"), written with the metric. */
	const char *effect[LB_MAX_METRICS];
	/* Kernel workloads: per-repetition accounting (jansson json_t *), written as the
	 * case's "kernel"; the harness takes the reference. */
	void *kernel;
	/* Optional, set in setup(): memory the remote thread may read for the whole case. */
	const volatile char *remote_read_addr;
	size_t remote_read_len;
	/* Kernel workloads: a JSON object (jansson json_t *) describing the mode-state check the
	 * module performed, written as the case's "state_check"; the harness takes the reference.
	 */
	void *state_check;
	/* Why setup() or rep() failed (errno returned); shown to the user and recorded. */
	char reason[LB_REASON_LEN];
	void *priv;    /* the workload's own state */
	void *harness; /* the harness's state; workloads leave it alone */
};

struct lb_workload {
	const char *name;
	enum lb_kind kind;
	const char *description;
	unsigned n_metrics;
	const char *metrics[LB_MAX_METRICS]; /* names in docs/results-format.md */
	const char *const *variants;	     /* NULL-terminated; NULL when the workload has none */
	bool has_batch;			     /* honours --batch */
	/* Puts a task of its own on the --remote CPU (p->remote_cpu), which must be left to it:
	 * the harness starts no reader thread for it. */
	bool own_remote;
	/* Has no use for --pages: one case with pages 1, whatever --pages lists. */
	bool no_pages;
	/* Not in run's default list (syscall workloads of other mechanisms, e.g. lazy TLB): only
	 * when --workload names it. */
	bool opt_in;
	/* Optional (NULL: always). 0 when the case can run here; else an errno value and a human
	 * reason. Called before setup, after the harness's own rule for the kind (syscall
	 * workloads: can the task run under the mode); must not allocate anything that outlives
	 * the call. */
	int (*available)(const struct lb_case_params *p, char *reason, size_t len);
	/* Optional: can the mode move metric @m here? "possible", "control: no effect expected"
	 * or "unknown" (static strings); NULL when it cannot tell. */
	const char *(*effect)(const struct lb_case_params *p, unsigned m);
	/* Optional (NULL: nothing to prepare). 0 or an errno value with ctx->reason filled. */
	int (*setup)(struct lb_ctx *ctx);
	/* One repetition: fills ns[0..n_metrics-1]. 0 or an errno value with ctx->reason. */
	int (*rep)(struct lb_ctx *ctx, uint64_t ns[LB_MAX_METRICS]);
	/* Optional (NULL: nothing to undo). */
	void (*teardown)(struct lb_ctx *ctx);
};

/* The table of every workload built in, NULL-terminated (bench/workloads.c). */
extern const struct lb_workload *const lb_workloads[];
const struct lb_workload *lb_workload_find(const char *name);

/* CLOCK_MONOTONIC in nanoseconds. */
static inline uint64_t lb_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The bracket of one timed operation: counters on, then the clock ... */
static inline uint64_t lb_timed_begin(struct lb_ctx *ctx)
{
	ctx->counters_start(ctx);
	return lb_now_ns();
}

/* ... then the clock, then counters off: the operation's nanoseconds since t0. */
static inline uint64_t lb_timed_end(struct lb_ctx *ctx, uint64_t t0)
{
	uint64_t t1 = lb_now_ns();

	ctx->counters_stop(ctx);
	return t1 - t0;
}

const char *lb_mode_name(enum lb_mode mode);
/* Parse "on", "off", "nested", "paused"; -1 when unknown. */
int lb_mode_parse(const char *s);

#endif
