// SPDX-License-Identifier: GPL-2.0
/* The option layer; see opt.h. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "opt.h"

#define MAX_OPTS 64
#define HELP_VAL 'h'

int lb_usage_error(const char *cmd, const char *what)
{
	fprintf(stderr, "lazybench %s: %s (see lazybench %s --help)\n", cmd, what, cmd);
	return LB_EXIT_USAGE;
}

int lb_parse_ull(const char *s, unsigned long long min, unsigned long long max,
		 unsigned long long *out)
{
	unsigned long long v;
	char *end;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

static unsigned long long type_max(enum lb_opt_kind k)
{
	switch (k) {
	case LB_OPT_UINT:
		return UINT_MAX;
	case LB_OPT_ULONG:
		return ULONG_MAX;
	case LB_OPT_INT:
		return INT_MAX;
	default:
		return UINT64_MAX;
	}
}

static bool takes_value(const struct lb_opt *o)
{
	return o->kind != LB_OPT_FLAG && o->kind != LB_OPT_PASS_FLAG;
}

/* A value too long to echo in a one-line message is left out (the reason names its length). */
#define ECHO_MAX 80

static int bad(char *err, size_t len, const struct lb_opt *o, const char *value, const char *why)
{
	if (strlen(value) > ECHO_MAX)
		snprintf(err, len, "--%s: %s", o->name, why);
	else
		snprintf(err, len, "--%s %s: %s", o->name, *value ? value : "''", why);
	return -1;
}

/* A list item as compared for duplicates: numbers by value ("016" is 16), the rest as typed. */
static void canonical(const char *item, char *out, size_t len)
{
	unsigned long long v;

	if (!lb_parse_ull(item, 0, ULLONG_MAX, &v))
		snprintf(out, len, "%llu", v);
	else
		snprintf(out, len, "%s", item);
}

/*
 * Split a comma list and store each item. An empty item ("16,,256", "16,") and an item given
 * twice ("16,16", which would make two cases with one id) are refused, never dropped.
 */
static int list(const struct lb_opt *o, const char *value, char *err, size_t len)
{
	size_t max = o->max_items ? o->max_items : 64, n = 0;
	char *copy = strdup(value), *tok, *next;
	char why[300], (*seen)[160] = calloc(max + 1, sizeof(*seen));
	int r = 0;

	if (!copy || !seen) {
		free(copy);
		free(seen);
		return bad(err, len, o, value, "out of memory");
	}
	if (!*value)
		r = bad(err, len, o, value, "empty list");
	for (tok = *value ? copy : NULL; tok && !r; tok = next) {
		next = strchr(tok, ',');
		if (next)
			*next++ = 0;
		if (!*tok) {
			r = bad(err, len, o, value, "empty item");
			break;
		}
		if (n >= max) {
			r = bad(err, len, o, value, "too many items");
			break;
		}
		canonical(tok, seen[n], sizeof(seen[n]));
		for (size_t k = 0; k < n && !r; k++)
			if (!strcmp(seen[k], seen[n])) {
				snprintf(why, sizeof(why), "%s given twice", tok);
				r = bad(err, len, o, value, why);
			}
		if (r)
			break;
		why[0] = 0;
		if (o->item(tok, n, o->dest, why, sizeof(why)))
			r = bad(err, len, o, tok, why);
		n++;
	}
	free(copy);
	free(seen);
	if (!r && o->count)
		*o->count = n;
	return r;
}

/* "--name" of each option of the table being parsed, for LB_OPT_PASS*. */
static char flag_words[MAX_OPTS][48];

/* Store option i's value; 0 or -1 with err. */
static int store(const struct lb_opt *o, size_t i, const char *value, char *err, size_t len)
{
	unsigned long long v, max = o->max ? o->max : type_max(o->kind);
	char why[300];

	switch (o->kind) {
	case LB_OPT_FLAG:
		*(bool *)o->dest = true;
		return 0;
	case LB_OPT_UINT:
	case LB_OPT_ULONG:
	case LB_OPT_U64:
	case LB_OPT_INT:
		if (lb_parse_ull(value, o->min, max, &v)) {
			snprintf(why, sizeof(why), "want an integer from %llu to %llu", o->min,
				 max);
			return bad(err, len, o, value, o->why ? o->why : why);
		}
		if (o->kind == LB_OPT_UINT)
			*(unsigned *)o->dest = (unsigned)v;
		else if (o->kind == LB_OPT_ULONG)
			*(unsigned long *)o->dest = (unsigned long)v;
		else if (o->kind == LB_OPT_U64)
			*(uint64_t *)o->dest = (uint64_t)v;
		else
			*(int *)o->dest = (int)v;
		return 0;
	case LB_OPT_DOUBLE: {
		char *end;
		double d;

		errno = 0;
		d = strtod(value, &end);
		if (!*value || *end || errno || isnan(d) || d < o->dmin || d > o->dmax) {
			snprintf(why, sizeof(why), "want a number from %g to %g", o->dmin, o->dmax);
			return bad(err, len, o, value, o->why ? o->why : why);
		}
		*(double *)o->dest = d;
		return 0;
	}
	case LB_OPT_STR:
		if (!*value)
			return bad(err, len, o, value, o->why ? o->why : "empty value");
		*(const char **)o->dest = value;
		return 0;
	case LB_OPT_CHOICE: {
		size_t n = 0;

		for (int i = 0; o->choices[i]; i++)
			if (!strcmp(value, o->choices[i])) {
				*(int *)o->dest = i;
				return 0;
			}
		n = (size_t)snprintf(why, sizeof(why), "want one of");
		for (int i = 0; o->choices[i] && n < sizeof(why); i++)
			n += (size_t)snprintf(why + n, sizeof(why) - n, "%s %s", i ? "," : "",
					      o->choices[i]);
		return bad(err, len, o, value, why);
	}
	case LB_OPT_CALL:
		why[0] = 0;
		return o->call(value, o->dest, why, sizeof(why)) ? bad(err, len, o, value, why) : 0;
	case LB_OPT_LIST:
		return list(o, value, err, len);
	case LB_OPT_PASS:
	case LB_OPT_PASS_FLAG: {
		struct lb_opt_pass *p = o->dest;

		snprintf(flag_words[i], sizeof(flag_words[i]), "--%s", o->name);
		p->v[p->n++] = flag_words[i];
		if (o->kind == LB_OPT_PASS)
			p->v[p->n++] = value;
		return 0;
	}
	}
	return -1;
}

int lb_opt_scan(const struct lb_cmd *cmd, int argc, char **argv, int *first, char *err, size_t len)
{
	struct option longs[MAX_OPTS + 2];
	char shorts[2 * MAX_OPTS + 8] = "";
	size_t n = 0, s = 0;
	unsigned nargs;
	int c;

	if (cmd->in_order)
		shorts[s++] = '+';
	shorts[s++] = ':';
	shorts[s++] = 'h';
	for (; cmd->opts && cmd->opts[n].name && n < MAX_OPTS; n++) {
		const struct lb_opt *o = &cmd->opts[n];

		longs[n] = (struct option){
		    o->name, takes_value(o) ? required_argument : no_argument, NULL, 256 + (int)n};
		if (o->short_name) {
			shorts[s++] = o->short_name;
			if (takes_value(o))
				shorts[s++] = ':';
		}
	}
	longs[n++] = (struct option){"help", no_argument, NULL, HELP_VAL};
	longs[n] = (struct option){NULL, 0, NULL, 0};
	shorts[s] = 0;

	optind = 0; /* glibc: start afresh (a previous parse may have permuted) */
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		const struct lb_opt *o = NULL;

		if (c == HELP_VAL) {
			lb_opt_help(cmd, stdout);
			return 1;
		}
		if (c >= 256)
			o = &cmd->opts[c - 256];
		for (size_t i = 0; !o && c != ':' && c != '?' && cmd->opts[i].name; i++)
			if (cmd->opts[i].short_name == c)
				o = &cmd->opts[i];
		if (o) {
			if (store(o, (size_t)(o - cmd->opts), takes_value(o) ? optarg : NULL, err,
				  len))
				return -1;
			if (o->seen)
				*o->seen = takes_value(o) ? optarg : o->name;
			continue;
		}
		/* getopt leaves the offending word just before optind. */
		if (c == ':')
			snprintf(err, len, "%s needs a value", argv[optind - 1]);
		else if (optopt >= 256)
			snprintf(err, len, "--%s takes no value", cmd->opts[optopt - 256].name);
		else if (optopt == HELP_VAL)
			snprintf(err, len, "--help takes no value");
		else if (optopt)
			snprintf(err, len, "unknown option '-%c'", optopt);
		else
			snprintf(err, len, "unknown option '%s'", argv[optind - 1]);
		return -1;
	}
	nargs = (unsigned)(argc - optind);
	if (nargs < cmd->min_args) {
		snprintf(err, len, "%s", cmd->args_error ? cmd->args_error : "missing arguments");
		return -1;
	}
	if (nargs > cmd->max_args) {
		snprintf(err, len, "unexpected argument '%s'", argv[optind + (int)cmd->max_args]);
		return -1;
	}
	if (first)
		*first = optind;
	return 0;
}

int lb_opt_parse(const struct lb_cmd *cmd, int argc, char **argv, int *first)
{
	char err[1024];
	int r = lb_opt_scan(cmd, argc, argv, first, err, sizeof(err));

	if (r == 1)
		return 0;
	if (r)
		return lb_usage_error(cmd->name, err);
	return LB_OPT_GO;
}

/* "-o, --output FILE" */
static int left(const struct lb_opt *o, char *buf, size_t len)
{
	char sh[8] = "";

	if (o->short_name)
		snprintf(sh, sizeof(sh), "-%c, ", o->short_name);
	return snprintf(buf, len, "%s--%s%s%s", sh, o->name, o->arg ? " " : "",
			o->arg ? o->arg : "");
}

/* Text with '\n' continuation lines, each indented to column col. */
static void indented(FILE *f, const char *text, int col)
{
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, "\n");

		fprintf(f, "%.*s\n", (int)n, p);
		p += n;
		if (*p == '\n' && *++p)
			fprintf(f, "%*s", col, "");
	}
}

void lb_opt_help(const struct lb_cmd *cmd, FILE *f)
{
	static const struct lb_opt help = {.name = "help", .short_name = 'h', .help = "this text"};
	char buf[128];
	int col = 0;

	/* Each synopsis line is one usage line; a line starting with a space continues the one
	 * before it, aligned after "lazybench NAME ". */
	const char *p = cmd->synopsis ? cmd->synopsis : "";
	int indent = (int)strlen(cmd->name) + 18;

	do {
		size_t n = strcspn(p, "\n");

		if (*p == ' ')
			fprintf(f, "%*s%.*s\n", indent, "", (int)(n - strspn(p, " ")),
				p + strspn(p, " "));
		else
			fprintf(f, "%slazybench %s%s%.*s\n",
				p == cmd->synopsis ? "usage: " : "       ", cmd->name, n ? " " : "",
				(int)n, p);
		p += n + (p[n] == '\n');
	} while (*p);
	if (cmd->about)
		indented(f, cmd->about, 0);
	col = left(&help, buf, sizeof(buf));
	for (size_t i = 0; cmd->opts && cmd->opts[i].name; i++) {
		int w = left(&cmd->opts[i], buf, sizeof(buf));

		if (w > col)
			col = w;
	}
	col += 4; /* two before, at least two after */
	fprintf(f, "\n");
	for (size_t i = 0;; i++) {
		const struct lb_opt *o = cmd->opts && cmd->opts[i].name ? &cmd->opts[i] : &help;

		left(o, buf, sizeof(buf));
		fprintf(f, "  %-*s", col - 2, buf);
		indented(f, o->help ? o->help : "", col);
		if (o == &help)
			break;
	}
	if (cmd->footer)
		indented(f, cmd->footer, 0);
}
