// SPDX-License-Identifier: GPL-2.0
/* Markdown report: one table per comparison, counters in a second table. */
#include <math.h>
#include <stdio.h>

#include "format.h"

struct md {
	FILE *f;
	const struct lb_report *r;
	bool any_counter;
};

static void md_begin(void *ctx, const struct lb_comparison *c, size_t i)
{
	struct md *d = ctx;
	char ka[128], kb[128];

	(void)i;
	d->any_counter = false;
	if (c->mode_a) { /* --mode-pairs: say which run */
		fprintf(d->f, "\n## Run %s: mode %s (baseline) vs %s\n\n", c->run_a->label,
			c->name_a, c->name_b);
		fprintf(d->f,
			"Run `%s`, kernel `%s`: lazy MMU `%s` is the baseline (base), `%s` the "
			"compared mode (new).\n\n",
			c->run_a->label,
			lb_run_env_or_unknown(c->run_a, LB_ENV_KERNEL_RELEASE, ka, sizeof(ka)),
			c->name_a, c->name_b);
	} else {
		fprintf(d->f, "\n## %s (baseline) vs %s\n\n", c->name_a, c->name_b);
		fprintf(d->f, "Baseline (base): `%s`, kernel `%s`  \n", c->name_a,
			lb_run_env_or_unknown(c->run_a, LB_ENV_KERNEL_RELEASE, ka, sizeof(ka)));
		fprintf(d->f, "Compared (new): `%s`, kernel `%s`  \n", c->name_b,
			lb_run_env_or_unknown(c->run_b, LB_ENV_KERNEL_RELEASE, kb, sizeof(kb)));
		fprintf(d->f, "Change = new / base - 1.\n\n");
	}
	fprintf(
	    d->f,
	    "| case | metric | runs | median | run SD | runs | median | run SD | change | %.0f%% "
	    "CI | p | | verdict |\n",
	    (1 - d->r->alpha) * 100);
	fprintf(d->f, "|---|---|--:|--:|--:|--:|--:|--:|--:|---|--:|---|---|\n");
}

static void md_row(void *ctx, const struct lb_row *w)
{
	struct md *d = ctx;
	const struct lb_cmp_metric *m = w->m;
	char v[600];

	fprintf(d->f, "| `%s` | %s (%s) | %zu | %s | %s | %zu | %s | %s | ", w->cc->a->id,
		m->a->name, m->a->unit, m->k_a, w->med_a, w->cv_a, m->k_b, w->med_b, w->cv_b);
	lb_fmt_verdict(v, sizeof(v), d->r, m);
	fprintf(d->f, "%s | %s | %s | %s | %s |\n", w->change, w->ci, w->p,
		m->control ? (m->significant ? "**\\*** (control)" : "control")
			   : (m->significant ? "**\\***" : ""),
		v);
}

static void md_case_end(void *ctx, const struct lb_cmp_case *cc)
{
	((struct md *)ctx)->any_counter |= cc->n_counters > 0;
}

static void md_end(void *ctx, const struct lb_comparison *c)
{
	struct md *d = ctx;
	FILE *f = d->f;

	if (d->any_counter) {
		struct lb_na_group g[8];
		size_t n_na = lb_unavailable_groups(c, false, g, 8);

		fprintf(f, "\nCounters per operation (median), by scope: `thread` = the measuring "
			   "thread, `cpu` = the measuring CPU, `remote_cpu` = the remote reader's "
			   "CPU.\n");
		fprintf(f, "\n| case | scope | counter | unit | %s (base) | %s (new) | change |\n",
			c->name_a, c->name_b);
		fprintf(f, "|---|---|---|---|--:|--:|--:|\n");
		for (size_t i = 0; i < c->n_cases; i++)
			for (size_t j = 0; j < c->cases[i].n_counters; j++) {
				const struct lb_cmp_counter *k = &c->cases[i].counters[j];
				char a[256], b[256], pct[32];

				if (!lb_counter_measured(k))
					continue;
				lb_fmt_counter(a, sizeof(a), k->a, k->per_op_a, k->per_pte_a, "%s",
					       "%s (%s/PTE)");
				lb_fmt_counter(b, sizeof(b), k->b, k->per_op_b, k->per_pte_b, "%s",
					       "%s (%s/PTE)");
				fprintf(f, "| `%s` | %s | %s | %s | %s | %s | %s |\n",
					c->cases[i].a->id, k->scope, k->name, lb_counter_unit(k), a,
					b, lb_fmt_counter_change(pct, sizeof(pct), k));
			}
		for (size_t i = 0; i < n_na; i++)
			fprintf(f, "\nNot available in either run: %s (scope %s): %s\n", g[i].names,
				g[i].scopes, g[i].reason);
	}
	if (d->r->cost_model) {
		char label[300], a[600], b[600], pct[32], part[2048];

		fprintf(f,
			"\n%s (`--cost-model %s`, arch %s; how it is made: see the note at the "
			"end). **An estimate, not a measurement.**\n",
			lb_fmt_cost_label(label, sizeof(label), d->r->cost_model),
			d->r->cost_model->path, d->r->cost_model->arch);
		fprintf(f,
			"\n| case | metric | scope | %s (base) | %s (new) | change | left out |\n",
			c->name_a, c->name_b);
		fprintf(f, "|---|---|---|--:|--:|--:|---|\n");
		for (size_t i = 0; i < c->n_cases; i++)
			for (size_t j = 0; j < c->cases[i].n_costs; j++) {
				const struct lb_cost_est *e = &c->cases[i].costs[j];

				fprintf(f, "| `%s` | %s | %s | %s | %s | %s | %s |\n",
					c->cases[i].a->id, *e->metric ? e->metric : "-", e->scope,
					lb_fmt_cost_side(a, sizeof(a), e->cycles_a, e->why_a),
					lb_fmt_cost_side(b, sizeof(b), e->cycles_b, e->why_b),
					lb_fmt_change(pct, sizeof(pct), e->cycles_a, e->cycles_b),
					lb_fmt_cost_partial(part, sizeof(part), e));
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
	static const struct lb_table_hooks hooks = {md_begin, md_row, md_case_end, md_end};
	struct md d = {f, r, false};

	lb_table_walk(r, &hooks, &d);
	fprintf(f, "\n");
	lb_fmt_method(f, r);
	lb_format_control(f, r, "\n");
	if (r->cost_model) {
		char note[2048];

		fprintf(f, "\n%s\n", lb_fmt_cost_note(note, sizeof(note), r));
	}
}
