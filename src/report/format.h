/* SPDX-License-Identifier: GPL-2.0 */
/* The report formats of `lazybench compare`: one function per format, all printing the
 * comparison model (model.h), and their shared printing helpers (format_common.c). */
#ifndef LB_REPORT_FORMAT_H
#define LB_REPORT_FORMAT_H

#include <stdio.h>

#include "model.h"

void lb_format_text(FILE *f, const struct lb_report *r);
void lb_format_email(FILE *f, const struct lb_report *r);
void lb_format_markdown(FILE *f, const struct lb_report *r);
void lb_format_json(FILE *f, const struct lb_report *r);
void lb_format_csv(FILE *f, const struct lb_report *r);

/* Shared printing helpers (format_common.c). */
const char *lb_fmt_num(char *buf, size_t len, double v);
const char *lb_fmt_pct(char *buf, size_t len, double ratio);
/* "%change" of the ratio CI as "[-1.2%, +3.4%]". */
const char *lb_fmt_ci(char *buf, size_t len, const struct lb_ratio_ci *ci);
const char *lb_fmt_p(char *buf, size_t len, double p);
/* Coefficient of variation as "2.1%", "n/a" when undefined. */
const char *lb_fmt_cv(char *buf, size_t len, double cv);
/* A counter's value on one side: "n/a (REASON)" when it was not recorded or is unavailable,
 * else per_op through op_fmt ("%s/op"), or per_op and per_pte through pte_fmt. */
void lb_fmt_counter(char *buf, size_t len, const struct lb_rcounter *k, double per_op,
		    double per_pte, const char *op_fmt, const char *pte_fmt);
/* Batch field for display: "-" or the number. */
const char *lb_fmt_batch(char *buf, size_t len, long batch);

/* The cells of one metric row, formatted once for every table format. */
struct lb_row {
	size_t cmp; /* index of the comparison in the report */
	const struct lb_cmp_case *cc;
	const struct lb_cmp_metric *m;
	char med_a[32], med_b[32]; /* medians */
	char cv_a[16], cv_b[16];   /* coefficients of variation */
	char change[32];	   /* CI's ratio when tested, else the ratio of medians */
	char ci[80], p[32];	   /* "" when not tested */
};

/* The one table layout of text, markdown and email: a format fills in the hooks it needs
 * (NULL: nothing to print there); ctx is the format's own. */
struct lb_table_hooks {
	void (*begin)(void *ctx, const struct lb_comparison *c, size_t i); /* title, head */
	void (*row)(void *ctx, const struct lb_row *row);		   /* one metric */
	void (*case_end)(void *ctx, const struct lb_cmp_case *cc);	   /* after a case's rows */
	void (*end)(void *ctx, const struct lb_comparison *c);		   /* after the rows */
};

/* For each comparison of r: begin, then per case its metric rows and case_end, then end. */
void lb_table_walk(const struct lb_report *r, const struct lb_table_hooks *h, void *ctx);

#endif
