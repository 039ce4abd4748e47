// SPDX-License-Identifier: GPL-2.0
/* Machine-readable report (jansson). Unavailable values are null with a reason, never 0. */
#include <math.h>
#include <stdio.h>

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
	return json_pack("{s:b,s:o,s:o}", "available", 1, "per_op", num(per_op), "per_pte",
			 num(per_pte));
}

static json_t *metric(const struct lb_cmp_metric *m)
{
	json_t *o = json_pack("{s:s,s:s,s:I,s:I,s:o,s:o,s:o,s:o,s:o,s:b}", "name", m->a->name,
			      "unit", m->a->unit, "n_a", (json_int_t)m->a->n, "n_b",
			      (json_int_t)m->b->n, "median_a", num(m->med_a), "median_b",
			      num(m->med_b), "cv_a", num(m->cv_a), "cv_b", num(m->cv_b),
			      "change_pct", pct(m->med_b / m->med_a), "tested", m->tested);

	if (m->a->effect)
		json_object_set_new(o, "effect", json_string(m->a->effect));
	json_object_set_new(o, "control", json_boolean(m->control));
	if (!m->tested) {
		json_object_set_new(o, "why_untested", json_string(m->why_untested));
		return o;
	}
	json_object_set_new(o, "ci_low_pct", pct(m->ci.low));
	json_object_set_new(o, "ci_high_pct", pct(m->ci.high));
	json_object_set_new(o, "mann_whitney",
			    json_pack("{s:o,s:o,s:b,s:b}", "u", num(m->mwu.u), "p", num(m->mwu.p),
				      "exact", m->mwu.exact, "ties", m->mwu.ties));
	json_object_set_new(o, "p", num(m->p_used));
	json_object_set_new(o, "significant", json_boolean(m->significant));
	return o;
}

static json_t *cmp_case(const struct lb_cmp_case *cc)
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
			json_array_append_new(cases, cmp_case(&c->cases[j]));
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
	    json_pack("{s:s,s:s,s:f,s:b,s:I,s:I,s:I}", "test", "Mann-Whitney U, two-sided", "ci",
		      "percentile bootstrap of the ratio of medians", "alpha", r->alpha, "holm",
		      r->holm, "resamples", (json_int_t)r->resamples, "seed", (json_int_t)r->seed,
		      "n_tests", (json_int_t)r->n_tests));
	if (r->control.pairs)
		json_object_set_new(
		    root, "aa_control",
		    json_pack("{s:s,s:I,s:I,s:f,s:f,s:f}", "cells", LB_EFFECT_CONTROL, "tested",
			      (json_int_t)r->control.pairs, "significant",
			      (json_int_t)r->control.positives, "rate", r->control.rate, "ci_low",
			      r->control.low, "ci_high", r->control.high));
	json_object_set_new(root, "issues", issues);
	json_object_set_new(root, "env_diff", diff);
	json_object_set_new(root, "comparisons", cmps);
	json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	fputc('\n', f);
	json_decref(root);
}
