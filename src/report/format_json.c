// SPDX-License-Identifier: GPL-2.0
/* Machine-readable report (jansson). Unavailable values are null with a reason, never 0. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "format.h"

static json_t *num(double v)
{
	return isnan(v) || isinf(v) ? json_null() : json_real(v);
}

static json_t *pct(double ratio)
{
	return num((ratio - 1) * 100);
}

static json_t *counter_side(const struct lb_rcounter *k, double per_op, double per_pte)
{
	if (!k)
		return json_pack("{s:b,s:s}", "available", 0, "reason", "not recorded by this run");
	if (!k->available)
		return json_pack("{s:b,s:s}", "available", 0, "reason", k->reason);
	return json_pack("{s:b,s:o,s:o,s:b}", "available", 1, "per_op", num(per_op), "per_pte",
			 num(per_pte), "exact", lb_counter_exact(k));
}

static json_t *hygiene(bool ok, const struct lb_hygiene *h)
{
	if (!ok)
		return json_null();
	return json_pack("{s:o,s:o,s:b,s:o,s:o,s:I,s:o,s:b}", "drift_tau", num(h->drift_tau),
			 "drift_p", num(h->drift_p), "drift", h->drift, "lag1", num(h->lag1),
			 "n_eff", num(h->n_eff), "n", (json_int_t)h->n, "bimodality",
			 num(h->bimodality), "bimodal", h->bimodal);
}

static json_t *metric(const struct lb_cmp_metric *m)
{
	const struct lb_rep_ab *ab = &m->ab;
	json_t *o = json_pack(
	    "{s:s,s:s,s:s,s:I,s:I,s:I,s:I,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:b}", "name", m->a->name,
	    "unit", m->a->unit, "replicate_unit", lb_unit_name(m->unit), "k_a", (json_int_t)m->k_a,
	    "k_b", (json_int_t)m->k_b, "n_a", (json_int_t)m->a->n, "n_b", (json_int_t)m->b->n,
	    "median_a", num(m->med_a), "median_b", num(m->med_b), "run_sd_a", num(m->cv_a),
	    "run_sd_b", num(m->cv_b), "within_sd_a", num(m->within_a), "within_sd_b",
	    num(m->within_b), "change_pct", pct(ab->ratio), "tested", m->tested);

	if (m->a->effect)
		json_object_set_new(o, "effect", json_string(m->a->effect));
	json_object_set_new(o, "control", json_boolean(m->control));
	json_object_set_new(o, "paired", json_boolean(ab->paired));
	json_object_set_new(o, "verdict", json_string(lb_verdict_name(ab->verdict)));
	json_object_set_new(o, "runs_needed",
			    ab->runs_needed ? json_integer((json_int_t)ab->runs_needed)
					    : json_null());
	json_object_set_new(o, "hygiene_a", hygiene(m->hyg_ok_a, &m->hyg_a));
	json_object_set_new(o, "hygiene_b", hygiene(m->hyg_ok_b, &m->hyg_b));
	if (!m->tested) {
		json_object_set_new(o, "why_untested", json_string(m->why_untested));
		return o;
	}
	json_object_set_new(o, "ci_low_pct", pct(m->ci.low));
	json_object_set_new(o, "ci_high_pct", pct(m->ci.high));
	json_object_set_new(o, "ci_level", num(m->ci.level));
	json_object_set_new(
	    o, "welch_t",
	    json_pack("{s:o,s:o,s:o}", "t", num(ab->t), "df", num(ab->df), "p", num(ab->p)));
	json_object_set_new(o, "p", num(m->p_used));
	json_object_set_new(o, "significant", json_boolean(m->significant));
	json_object_set_new(o, "equivalence",
			    json_pack("{s:o,s:o,s:o,s:b}", "low_pct", pct(ab->eq_low), "high_pct",
				      pct(ab->eq_high), "no_change_larger_than_pct",
				      num(ab->eq_bound * 100), "within_margin", ab->within_margin));
	json_object_set_new(o, "hedges_g", num(ab->hedges_g));
	json_object_set_new(o, "mde_pct", num(ab->mde * 100));
	return o;
}

/* A ", " list as an array of strings. */
static json_t *words(const char *list)
{
	json_t *a = json_array();

	for (const char *p = list; p && *p;) {
		size_t n = strcspn(p, ",");

		json_array_append_new(a, json_stringn(p, n));
		p += n;
		p += strspn(p, ", ");
	}
	return a;
}

static json_t *cost_side(double cycles, const char *why)
{
	if (isnan(cycles))
		return json_pack("{s:b,s:s}", "available", 0, "reason", why);
	return json_pack("{s:b,s:o}", "available", 1, "cycles_per_op", num(cycles));
}

/* --cost-model: the estimates of a case, each with the events it used. */
static json_t *cost_estimates(const struct lb_cmp_case *cc)
{
	json_t *a = json_array();

	for (size_t i = 0; i < cc->n_costs; i++) {
		const struct lb_cost_est *e = &cc->costs[i];
		json_t *terms = json_array();
		char ch[32];

		for (size_t j = 0; j < e->n_terms; j++)
			json_array_append_new(
			    terms, json_pack("{s:s,s:o,s:o,s:o}", "event", e->terms[j].ev->event,
					     "cycles_per_event", num(e->terms[j].ev->cycles),
					     "per_op_a", num(e->terms[j].per_op_a), "per_op_b",
					     num(e->terms[j].per_op_b)));
		json_array_append_new(
		    a, json_pack("{s:o,s:s,s:b,s:o,s:o,s:o,s:s,s:o,s:o,s:o}", "metric",
				 *e->metric ? json_string(e->metric) : json_null(), "scope",
				 e->scope, "estimate", 1, "a", cost_side(e->cycles_a, e->why_a),
				 "b", cost_side(e->cycles_b, e->why_b), "change_pct",
				 e->cycles_a != 0 ? pct(e->cycles_b / e->cycles_a) : json_null(),
				 "change", lb_fmt_change(ch, sizeof(ch), e->cycles_a, e->cycles_b),
				 "events", terms, "no_figure_for", words(e->uncosted),
				 "not_counted", words(e->not_counted)));
	}
	return a;
}

static json_t *cmp_case(const struct lb_cmp_case *cc, bool cost)
{
	json_t *o = json_pack(
	    "{s:s,s:s,s:s,s:o,s:s,s:I,s:o,s:s}", "id_a", cc->a->id, "id_b", cc->b->id, "workload",
	    cc->a->workload, "variant", cc->a->variant ? json_string(cc->a->variant) : json_null(),
	    "mode", cc->a->mode, "pages", (json_int_t)cc->a->pages, "batch",
	    cc->a->batch < 0 ? json_null() : json_integer(cc->a->batch), "remote", cc->a->remote);
	json_t *ms = json_array(), *ks = json_array();

	for (size_t i = 0; i < cc->n_metrics; i++)
		json_array_append_new(ms, metric(&cc->metrics[i]));
	for (size_t i = 0; i < cc->n_counters; i++) {
		const struct lb_cmp_counter *k = &cc->counters[i];

		char ch[32];
		json_t *q = json_pack("{s:s,s:s,s:s,s:o,s:o}", "name", k->name, "scope", k->scope,
				      "unit", lb_counter_unit(k), "a",
				      counter_side(k->a, k->per_op_a, k->per_pte_a), "b",
				      counter_side(k->b, k->per_op_b, k->per_pte_b));

		/* change_pct is null from 0 (and when unavailable): "change" says which. */
		lb_fmt_counter_change(ch, sizeof(ch), k);
		json_object_set_new(q, "change_pct",
				    k->per_op_a != 0 ? pct(k->per_op_b / k->per_op_a)
						     : json_null());
		json_object_set_new(q, "change", json_string(ch));
		json_array_append_new(ks, q);
	}
	json_object_set_new(o, "metrics", ms);
	json_object_set_new(o, "counters", ks);
	if (cost)
		json_object_set_new(o, "cost_estimates", cost_estimates(cc));
	return o;
}

void lb_format_json(FILE *f, const struct lb_report *r)
{
	json_t *root = json_object(), *runs = json_array(), *cmps = json_array();
	json_t *issues = json_array(), *diff = json_array(), *argv = json_array();
	char kr[128];

	for (size_t i = 0; i < r->n_runs; i++)
		json_array_append_new(
		    runs, json_pack("{s:s,s:s}", "label", r->runs[i].label, "kernel_release",
				    lb_run_env_or_unknown(&r->runs[i], LB_ENV_KERNEL_RELEASE, kr,
							  sizeof(kr))));
	for (size_t i = 0; i < r->n_cmps; i++) {
		const struct lb_comparison *c = &r->cmps[i];
		json_t *cases = json_array(), *un = json_array();

		for (size_t j = 0; j < c->n_cases; j++)
			json_array_append_new(cases, cmp_case(&c->cases[j], r->cost_model != NULL));
		for (size_t j = 0; j < c->n_unmatched; j++)
			json_array_append_new(un, json_string(c->unmatched[j]));
		json_array_append_new(cmps, json_pack("{s:s,s:s,s:s,s:s,s:o,s:o}", "run_a",
						      c->run_a->label, "run_b", c->run_b->label,
						      "name_a", c->name_a, "name_b", c->name_b,
						      "cases", cases, "unmatched", un));
	}
	for (size_t i = 0; i < r->n_issues; i++)
		json_array_append_new(issues, json_pack("{s:b,s:s}", "refuse", r->issues[i].refuse,
							"text", r->issues[i].text));
	for (size_t i = 0; i < r->n_env_diff; i++)
		json_array_append_new(diff, json_string(r->env_diff[i]));
	json_array_append_new(argv, json_string("lazybench")); /* argv[0] is the subcommand */
	for (int i = 0; i < r->argc; i++)
		json_array_append_new(argv, json_string(r->argv[i]));
	json_object_set_new(root, "command_line", argv);
	json_object_set_new(root, "runs", runs);
	json_object_set_new(root, "mode_pairs", json_boolean(r->mode_pairs));
	json_object_set_new(
	    root, "statistics",
	    json_pack("{s:s,s:s,s:s,s:f,s:f,s:f,s:f,s:b,s:I,s:I}", "unit",
		      "replicate (separately started process or boot); --mode-pairs: replicate or "
		      "round, paired",
		      "test", "Welch t on log replicate medians, two-sided (paired: one-sample t)",
		      "ci", "t interval of the log ratio (the test inverted)", "alpha", r->alpha,
		      "equivalence_margin", r->margin, "power", 0.8, "target", r->target, "holm",
		      r->holm, "min_replicates", (json_int_t)LB_REP_MIN, "n_tests",
		      (json_int_t)r->n_tests));
	if (r->control.pairs)
		json_object_set_new(
		    root, "aa_control",
		    json_pack("{s:s,s:I,s:I,s:f,s:f,s:f}", "cells", LB_EFFECT_CONTROL, "tested",
			      (json_int_t)r->control.pairs, "significant",
			      (json_int_t)r->control.positives, "rate", r->control.rate, "ci_low",
			      r->control.low, "ci_high", r->control.high));
	if (r->cost_model) {
		const struct lb_cost_model *m = r->cost_model;
		json_t *evs = json_array();
		char label[300], note[2048];

		for (size_t i = 0; i < m->n_events; i++)
			json_array_append_new(evs, json_pack("{s:s,s:o,s:s}", "event",
							     m->events[i].event, "cycles",
							     num(m->events[i].cycles), "source",
							     m->events[i].source));
		json_object_set_new(
		    root, "cost_model",
		    json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:o}", "path", m->path, "model", m->name,
			      "arch", m->arch, "label", lb_fmt_cost_label(label, sizeof(label), m),
			      "scope", "vcpu; other_vcpus where above 0", "note",
			      lb_fmt_cost_note(note, sizeof(note), r), "events", evs));
	}
	json_object_set_new(root, "issues", issues);
	json_object_set_new(root, "env_diff", diff);
	json_object_set_new(root, "comparisons", cmps);
	json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	fputc('\n', f);
	json_decref(root);
}
