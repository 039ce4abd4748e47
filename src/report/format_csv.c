// SPDX-License-Identifier: GPL-2.0
/* CSV report: one row per metric and per counter of every matched case pair. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "format.h"

/* Quote a field when it holds a separator, quote or newline (RFC 4180). */
static void field(FILE *f, const char *s, bool last)
{
	if (strpbrk(s, ",\"\n")) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
	fputc(last ? '\n' : ',', f);
}

static const char *g(char *buf, size_t len, double v)
{
	if (isnan(v) || isinf(v))
		return "";
	snprintf(buf, len, "%.6g", v);
	return buf;
}

void lb_format_csv(FILE *f, const struct lb_report *r)
{
	fprintf(f, "name_a,name_b,case_id,workload,variant,mode,pages,batch,remote,type,name,unit,"
		   "n_a,median_a,cv_a,n_b,median_b,cv_b,change_pct,ci_low_pct,ci_high_pct,p,"
		   "significant,note,scope,runs_a,runs_b,verdict,no_change_larger_than_pct,"
		   "mde_pct,runs_needed\n");
	for (size_t i = 0; i < r->n_cmps; i++) {
		const struct lb_comparison *c = &r->cmps[i];

		for (size_t j = 0; j < c->n_cases; j++) {
			const struct lb_cmp_case *cc = &c->cases[j];
			char pages[32], batch[32], b[16][48];

			snprintf(pages, sizeof(pages), "%ld", cc->a->pages);
			lb_fmt_batch(batch, sizeof(batch), cc->a->batch);
			for (size_t k = 0; k < cc->n_metrics + cc->n_counters; k++) {
				const char *vals[36], *extra[6] = {"", "", "", "", "", ""};
				char note[512] = "";
				size_t n = 0;

				vals[n++] = c->name_a;
				vals[n++] = c->name_b;
				vals[n++] = cc->a->id;
				vals[n++] = cc->a->workload;
				vals[n++] = lb_case_variant(cc->a);
				vals[n++] = cc->a->mode;
				vals[n++] = pages;
				vals[n++] = cc->a->batch < 0 ? "" : batch;
				vals[n++] = cc->a->remote;
				if (k < cc->n_metrics) {
					const struct lb_cmp_metric *m = &cc->metrics[k];

					vals[n++] = "metric";
					vals[n++] = m->a->name;
					vals[n++] = m->a->unit;
					snprintf(b[0], 48, "%zu", m->a->n);
					vals[n++] = b[0];
					vals[n++] = g(b[1], 48, m->med_a);
					vals[n++] = g(b[2], 48, m->cv_a);
					snprintf(b[3], 48, "%zu", m->b->n);
					vals[n++] = b[3];
					vals[n++] = g(b[4], 48, m->med_b);
					vals[n++] = g(b[5], 48, m->cv_b);
					vals[n++] = g(b[6], 48, (m->ab.ratio - 1) * 100);
					vals[n++] =
					    m->tested ? g(b[7], 48, (m->ci.low - 1) * 100) : "";
					vals[n++] =
					    m->tested ? g(b[8], 48, (m->ci.high - 1) * 100) : "";
					vals[n++] = m->tested ? g(b[9], 48, m->p_used) : "";
					vals[n++] = m->tested ? (m->significant ? "1" : "0") : "";
					/* The replicate-level columns (issue 11) come last. */
					snprintf(b[10], 48, "%zu", m->k_a);
					extra[0] = b[10];
					snprintf(b[11], 48, "%zu", m->k_b);
					extra[1] = b[11];
					extra[2] = lb_verdict_name(m->ab.verdict);
					extra[3] =
					    m->tested ? g(b[12], 48, m->ab.eq_bound * 100) : "";
					extra[4] = m->tested ? g(b[13], 48, m->ab.mde * 100) : "";
					snprintf(b[14], 48, "%zu", m->ab.runs_needed);
					extra[5] = m->ab.runs_needed ? b[14] : "";
					if (!m->tested)
						snprintf(note, sizeof(note), "no verdict: %s",
							 m->why_untested);
				} else {
					const struct lb_cmp_counter *q =
					    &cc->counters[k - cc->n_metrics];

					vals[n++] = "counter_per_op";
					vals[n++] = q->name;
					vals[n++] = lb_counter_unit(q);
					vals[n++] = "";
					vals[n++] = g(b[1], 48, q->per_op_a);
					vals[n++] = "";
					vals[n++] = "";
					vals[n++] = g(b[4], 48, q->per_op_b);
					vals[n++] = "";
					vals[n++] =
					    q->per_op_a != 0
						? g(b[6], 48, (q->per_op_b / q->per_op_a - 1) * 100)
						: "";
					vals[n++] = "";
					vals[n++] = "";
					vals[n++] = "";
					vals[n++] = "";
					if (q->per_op_a == 0 && q->per_op_b > 0)
						snprintf(note, sizeof(note), "from 0");
					if (!q->a || !q->a->available || !q->b || !q->b->available)
						snprintf(note, sizeof(note), "n/a (%s)",
							 !q->a		    ? "not recorded in A"
							 : !q->b	    ? "not recorded in B"
							 : !q->a->available ? q->a->reason
									    : q->b->reason);
				}
				vals[n++] = note;
				/* Last column, added with issue 12: older readers keep their
				 * indexes. */
				vals[n++] =
				    k < cc->n_metrics ? "" : cc->counters[k - cc->n_metrics].scope;
				for (int e = 0; e < 6; e++)
					vals[n++] = extra[e];
				for (size_t x = 0; x < n; x++)
					field(f, vals[x], x == n - 1);
			}
		}
	}
}
