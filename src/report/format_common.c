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
