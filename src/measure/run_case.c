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
#include "tcg_counts.h"

/* What ctx->harness points to. */
struct harness {
	struct lb_counters *counters;
	struct lb_tcg *tcg;
	bool mark; /* syscall workloads: the harness marks the timed regions (the module marks its
		      own) */
};

static void ctx_start(struct lb_ctx *ctx)
{
	struct harness *h = ctx->harness;

	lb_counters_start(h->counters);
	if (h->mark)
		lb_tcg_mark_open(h->tcg);
}

static void ctx_stop(struct lb_ctx *ctx)
{
	struct harness *h = ctx->harness;

	if (h->mark)
		lb_tcg_mark_close(h->tcg);
	lb_counters_stop(h->counters);
}

static void ctx_baseline(struct lb_ctx *ctx)
{
	lb_counters_rep_baseline(((struct harness *)ctx->harness)->counters);
}

static void ctx_spread(struct lb_ctx *ctx, unsigned n)
{
	lb_counters_rep_spread(((struct harness *)ctx->harness)->counters, n);
}

static void ctx_run_sections(struct lb_ctx *ctx, const unsigned long *sections, unsigned n_reps,
			     unsigned warmup)
{
	lb_tcg_run(((struct harness *)ctx->harness)->tcg, sections, n_reps, warmup);
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

/* Later visits: the per-repetition arrays of "kernel" grow; other keys keep the first. */
static void merge_kernel(struct lb_case_result *c, json_t *add)
{
	const char *key;
	json_t *v;

	if (!add)
		return;
	if (!c->kernel) {
		c->kernel = add;
		return;
	}
	json_object_foreach(add, key, v)
	{
		json_t *old = json_object_get(c->kernel, key);

		if (json_is_array(old) && json_is_array(v))
			json_array_extend(old, v);
	}
	json_decref(add);
}

/* Later visits: integer tallies add up, a failed verdict sticks; another shape keeps the first. */
static void merge_state_check(struct lb_case_result *c, json_t *add)
{
	static const char *const sums[] = {"writes", "active_at_write", "resumes",
					   "active_after_resume", NULL};
	json_t *old = c->state_check, *op, *np;

	if (!add)
		return;
	if (!old) {
		c->state_check = add;
		return;
	}
	op = json_object_get(old, "passed");
	np = json_object_get(add, "passed");
	if (json_is_boolean(op) && json_is_boolean(np)) {
		for (size_t i = 0; sums[i]; i++) {
			json_t *a = json_object_get(old, sums[i]),
			       *b = json_object_get(add, sums[i]);

			if (json_is_integer(a) && json_is_integer(b))
				json_integer_set(a, json_integer_value(a) + json_integer_value(b));
		}
		if (json_is_true(op) && !json_is_true(np)) {
			json_object_set_new(old, "passed", json_false());
			if (json_object_get(add, "reason"))
				json_object_set(old, "reason", json_object_get(add, "reason"));
		}
	}
	json_decref(add);
}

static void counter_unavailable(struct lb_counter_result *k, const char *err_name, const char *why,
				enum lb_rounds_state rounds)
{
	k->rounds = rounds;
	free(k->values);
	k->values = NULL;
	k->available = false;
	k->err_name = err_name;
	free(k->reason);
	k->reason = strdup(why);
}

static bool same_counter(const struct lb_counter_result *a, const struct lb_counter_result *b)
{
	return !strcmp(a->event, b->event) && !strcmp(a->name, b->name) &&
	       !strcmp(a->scope, b->scope) &&
	       !strcmp(a->filter ? a->filter : "", b->filter ? b->filter : "");
}

/* See run_case.h. */
void lb_case_merge_counters(struct lb_case_result *c, struct lb_counter_result *add, size_t n_add,
			    size_t before, size_t got, unsigned round)
{
	char why[1024];

	for (size_t i = 0; i < c->n_counters; i++) {
		struct lb_counter_result *k = &c->counters[i], *a = i < n_add ? &add[i] : NULL;

		if (!a || !same_counter(k, a)) {
			if (k->rounds != LB_ROUNDS_DIFFER)
				counter_unavailable(k, "EINVAL",
						    "the counters opened differ between rounds",
						    LB_ROUNDS_DIFFER);
			continue;
		}
		if (k->available && a->available) {
			k->values = realloc(k->values,
					    (before + got ? before + got : 1) * sizeof(uint64_t));
			if (!k->values)
				abort();
			memcpy(k->values + before, a->values, got * sizeof(uint64_t));
			k->scaled |= a->scaled;
		} else if (k->available) {
			snprintf(why, sizeof(why),
				 "available in earlier rounds but not in round %u (%s: %s)", round,
				 a->err_name ? a->err_name : "?",
				 a->reason ? a->reason : "unknown");
			counter_unavailable(k, a->err_name ? a->err_name : "EIO", why,
					    LB_ROUNDS_AVAILABILITY);
		} else if (a->available && k->rounds != LB_ROUNDS_AVAILABILITY) {
			snprintf(why, sizeof(why),
				 "unavailable in an earlier round (%s) but available in round %u",
				 k->reason ? k->reason : "unknown", round);
			counter_unavailable(k, k->err_name, why, LB_ROUNDS_AVAILABILITY);
		}
	}
	lb_counter_results_free(add, n_add);
}

int lb_run_case_visit(const struct lb_run_opts *o, hwloc_topology_t t, struct lb_case_result *c,
		      unsigned round, unsigned chunk, struct lb_progress *prog,
		      volatile sig_atomic_t *stop)
{
	const struct lb_workload *w = lb_workload_find(c->workload);
	struct lb_case_params p = {c->variant, c->mode, c->pages,  c->batch,   c->cpu,
				   -1,	       chunk,	o->warmup, c->delay_ns};
	struct lb_ctx ctx;
	struct lb_counters *counters;
	struct lb_tcg *tcg;
	struct harness h;
	struct lb_counter_result *exported;
	struct lb_remote *remote = NULL;
	char reason[LB_REASON_LEN];
	unsigned total = o->warmup + chunk;
	bool first = !c->started;
	size_t before = c->reps_done, n_exported;
	int e, rc = 0;

	if (c->refused || c->failed)
		return 0;
	c->started = true;
	if (first) {
		e = lb_topo_pick_remote(t, c->cpu, lb_placement_parse(c->remote), &c->remote_cpu,
					reason, sizeof(reason));
		if (e) {
			refuse(c, e, reason);
			return 0;
		}
	}
	p.remote_cpu = c->remote_cpu;
	e = lb_case_available(w, &p, reason, sizeof(reason));
	if (!e && w->kind == LB_KIND_SYSCALL)
		e = lb_task_lazy_apply(c->mode, reason, sizeof(reason));
	if (e && first) {
		refuse(c, e, reason);
		return 0;
	}
	if (e) {
		char msg[sizeof(c->fail_reason)];

		/* Measured already: a refusal now would throw that away. */
		snprintf(msg, sizeof(msg), "round %u: no longer runnable: %s", round, reason);
		return failed(c, e, msg);
	}
	for (unsigned m = 0; first && m < w->n_metrics; m++) {
		c->metrics[m].name = w->metrics[m];
		c->metrics[m].samples = calloc(o->reps, sizeof(double));
		c->metrics[m].outlier = calloc(o->reps, sizeof(bool));
		if (!c->metrics[m].samples || !c->metrics[m].outlier)
			abort();
	}
	counters = lb_counters_open(o->events, o->n_events, c->cpu, c->remote_cpu, chunk);
	if (!counters)
		abort();
	tcg = lb_tcg_open(w->kind == LB_KIND_KERNEL, w->n_metrics, w->metrics, chunk);
	h = (struct harness){counters, tcg, w->kind == LB_KIND_SYSCALL && lb_tcg_available(tcg)};
	memset(&ctx, 0, sizeof(ctx));
	ctx.p = &p;
	ctx.counters_start = ctx_start;
	ctx.counters_stop = ctx_stop;
	ctx.counters_baseline = ctx_baseline;
	ctx.counters_spread = ctx_spread;
	ctx.run_sections = ctx_run_sections;
	ctx.harness = &h;
	e = w->setup ? w->setup(&ctx) : 0;
	if (e) {
		rc = failed(c, e, ctx.reason[0] ? ctx.reason : strerror(e));
		goto out_counters;
	}
	if (c->remote_cpu >= 0 && !w->own_remote) {
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
		lb_tcg_rep_begin(tcg);
		e = w->rep(&ctx, ns);
		if (e) {
			char msg[sizeof(c->fail_reason)];

			if (o->rounds > 1)
				snprintf(msg, sizeof(msg), "round %u, repetition %u: %s", round, r,
					 ctx.reason[0] ? ctx.reason : strerror(e));
			else
				snprintf(msg, sizeof(msg), "repetition %u: %s", r,
					 ctx.reason[0] ? ctx.reason : strerror(e));
			rc = failed(c, e, msg);
			break;
		}
		lb_counters_rep_end(counters, measured);
		lb_tcg_rep_end(tcg, measured);
		if (measured) {
			for (unsigned m = 0; m < w->n_metrics; m++)
				c->metrics[m].samples[c->reps_done] = (double)ns[m];
			c->reps_done++;
		}
		lb_progress_rep(prog, r + 1, o->warmup, chunk);
	}
	lb_remote_stop(remote);
	for (unsigned m = 0; m < w->n_metrics; m++)
		if (ctx.effect[m])
			c->metrics[m].effect = ctx.effect[m];
out_teardown:
	if (w->teardown)
		w->teardown(&ctx);
out_counters:
	n_exported = lb_counters_export(counters, &exported);
	n_exported = lb_tcg_export(tcg, &exported, n_exported);
	lb_tcg_close(tcg);
	if (first) {
		c->counters = exported;
		c->n_counters = n_exported;
	} else {
		lb_case_merge_counters(c, exported, n_exported, before, c->reps_done - before,
				       round);
	}
	lb_counters_close(counters);
	if (w->kind == LB_KIND_SYSCALL)
		lb_task_lazy_restore(c->mode);
	merge_state_check(c, ctx.state_check);
	merge_kernel(c, ctx.kernel);
	return rc;
}

void lb_run_case_finish(const struct lb_run_opts *o, struct lb_case_result *c)
{
	if (!c->started)
		return;
	c->complete = !c->failed && !c->refused && c->reps_done == o->reps;
	for (unsigned m = 0; m < c->n_metrics && c->reps_done && !c->refused; m++)
		lb_stats_summarize(c->metrics[m].samples, c->reps_done, o->resamples, 0.95, o->seed,
				   &c->metrics[m].summary, c->metrics[m].outlier);
}

int lb_run_case(const struct lb_run_opts *o, hwloc_topology_t t, struct lb_case_result *c,
		struct lb_progress *prog, volatile sig_atomic_t *stop)
{
	int rc = lb_run_case_visit(o, t, c, 1, o->reps, prog, stop);

	lb_run_case_finish(o, c);
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
	json_decref(c->kernel);
}
