// SPDX-License-Identifier: GPL-2.0
/* Terminal report: one table per comparison, counters under their case, then the notes. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "format.h"

static void header(FILE *f, const struct lb_report *r)
{
	char buf[256];

	if (r->mode_pairs) {
		for (size_t i = 0; i < r->n_runs; i++)
			fprintf(f, "run %s: kernel %s\n", r->runs[i].label,
				lb_run_env_or_unknown(&r->runs[i], LB_ENV_KERNEL_RELEASE, buf,
						      sizeof(buf)));
	} else {
		for (size_t i = 0; i < r->n_runs; i++)
			fprintf(f, "%s %s: kernel %s\n", i ? "run     " : "baseline",
				r->runs[i].label,
				lb_run_env_or_unknown(&r->runs[i], LB_ENV_KERNEL_RELEASE, buf,
						      sizeof(buf)));
	}
	for (size_t i = 0; i < r->n_issues; i++)
		fprintf(f, "%s: %s\n", r->issues[i].refuse ? "WARNING: NOT COMPARABLE" : "warning",
			r->issues[i].text);
	if (r->n_env_diff) {
		fprintf(f, "environment differences (baseline -> run):\n");
		for (size_t i = 0; i < r->n_env_diff; i++)
			fprintf(f, "  %s\n", r->env_diff[i]);
	}
}

/*
 * Counters measured in either run, one line each with their scope (thread, cpu, remote_cpu):
 * a counter is only ever compared with itself in the same scope. Counters that are 0 on both
 * sides are counted; the ones unavailable in both runs are listed once under the table.
 */
static void counters(FILE *f, const struct lb_cmp_case *cc)
{
	size_t zeros = 0;

	for (size_t i = 0; i < cc->n_counters; i++) {
		const struct lb_cmp_counter *k = &cc->counters[i];
		bool ns = !strcmp(lb_counter_unit(k), "ns");
		const char *op = ns ? "%s ns/op" : "%s/op",
			   *pte = ns ? "%s ns/op %s ns/PTE" : "%s/op %s/PTE";
		char a[256], b[256], pct[32];

		if (!lb_counter_measured(k))
			continue;
		if (k->per_op_a == 0 && k->per_op_b == 0) {
			zeros++;
			continue;
		}
		lb_fmt_counter(a, sizeof(a), k->a, k->per_op_a, k->per_pte_a, op, pte);
		lb_fmt_counter(b, sizeof(b), k->b, k->per_op_b, k->per_pte_b, op, pte);
		fprintf(f, "    %-10s %-28s %s -> %s  (%s)\n", k->scope, k->name, a, b,
			lb_fmt_counter_change(pct, sizeof(pct), k));
	}
	if (zeros)
		fprintf(f, "    (%zu more counters: 0 per op on both sides)\n", zeros);
}

struct txt {
	FILE *f;
	const struct lb_report *r;
	const struct lb_comparison *c;
};

static void text_begin(void *ctx, const struct lb_comparison *c, size_t i)
{
	struct txt *t = ctx;
	FILE *f = t->f;

	(void)i;
	t->c = c;
	if (c->mode_a) /* --mode-pairs: say which run, and what the paired units are */
		fprintf(f,
			"\n== run %s: mode %s (baseline) vs %s (paired by %s; \"runs\" counts "
			"them)\n",
			c->run_a->label, c->name_a, c->name_b,
			c->n_cases && c->cases[0].n_metrics &&
				c->cases[0].metrics[0].unit == LB_UNIT_ROUND
			    ? "round of one process"
			    : "replicate");
	else
		fprintf(f, "\n== %s (baseline) vs %s\n", c->name_a, c->name_b);
	fprintf(f, "%-34s %-10s %4s %10s %6s %4s %10s %6s %8s %-20s %-8s\n", "case", "metric",
		"runs", "median", "run SD", "runs", "median", "run SD", "change", "95% CI", "p");
}

static void text_row(void *ctx, const struct lb_row *w)
{
	struct txt *t = ctx;
	const struct lb_cmp_metric *m = w->m;
	char v[600];

	fprintf(t->f, "%-34s %-10s %4zu %10s %6s %4zu %10s %6s", w->cc->a->id, m->a->name, m->k_a,
		w->med_a, w->cv_a, m->k_b, w->med_b, w->cv_b);
	if (!m->tested)
		fprintf(t->f, " %8s\n", w->change);
	else
		fprintf(t->f, " %8s %-20s %-8s%s%s\n", w->change, w->ci, w->p,
			m->significant ? " *" : "", m->control ? "  [" LB_EFFECT_CONTROL "]" : "");
	fprintf(t->f, "    %s\n", lb_fmt_verdict(v, sizeof(v), t->r, m));
	if (*lb_fmt_hygiene(v, sizeof(v), m, t->c->name_a, t->c->name_b))
		fprintf(t->f, "    warning: %s\n", v);
}

/* --cost-model: one line per TCG-marked metric and scope, under the label. */
static void costs(FILE *f, const struct lb_report *r, const struct lb_cmp_case *cc)
{
	char label[300], v[1400], part[2048];

	if (!r->cost_model || !cc->n_costs)
		return;
	fprintf(f, "    %s:\n", lb_fmt_cost_label(label, sizeof(label), r->cost_model));
	for (size_t i = 0; i < cc->n_costs; i++) {
		const struct lb_cost_est *e = &cc->costs[i];

		lb_fmt_cost_partial(part, sizeof(part), e);
		fprintf(f, "      %s%s%s: %s%s%s\n", e->metric, *e->metric ? " " : "", e->scope,
			lb_fmt_cost_values(v, sizeof(v), e), *part ? "; " : "", part);
	}
}

static void text_case_end(void *ctx, const struct lb_cmp_case *cc)
{
	struct txt *t = ctx;

	counters(t->f, cc);
	costs(t->f, t->r, cc);
}

static void text_end(void *ctx, const struct lb_comparison *c)
{
	FILE *f = ((struct txt *)ctx)->f;
	struct lb_na_group g[8];
	size_t n = lb_unavailable_groups(c, false, g, 8);

	for (size_t i = 0; i < n; i++)
		fprintf(f, "not available in either run: %s (scope %s): %s\n", g[i].names,
			g[i].scopes, g[i].reason);
	for (size_t i = 0; i < c->n_unmatched; i++)
		fprintf(f, "unmatched: %s\n", c->unmatched[i]);
}

void lb_format_text(FILE *f, const struct lb_report *r)
{
	static const struct lb_table_hooks hooks = {text_begin, text_row, text_case_end, text_end};
	struct txt t = {f, r, NULL};

	header(f, r);
	lb_table_walk(r, &hooks, &t);
	fprintf(f, "\n");
	lb_fmt_method(f, r);
	lb_format_control(f, r, "");
	if (r->cost_model) {
		char note[2048];

		fprintf(f, "%s\n", lb_fmt_cost_note(note, sizeof(note), r));
	}
}
