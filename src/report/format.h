/* SPDX-License-Identifier: GPL-2.0 */
/* The report formats of `lazybench compare`: one function per format, all printing the
 * comparison model (model.h), and their shared printing helpers (format_common.c). */
#ifndef LB_REPORT_FORMAT_H
#define LB_REPORT_FORMAT_H

#include <stdbool.h>
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
/* --mode-pairs: the A/A control line (cells the mode cannot move here), if any. */
void lb_format_control(FILE *f, const struct lb_report *r, const char *prefix);
/*
 * The verdict of one metric in words, without the leading indentation:
 * "Difference at 95.0% confidence: +10.2% [+8.1%, +12.3%] p=0.0003, g=4.1",
 * "No change larger than 3.1% (equivalence margin 5%, p=0.41)",
 * "No difference proven at 95.0% confidence (p=0.20); detectable with 80% power: 12%; 9 runs per
 * side needed for 5%", or "No verdict: 1 vs 1 replicates (3 per side needed; ...)".
 */
const char *lb_fmt_verdict(char *buf, size_t len, const struct lb_report *r,
			   const struct lb_cmp_metric *m);
/* Hygiene warnings of one metric ("drift in base replicate 2 (tau 0.41); bimodal in new"), or ""
 * when there are none. */
const char *lb_fmt_hygiene(char *buf, size_t len, const struct lb_cmp_metric *m, const char *name_a,
			   const char *name_b);
/* The footer sentence on the method (unit, test, CI, equivalence, planning). */
void lb_fmt_method(FILE *f, const struct lb_report *r);
/* Whether an available TCG plugin counter (event "tcg:...") has the same value in every
 * repetition: shown as "exact", with no statistics. */
bool lb_counter_exact(const struct lb_rcounter *k);
/* Batch field for display: "-" or the number. */
const char *lb_fmt_batch(char *buf, size_t len, long batch);

/* Counter scopes (docs/results-format.md) in 3-4 letters: thr, cpu, rcpu, sys. */
const char *lb_fmt_scope_short(const char *scope);
/* "ns" for the software clocks (CPU time), "count" for every other counter. */
const char *lb_counter_unit(const struct lb_cmp_counter *k);
/* Available in at least one of the two runs. */
bool lb_counter_measured(const struct lb_cmp_counter *k);
/*
 * Change of a counter per operation: "+12.5%", "from 0" (0 in A, above 0 in B), "0" (0 in
 * both), "n/a" (unavailable on a side: n/a always means not measured).
 */
const char *lb_fmt_counter_change(char *buf, size_t len, const struct lb_cmp_counter *k);
/* Change from a to b in the same words ("+12.5%", "from 0", "0", "n/a"). */
const char *lb_fmt_change(char *buf, size_t len, double a, double b);

/* --cost-model: "est. cycles/op from counts x MODEL (estimate, not measured)". */
const char *lb_fmt_cost_label(char *buf, size_t len, const struct lb_cost_model *m);
/* One side's estimate: "1024" or "unavailable: WHY". */
const char *lb_fmt_cost_side(char *buf, size_t len, double cycles, const char *why);
/* Both sides: "1024 -> 4.00 (-99.6%)", "unavailable: WHY" (the same on both sides), or the
 * sides apart: "unavailable: WHY -> 4.00". */
const char *lb_fmt_cost_values(char *buf, size_t len, const struct lb_cost_est *e);
/* What the estimate leaves out: "no figure for: tcg:insn, tcg:dmb; not counted here: tcg:x", or
 * "" when nothing. */
const char *lb_fmt_cost_partial(char *buf, size_t len, const struct lb_cost_est *e);
/* The note under a report with estimates: how they are made and what they are not. */
const char *lb_fmt_cost_note(char *buf, size_t len, const struct lb_report *r);

/* A thread-scope counter whose measuring-CPU count (a superset) is in the same case. */
bool lb_counter_shadowed(const struct lb_cmp_case *cc, const struct lb_cmp_counter *k);

/* Counters unavailable in both runs, grouped by reason, for one note per reason. */
struct lb_na_group {
	const char *reason;
	char names[512];  /* "cycles, instructions" */
	char scopes[128]; /* "thread, cpu, remote_cpu" (or thr, cpu, rcpu) */
};
size_t lb_unavailable_groups(const struct lb_comparison *c, bool short_scopes,
			     struct lb_na_group *out, size_t max);

/* The cells of one metric row, formatted once for every table format. */
struct lb_row {
	size_t cmp; /* index of the comparison in the report */
	const struct lb_cmp_case *cc;
	const struct lb_cmp_metric *m;
	char med_a[32], med_b[32]; /* medians */
	char cv_a[16], cv_b[16];   /* run-to-run SD across replicates ("n/a" with one) */
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
