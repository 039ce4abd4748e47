// SPDX-License-Identifier: GPL-2.0
/* Number and label formatting shared by the report formats. */
#include <math.h>
#include <stdio.h>

#include "format.h"

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
					   m->tested ? m->ci.ratio : m->med_b / m->med_a);
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
