// SPDX-License-Identifier: GPL-2.0
/* Strict number parsing: trailing garbage, empty strings and out-of-range values fail. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>

#include "parse.h"

int parse_double_in(const char *s, double lo, double hi, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (!*s || *end || errno || isnan(v) || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

int parse_ulong_in(const char *s, unsigned long lo, unsigned long hi, unsigned long *out)
{
	char *end;
	unsigned long v;

	if (!*s || *s == '-')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (*end || errno || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

int parse_uint(const char *s, unsigned *out)
{
	unsigned long v;

	if (parse_ulong_in(s, 0, UINT_MAX, &v))
		return -1;
	*out = (unsigned)v;
	return 0;
}
