// SPDX-License-Identifier: GPL-2.0
/* See run_case.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "counters.h"
#include "remote_thread.h"
#include "run_case.h"
#include "task_lazy.h"

static void ctx_start(struct lb_ctx *ctx)
{
	lb_counters_start(ctx->harness);
}

static void ctx_stop(struct lb_ctx *ctx)
{
	lb_counters_stop(ctx->harness);
}

static const char *err_name(int e)
{
	const char *n = strerrorname_np(e);

	return n ? n : "EIO";
}

static void refuse(struct lb_case_result *c, int e, const char *reason)
{
	c->refused = true;
	c->refused_err = err_name(e);
	snprintf(c->refused_reason, sizeof(c->refused_reason), "%s", reason);
}

static int failed(struct lb_case_result *c, int e, const char *reason)
{
	c->failed = true;
	c->fail_err = err_name(e);
	snprintf(c->fail_reason, sizeof(c->fail_reason), "%s", reason);
	return -1;
}

int lb_run_case(const struct lb_run_opts *o, hwloc_topology_t t, struct lb_case_result *c,
		struct lb_progress *prog, volatile sig_atomic_t *stop)
{
	const struct lb_workload *w = lb_workload_find(c->workload);
	struct lb_case_params p = {c->variant, c->mode, c->pages, c->batch, c->cpu, -1};
	struct lb_ctx ctx;
	struct lb_counters *counters;
	struct lb_remote *remote = NULL;
	char reason[LB_REASON_LEN];
	unsigned total = o->warmup + o->reps;
	int e, rc = 0;

	c->started = true;
	e = lb_topo_pick_remote(t, c->cpu, lb_placement_parse(c->remote), &c->remote_cpu, reason,
				sizeof(reason));
	if (e) {
		refuse(c, e, reason);
		return 0;
	}
	p.remote_cpu = c->remote_cpu;
	e = w->available(&p, reason, sizeof(reason));
	if (e) {
		refuse(c, e, reason);
		return 0;
	}
	if (w->kind == LB_KIND_SYSCALL &&
	    (e = lb_task_lazy_apply(c->mode, reason, sizeof(reason)))) {
		refuse(c, e, reason);
		return 0;
	}
	for (unsigned m = 0; m < w->n_metrics; m++) {
		c->metrics[m].name = w->metrics[m];
		c->metrics[m].samples = calloc(o->reps, sizeof(double));
		c->metrics[m].outlier = calloc(o->reps, sizeof(bool));
		if (!c->metrics[m].samples || !c->metrics[m].outlier)
			abort();
	}
	counters = lb_counters_open(o->events, o->n_events, c->cpu, c->remote_cpu, o->reps);
	if (!counters)
		abort();
	memset(&ctx, 0, sizeof(ctx));
	ctx.p = &p;
	ctx.counters_start = ctx_start;
	ctx.counters_stop = ctx_stop;
	ctx.harness = counters;
	e = w->setup(&ctx);
	if (e) {
		rc = failed(c, e, ctx.reason[0] ? ctx.reason : strerror(e));
		goto out_counters;
	}
	if (c->remote_cpu >= 0) {
		remote = lb_remote_start(t, c->remote_cpu, ctx.remote_read_addr,
					 ctx.remote_read_len, reason, sizeof(reason));
		if (!remote) {
			rc = failed(c, EAGAIN, reason);
			goto out_teardown;
		}
	}
	for (unsigned r = 0; r < total && !*stop; r++) {
		uint64_t ns[LB_MAX_METRICS] = {0};
		bool measured = r >= o->warmup;

		lb_counters_rep_begin(counters);
		e = w->rep(&ctx, ns);
		if (e) {
			char msg[LB_REASON_LEN + 40];

			snprintf(msg, sizeof(msg), "repetition %u: %s", r,
				 ctx.reason[0] ? ctx.reason : strerror(e));
			rc = failed(c, e, msg);
			break;
		}
		lb_counters_rep_end(counters, measured);
		if (measured) {
			for (unsigned m = 0; m < w->n_metrics; m++)
				c->metrics[m].samples[c->reps_done] = (double)ns[m];
			c->reps_done++;
		}
		lb_progress_rep(prog, r + 1, total);
	}
	lb_remote_stop(remote);
out_teardown:
	w->teardown(&ctx);
out_counters:
	c->n_counters = lb_counters_export(counters, &c->counters);
	lb_counters_close(counters);
	if (w->kind == LB_KIND_SYSCALL)
		lb_task_lazy_restore(c->mode);
	c->state_check = ctx.state_check;
	c->complete = !c->failed && c->reps_done == o->reps;
	for (unsigned m = 0; m < w->n_metrics && c->reps_done; m++)
		lb_stats_summarize(c->metrics[m].samples, c->reps_done, o->resamples, 0.95, o->seed,
				   &c->metrics[m].summary, c->metrics[m].outlier);
	return rc;
}

void lb_case_result_free(struct lb_case_result *c)
{
	for (unsigned m = 0; m < LB_MAX_METRICS; m++) {
		free(c->metrics[m].samples);
		free(c->metrics[m].outlier);
	}
	if (c->counters)
		lb_counter_results_free(c->counters, c->n_counters);
	json_decref(c->state_check);
}
