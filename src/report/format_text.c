// SPDX-License-Identifier: GPL-2.0
/* Terminal report: one table per comparison, counters under their case, then the notes. */
#include <math.h>
#include <stdio.h>

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

static void counter_side(char *buf, size_t len, const struct lb_rcounter *k, double per_op,
			 double per_pte)
{
	char a[32], b[32];

	if (!k)
		snprintf(buf, len, "n/a (not recorded)");
	else if (!k->available)
		snprintf(buf, len, "n/a (%s)", k->reason);
	else if (isnan(per_pte))
		snprintf(buf, len, "%s/op", lb_fmt_num(a, sizeof(a), per_op));
	else
		snprintf(buf, len, "%s/op %s/PTE", lb_fmt_num(a, sizeof(a), per_op),
			 lb_fmt_num(b, sizeof(b), per_pte));
}

/*
 * Available counters with a value on either side, one line each; counters that are 0 on both
 * sides are counted; unavailable ones are named once per case with their reason.
 */
static void counters(FILE *f, const struct lb_cmp_case *cc)
{
	size_t zeros = 0;

	for (size_t i = 0; i < cc->n_counters; i++) {
		const struct lb_cmp_counter *k = &cc->counters[i];
		char a[256], b[256], pct[32];

		if (!k->a || !k->b || !k->a->available || !k->b->available)
			continue;
		if (k->per_op_a == 0 && k->per_op_b == 0) {
			zeros++;
			continue;
		}
		counter_side(a, sizeof(a), k->a, k->per_op_a, k->per_pte_a);
		counter_side(b, sizeof(b), k->b, k->per_op_b, k->per_pte_b);
		if (k->per_op_a != 0)
			lb_fmt_pct(pct, sizeof(pct), k->per_op_b / k->per_op_a);
		else
			snprintf(pct, sizeof(pct), "n/a");
		fprintf(f, "    %-28s %s -> %s  (%s)\n", k->name, a, b, pct);
	}
	if (zeros)
		fprintf(f, "    (%zu more counters: 0 per op on both sides)\n", zeros);
	for (size_t i = 0; i < cc->n_counters; i++) {
		const struct lb_cmp_counter *k = &cc->counters[i];
		const struct lb_rcounter *u = !k->a || !k->a->available ? k->a : k->b;
		char buf[256];

		if (k->a && k->b && k->a->available && k->b->available)
			continue;
		counter_side(buf, sizeof(buf), u, NAN, NAN);
		fprintf(f, "    %-28s %s\n", k->name, buf);
	}
}

static void table(FILE *f, const struct lb_comparison *c)
{
	if (c->mode_a) /* --mode-pairs: say which run */
		fprintf(f, "\n== run %s: mode %s (baseline) vs %s\n", c->run_a->label, c->name_a,
			c->name_b);
	else
		fprintf(f, "\n== %s (baseline) vs %s\n", c->name_a, c->name_b);
	fprintf(f, "%-34s %-10s %4s %10s %6s %4s %10s %6s %8s %-20s %-8s\n", "case", "metric", "N",
		"median", "CV", "N", "median", "CV", "change", "95% CI", "p");
	for (size_t i = 0; i < c->n_cases; i++) {
		const struct lb_cmp_case *cc = &c->cases[i];

		for (size_t j = 0; j < cc->n_metrics; j++) {
			const struct lb_cmp_metric *m = &cc->metrics[j];
			char ma[32], mb[32], cva[16], cvb[16], pct[32], ci[64], p[32];

			lb_fmt_cv(cva, sizeof(cva), m->cv_a);
			lb_fmt_cv(cvb, sizeof(cvb), m->cv_b);
			fprintf(f, "%-34s %-10s %4zu %10s %6s %4zu %10s %6s", cc->a->id, m->a->name,
				m->a->n, lb_fmt_num(ma, sizeof(ma), m->med_a), cva, m->b->n,
				lb_fmt_num(mb, sizeof(mb), m->med_b), cvb);
			if (!m->tested) {
				fprintf(f, " %8s not tested: %s\n",
					lb_fmt_pct(pct, sizeof(pct), m->med_b / m->med_a),
					m->why_untested);
				continue;
			}
			fprintf(f, " %8s %-20s %-8s%s\n", lb_fmt_pct(pct, sizeof(pct), m->ci.ratio),
				lb_fmt_ci(ci, sizeof(ci), &m->ci),
				lb_fmt_p(p, sizeof(p), m->p_used), m->significant ? " *" : "");
		}
		counters(f, cc);
	}
	for (size_t i = 0; i < c->n_unmatched; i++)
		fprintf(f, "unmatched: %s\n", c->unmatched[i]);
}

void lb_format_text(FILE *f, const struct lb_report *r)
{
	header(f, r);
	for (size_t i = 0; i < r->n_cmps; i++)
		table(f, &r->cmps[i]);
	fprintf(f,
		"\n%zu tests; p: Mann-Whitney U, two-sided%s; * = p < %.2f; change = median "
		"ratio - 1, %.0f%% CI by bootstrap (%u resamples, seed %lu)\n",
		r->n_tests, r->holm ? ", Holm-adjusted" : " (not adjusted: use --holm)", r->alpha,
		(1 - r->alpha) * 100, r->resamples, r->seed);
}
