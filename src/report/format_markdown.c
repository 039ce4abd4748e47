// SPDX-License-Identifier: GPL-2.0
/* Markdown report: one table per comparison, counters in a second table. */
#include <math.h>
#include <stdio.h>

#include "format.h"

static void counter_cell(char *buf, size_t len, const struct lb_rcounter *k, double per_op,
			 double per_pte)
{
	char a[32], b[32];

	if (!k)
		snprintf(buf, len, "n/a (not recorded)");
	else if (!k->available)
		snprintf(buf, len, "n/a (%s)", k->reason);
	else if (isnan(per_pte))
		snprintf(buf, len, "%s", lb_fmt_num(a, sizeof(a), per_op));
	else
		snprintf(buf, len, "%s (%s/PTE)", lb_fmt_num(a, sizeof(a), per_op),
			 lb_fmt_num(b, sizeof(b), per_pte));
}

static void comparison(FILE *f, const struct lb_report *r, const struct lb_comparison *c)
{
	char ka[128], kb[128];
	bool any_counter = false;

	if (c->mode_a) /* --mode-pairs: say which run */
		fprintf(f, "\n## Run %s: mode %s (baseline) vs %s\n\n", c->run_a->label, c->name_a,
			c->name_b);
	else
		fprintf(f, "\n## %s (baseline) vs %s\n\n", c->name_a, c->name_b);
	if (!r->mode_pairs)
		fprintf(f, "Kernels: `%s` vs `%s`\n\n",
			lb_run_env_or_unknown(c->run_a, LB_ENV_KERNEL_RELEASE, ka, sizeof(ka)),
			lb_run_env_or_unknown(c->run_b, LB_ENV_KERNEL_RELEASE, kb, sizeof(kb)));
	fprintf(f,
		"| case | metric | N | median | CV | N | median | CV | change | %.0f%% CI | p "
		"| |\n",
		(1 - r->alpha) * 100);
	fprintf(f, "|---|---|--:|--:|--:|--:|--:|--:|--:|---|--:|---|\n");
	for (size_t i = 0; i < c->n_cases; i++) {
		const struct lb_cmp_case *cc = &c->cases[i];

		any_counter |= cc->n_counters > 0;
		for (size_t j = 0; j < cc->n_metrics; j++) {
			const struct lb_cmp_metric *m = &cc->metrics[j];
			char ma[32], mb[32], pct[32], ci[64], p[32], cva[16], cvb[16];

			fprintf(f, "| `%s` | %s (%s) | %zu | %s | %s | %zu | %s | %s | ", cc->a->id,
				m->a->name, m->a->unit, m->a->n,
				lb_fmt_num(ma, sizeof(ma), m->med_a),
				lb_fmt_cv(cva, sizeof(cva), m->cv_a), m->b->n,
				lb_fmt_num(mb, sizeof(mb), m->med_b),
				lb_fmt_cv(cvb, sizeof(cvb), m->cv_b));
			if (m->tested)
				fprintf(f, "%s | %s | %s | %s |\n",
					lb_fmt_pct(pct, sizeof(pct), m->ci.ratio),
					lb_fmt_ci(ci, sizeof(ci), &m->ci),
					lb_fmt_p(p, sizeof(p), m->p_used),
					m->significant ? "**\\***" : "");
			else
				fprintf(f, "%s | not tested: %s | | |\n",
					lb_fmt_pct(pct, sizeof(pct), m->med_b / m->med_a),
					m->why_untested);
		}
	}
	if (any_counter) {
		fprintf(f, "\n| case | counter | %s per op | %s per op | change |\n", c->name_a,
			c->name_b);
		fprintf(f, "|---|---|--:|--:|--:|\n");
		for (size_t i = 0; i < c->n_cases; i++)
			for (size_t j = 0; j < c->cases[i].n_counters; j++) {
				const struct lb_cmp_counter *k = &c->cases[i].counters[j];
				char a[256], b[256], pct[32] = "n/a";

				counter_cell(a, sizeof(a), k->a, k->per_op_a, k->per_pte_a);
				counter_cell(b, sizeof(b), k->b, k->per_op_b, k->per_pte_b);
				if (!isnan(k->per_op_a) && !isnan(k->per_op_b) && k->per_op_a != 0)
					lb_fmt_pct(pct, sizeof(pct), k->per_op_b / k->per_op_a);
				fprintf(f, "| `%s` | %s | %s | %s | %s |\n", c->cases[i].a->id,
					k->name, a, b, pct);
			}
	}
	if (c->n_unmatched) {
		fprintf(f, "\nUnmatched:\n\n");
		for (size_t i = 0; i < c->n_unmatched; i++)
			fprintf(f, "- %s\n", c->unmatched[i]);
	}
}

void lb_format_markdown(FILE *f, const struct lb_report *r)
{
	fprintf(f, "# lazybench comparison\n");
	if (r->n_issues) {
		fprintf(f, "\n");
		for (size_t i = 0; i < r->n_issues; i++)
			fprintf(f, "> **%s:** %s\n>\n",
				r->issues[i].refuse ? "WARNING: NOT COMPARABLE" : "warning",
				r->issues[i].text);
	}
	if (r->n_env_diff) {
		fprintf(f, "\nEnvironment differences (baseline -> run):\n\n");
		for (size_t i = 0; i < r->n_env_diff; i++)
			fprintf(f, "- `%s`\n", r->env_diff[i]);
	}
	for (size_t i = 0; i < r->n_cmps; i++)
		comparison(f, r, &r->cmps[i]);
	fprintf(f,
		"\n%zu tests. p: two-sided Mann-Whitney U%s; * marks p < %.2f. Change: ratio of "
		"medians - 1, bootstrap CI (%u resamples, seed %lu).\n",
		r->n_tests, r->holm ? ", Holm-adjusted" : " (not adjusted)", r->alpha, r->resamples,
		r->seed);
}
