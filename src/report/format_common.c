// SPDX-License-Identifier: GPL-2.0
/* Number and label formatting shared by the report formats. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "results.h"

const char *lb_fmt_num(char *buf, size_t len, double v)
{
	double a = fabs(v);

	if (isnan(v))
		snprintf(buf, len, "n/a");
	else if (a >= 1000)
		snprintf(buf, len, "%.0f", v);
	else if (a >= 10)
		snprintf(buf, len, "%.1f", v);
	else
		snprintf(buf, len, "%.3g", v);
	return buf;
}

const char *lb_fmt_pct(char *buf, size_t len, double ratio)
{
	double pct = (ratio - 1) * 100;

	if (isnan(ratio) || isinf(ratio))
		snprintf(buf, len, "n/a");
	else
		snprintf(buf, len, "%+.1f%%", fabs(pct) < 0.05 ? 0.0 : pct);
	return buf;
}

const char *lb_fmt_ci(char *buf, size_t len, const struct lb_ratio_ci *ci)
{
	char lo[32], hi[32];

	snprintf(buf, len, "[%s, %s]", lb_fmt_pct(lo, sizeof(lo), ci->low),
		 lb_fmt_pct(hi, sizeof(hi), ci->high));
	return buf;
}

const char *lb_fmt_p(char *buf, size_t len, double p)
{
	if (isnan(p))
		snprintf(buf, len, "n/a");
	else if (p < 0.0001)
		snprintf(buf, len, "<0.0001");
	else
		snprintf(buf, len, "%.4f", p);
	return buf;
}

bool lb_counter_exact(const struct lb_rcounter *k)
{
	/* Only the TCG plugin's counts (event "tcg:..."): a constant perf count (0 tracepoint
	 * hits in every repetition) is no claim of exactness. */
	if (!k || !k->available || !k->n || !k->event || strncmp(k->event, "tcg:", 4))
		return false;
	for (size_t i = 1; i < k->n; i++)
		if (k->values[i] != k->values[0])
			return false;
	return true;
}

void lb_fmt_counter(char *buf, size_t len, const struct lb_rcounter *k, double per_op,
		    double per_pte, const char *op_fmt, const char *pte_fmt)
{
	char a[32], b[32];

	if (!k)
		snprintf(buf, len, "n/a (not recorded)");
	else if (!k->available)
		snprintf(buf, len, "n/a (%s)", k->reason);
	else if (isnan(per_pte))
		snprintf(buf, len, op_fmt, lb_fmt_num(a, sizeof(a), per_op));
	else
		snprintf(buf, len, pte_fmt, lb_fmt_num(a, sizeof(a), per_op),
			 lb_fmt_num(b, sizeof(b), per_pte));
	/* The same count in every repetition (the TCG plugin's): exact, no spread to show. */
	if (lb_counter_exact(k) && strlen(buf) + 7 < len)
		strcat(buf, " exact");
}

const char *lb_fmt_batch(char *buf, size_t len, long batch)
{
	if (batch < 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%ld", batch);
	return buf;
}

const char *lb_fmt_cv(char *buf, size_t len, double cv)
{
	if (isnan(cv))
		snprintf(buf, len, "n/a");
	else
		snprintf(buf, len, "%.1f%%", cv * 100);
	return buf;
}

void lb_table_walk(const struct lb_report *r, const struct lb_table_hooks *h, void *ctx)
{
	for (size_t i = 0; i < r->n_cmps; i++) {
		const struct lb_comparison *c = &r->cmps[i];

		if (h->begin)
			h->begin(ctx, c, i);
		for (size_t k = 0; k < c->n_cases; k++) {
			const struct lb_cmp_case *cc = &c->cases[k];

			for (size_t j = 0; j < cc->n_metrics && h->row; j++) {
				const struct lb_cmp_metric *m = &cc->metrics[j];
				struct lb_row row = {.cmp = i, .cc = cc, .m = m};

				lb_fmt_num(row.med_a, sizeof(row.med_a), m->med_a);
				lb_fmt_num(row.med_b, sizeof(row.med_b), m->med_b);
				lb_fmt_cv(row.cv_a, sizeof(row.cv_a), m->cv_a);
				lb_fmt_cv(row.cv_b, sizeof(row.cv_b), m->cv_b);
				lb_fmt_pct(row.change, sizeof(row.change),
					   m->tested ? m->ci.ratio : m->ab.ratio);
				if (m->tested) {
					lb_fmt_ci(row.ci, sizeof(row.ci), &m->ci);
					lb_fmt_p(row.p, sizeof(row.p), m->p_used);
				}
				h->row(ctx, &row);
			}
			if (h->case_end)
				h->case_end(ctx, cc);
		}
		if (h->end)
			h->end(ctx, c);
	}
}

const char *lb_fmt_scope_short(const char *scope)
{
	if (!strcmp(scope, "thread"))
		return "thr";
	if (!strcmp(scope, "remote_cpu"))
		return "rcpu";
	if (!strcmp(scope, "system"))
		return "sys";
	if (!strcmp(scope, "other_vcpus"))
		return "ovcpu";
	return scope;
}

const char *lb_counter_unit(const struct lb_cmp_counter *k)
{
	const struct lb_rcounter *q = k->a ? k->a : k->b;

	return lb_counter_event_unit(q ? q->event : NULL);
}

bool lb_counter_measured(const struct lb_cmp_counter *k)
{
	return (k->a && k->a->available) || (k->b && k->b->available);
}

const char *lb_fmt_change(char *buf, size_t len, double a, double b)
{
	if (isnan(a) || isnan(b))
		snprintf(buf, len, "n/a");
	else if (a == 0 && b == 0)
		snprintf(buf, len, "0");
	else if (a == 0)
		snprintf(buf, len, "from 0");
	else
		lb_fmt_pct(buf, len, b / a);
	return buf;
}

const char *lb_fmt_counter_change(char *buf, size_t len, const struct lb_cmp_counter *k)
{
	return lb_fmt_change(buf, len, k->per_op_a, k->per_op_b);
}

const char *lb_fmt_cost_label(char *buf, size_t len, const struct lb_cost_model *m)
{
	snprintf(buf, len, "est. cycles/op from counts x %s (estimate, not measured)", m->name);
	return buf;
}

const char *lb_fmt_cost_side(char *buf, size_t len, double cycles, const char *why)
{
	char v[32];

	if (isnan(cycles))
		snprintf(buf, len, "unavailable: %s", why);
	else
		snprintf(buf, len, "%s", lb_fmt_num(v, sizeof(v), cycles));
	return buf;
}

const char *lb_fmt_cost_values(char *buf, size_t len, const struct lb_cost_est *e)
{
	char a[600], b[600], pct[32];

	if (isnan(e->cycles_a) && isnan(e->cycles_b) && !strcmp(e->why_a, e->why_b))
		snprintf(buf, len, "unavailable: %s", e->why_a);
	else
		snprintf(buf, len, "%s -> %s (%s)",
			 lb_fmt_cost_side(a, sizeof(a), e->cycles_a, e->why_a),
			 lb_fmt_cost_side(b, sizeof(b), e->cycles_b, e->why_b),
			 lb_fmt_change(pct, sizeof(pct), e->cycles_a, e->cycles_b));
	return buf;
}

const char *lb_fmt_cost_partial(char *buf, size_t len, const struct lb_cost_est *e)
{
	bool u = e->uncosted && *e->uncosted, n = e->not_counted && *e->not_counted;

	snprintf(buf, len, "%s%s%s%s%s", u ? "no figure for: " : "", u ? e->uncosted : "",
		 u && n ? "; " : "", n ? "not counted here: " : "", n ? e->not_counted : "");
	return buf;
}

const char *lb_fmt_cost_note(char *buf, size_t len, const struct lb_report *r)
{
	const struct lb_cost_model *m = r->cost_model;

	snprintf(buf, len,
		 "Cost estimate (--cost-model %s): est. cycles/op is the sum over the events "
		 "of %s (%s) of the median TCG count per op x its cycles per event, each "
		 "figure from the published source named in that file. An estimate from "
		 "exact counts, not measured: the figures are for instructions on their own, "
		 "and what they cost inside the kernel depends on what else is in flight. "
		 "Scope vcpu: the vCPU that ran the timed section; other_vcpus (the other "
		 "vCPUs while it was open) only where above 0. \"no figure for\": events "
		 "counted there that the model has no figure for (the estimate leaves them "
		 "out); \"not counted here\": the model's events this case has no counter "
		 "for.",
		 m->path, m->name, m->arch);
	return buf;
}

bool lb_counter_shadowed(const struct lb_cmp_case *cc, const struct lb_cmp_counter *k)
{
	if (strcmp(k->scope, "thread"))
		return false;
	for (size_t i = 0; i < cc->n_counters; i++)
		if (!strcmp(cc->counters[i].scope, "cpu") && !strcmp(cc->counters[i].name, k->name))
			return true;
	return false;
}

/* Append word to a comma list in buf unless it is there already. */
static void add_word(char *buf, size_t len, const char *word)
{
	size_t n = strlen(word), used = strlen(buf);

	for (const char *p = buf; (p = strstr(p, word)); p += n)
		if ((p == buf || (p - buf >= 2 && p[-2] == ',')) && (p[n] == ',' || !p[n]))
			return;
	snprintf(buf + used, len - used, "%s%s", used ? ", " : "", word);
}

size_t lb_unavailable_groups(const struct lb_comparison *c, bool short_scopes,
			     struct lb_na_group *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < c->n_cases; i++)
		for (size_t j = 0; j < c->cases[i].n_counters; j++) {
			const struct lb_cmp_counter *k = &c->cases[i].counters[j];
			const char *reason;
			size_t g;

			if (lb_counter_measured(k))
				continue;
			reason = k->a ? k->a->reason : k->b ? k->b->reason : NULL;
			if (!reason)
				reason = "not recorded";
			for (g = 0; g < n && strcmp(out[g].reason, reason); g++)
				;
			if (g == n) {
				if (n == max)
					continue;
				memset(&out[n], 0, sizeof(out[n]));
				out[n++].reason = reason;
			}
			add_word(out[g].names, sizeof(out[g].names), k->name);
			add_word(out[g].scopes, sizeof(out[g].scopes),
				 short_scopes ? lb_fmt_scope_short(k->scope) : k->scope);
		}
	return n;
}

void lb_format_control(FILE *f, const struct lb_report *r, const char *prefix)
{
	if (!r->control.pairs)
		return;
	fprintf(
	    f,
	    "%sA/A control: %zu of %zu cells where the mode can have no effect here (%s) "
	    "called different: %.1f%% (95%% CI %.1f..%.1f%%; the rule's nominal rate is %.0f%%; "
	    "these timings include the mode wrapper's own cost: see the empty metric)\n",
	    prefix, r->control.positives, r->control.pairs, LB_EFFECT_CONTROL,
	    100 * r->control.rate, 100 * r->control.low, 100 * r->control.high, 100 * r->alpha);
}

static const char *eq_p(char *buf, size_t len, double p)
{
	char v[32];

	lb_fmt_p(v, sizeof(v), p);
	snprintf(buf, len, "p%s%s", *v == '<' ? "" : "=", v);
	return buf;
}

static void runs_needed(char *buf, size_t len, const struct lb_report *r,
			const struct lb_cmp_metric *m)
{
	const char *u = m->unit == LB_UNIT_ROUND ? "rounds" : "runs";

	if (m->ab.runs_needed)
		snprintf(buf, len, "%zu %s per side needed for %.0f%%", m->ab.runs_needed, u,
			 r->target * 100);
	else if (m->ab.runs_capped)
		snprintf(buf, len, "more than %d %s per side needed for %.0f%%", LB_REP_MAX_RUNS, u,
			 r->target * 100);
	else
		snprintf(buf, len, "noise between %s unknown", u);
}

const char *lb_fmt_verdict(char *buf, size_t len, const struct lb_report *r,
			   const struct lb_cmp_metric *m)
{
	char pct[32], ci[64], p[40], need[96];
	double conf = (1 - r->alpha) * 100;
	const struct lb_rep_ab *ab = &m->ab;

	runs_needed(need, sizeof(need), r, m);
	if (!m->tested) {
		if (ab->verdict == LB_VERDICT_NONE && m->k_a && m->k_b && ab->runs_needed)
			snprintf(buf, len, "No verdict: %zu vs %zu %ss (%d per side needed; %s)",
				 m->k_a, m->k_b, lb_unit_name(m->unit), LB_REP_MIN, need);
		else if (ab->verdict == LB_VERDICT_NONE && m->k_a && m->k_b)
			snprintf(buf, len, "No verdict: %zu vs %zu %ss (%d per side needed)",
				 m->k_a, m->k_b, lb_unit_name(m->unit), LB_REP_MIN);
		else
			snprintf(buf, len, "Not tested: %s", m->why_untested);
	} else if (m->significant) {
		snprintf(buf, len, "Difference at %.1f%% confidence: %s %s %s, g=%.1f", conf,
			 lb_fmt_pct(pct, sizeof(pct), m->ci.ratio),
			 lb_fmt_ci(ci, sizeof(ci), &m->ci), eq_p(p, sizeof(p), m->p_used),
			 ab->hedges_g);
	} else if (ab->verdict == LB_VERDICT_DIFFERENT) { /* Holm's step-down stopped earlier */
		snprintf(buf, len,
			 "No difference proven at %.1f%% confidence after Holm (%s, CI %s)", conf,
			 eq_p(p, sizeof(p), m->p_used), lb_fmt_ci(ci, sizeof(ci), &m->ci));
	} else if (ab->within_margin) {
		snprintf(buf, len, "No change larger than %.1f%% (equivalence margin %.0f%%, %s)",
			 ab->eq_bound * 100, r->margin * 100, eq_p(p, sizeof(p), m->p_used));
	} else {
		snprintf(buf, len,
			 "No difference proven at %.1f%% confidence (%s); detectable: %.0f%%; %s",
			 conf, eq_p(p, sizeof(p), m->p_used), ab->mde * 100, need);
	}
	return buf;
}

static size_t hyg_side(char *buf, size_t len, const struct lb_hygiene *h, bool ok, const char *name)
{
	size_t n = 0;

	if (!ok || !len)
		return 0;
	if (h->drift)
		n += (size_t)snprintf(buf + n, len - n, "%sdrift in %s replicate %zu (tau %.2f)",
				      n ? "; " : "", name, h->drift_replicate, h->drift_tau);
	if (n < len && h->lag1 > 0.3)
		n += (size_t)snprintf(buf + n, len - n,
				      "%s%s lag-1 autocorrelation %.2f (N %zu, "
				      "effective %.0f)",
				      n ? "; " : "", name, h->lag1, h->n, h->n_eff);
	if (n < len && h->bimodal)
		n += (size_t)snprintf(buf + n, len - n, "%sbimodal in %s (coefficient %.2f)",
				      n ? "; " : "", name, h->bimodality);
	return n < len ? n : len - 1;
}

const char *lb_fmt_hygiene(char *buf, size_t len, const struct lb_cmp_metric *m, const char *name_a,
			   const char *name_b)
{
	char a[256], b[256];

	a[hyg_side(a, sizeof(a), &m->hyg_a, m->hyg_ok_a, name_a)] = 0;
	b[hyg_side(b, sizeof(b), &m->hyg_b, m->hyg_ok_b, name_b)] = 0;
	snprintf(buf, len, "%s%s%s", a, *a && *b ? "; " : "", b);
	return buf;
}

void lb_fmt_method(FILE *f, const struct lb_report *r)
{
	fprintf(
	    f,
	    "Unit: the replicate (a separately started process, run --runs; a boot, vm --ab)%s. "
	    "Values are medians of the replicates' medians; run SD (%%stddev) is the SD of "
	    "the log replicate medians (relative, across replicates). Change: ratio of the "
	    "geometric means of replicate medians - 1, %.0f%% CI and p from one Welch t test "
	    "on the log replicate medians%s (p < %.2f exactly when the CI excludes 0%%)%s; no "
	    "verdict with fewer than %d per side. Equivalence: the %.0f%% CI within "
	    "+-%.0f%%. Detectable: change found with 80%% power at these counts; runs needed: "
	    "for %.0f%%. g: Hedges' g on replicate medians. %zu tests in this report.\n",
	    r->mode_pairs ? "; --mode-pairs: both modes in the same replicate (or round of one "
			    "process) are paired"
			  : "",
	    (1 - r->alpha) * 100, r->mode_pairs ? " (paired: one-sample t of the differences)" : "",
	    r->alpha,
	    r->holm ? ", Holm-adjusted over all tests (CI at each test's Holm level)"
		    : " (not adjusted: use --holm)",
	    LB_REP_MIN, (1 - 2 * r->alpha) * 100, r->margin * 100, r->target * 100, r->n_tests);
}
