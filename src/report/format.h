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
/* Batch field for display: "-" or the number. */
const char *lb_fmt_batch(char *buf, size_t len, long batch);

#endif
