/* SPDX-License-Identifier: GPL-2.0 */
/* Strict number parsing for command-line values of the compare-area commands. */
#ifndef LB_COMPARE_PARSE_H
#define LB_COMPARE_PARSE_H

/* 0 when s is entirely a number within [lo, hi], -1 otherwise. */
int parse_double_in(const char *s, double lo, double hi, double *out);
int parse_ulong_in(const char *s, unsigned long lo, unsigned long hi, unsigned long *out);
int parse_uint(const char *s, unsigned *out);

#endif
