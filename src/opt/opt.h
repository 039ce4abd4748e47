/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one option layer of every subcommand. A command describes its options in a table (long
 * name, kind, destination, range, help); lb_opt_parse() sets up getopt_long from it, prints the
 * generated --help, checks every value against its kind and range, and prints any mistake as
 * one line "lazybench CMD: WHAT (see lazybench CMD --help)" for exit status 2.
 */
#ifndef LB_OPT_H
#define LB_OPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A wrong flag or value: one-line error naming it, then exit with this. */
#define LB_EXIT_USAGE 2
/* lb_opt_parse(): the options are parsed, carry on. Any other value is the exit status. */
#define LB_OPT_GO (-1)
/* lb_cmd.max_args: no limit. */
#define LB_OPT_ANY ((unsigned)-1)

enum lb_opt_kind {
	LB_OPT_FLAG,	  /* bool *: true when given */
	LB_OPT_UINT,	  /* unsigned *: decimal integer in [min, max] */
	LB_OPT_ULONG,	  /* unsigned long * */
	LB_OPT_U64,	  /* uint64_t * */
	LB_OPT_INT,	  /* int * (min >= 0) */
	LB_OPT_DOUBLE,	  /* double *: number in [dmin, dmax] */
	LB_OPT_STR,	  /* const char **: a non-empty string */
	LB_OPT_CHOICE,	  /* int *: index of the value among choices */
	LB_OPT_CALL,	  /* call(value, dest, why, len) parses and stores it */
	LB_OPT_LIST,	  /* comma list: item(item, i, dest, why, len) per item; *count set */
	LB_OPT_PASS,	  /* struct lb_opt_pass *: "--name" and the value, handed to a program */
	LB_OPT_PASS_FLAG, /* struct lb_opt_pass *: "--name" handed on */
};

/* Words collected for another program (LB_OPT_PASS*); v has room for argc entries. */
struct lb_opt_pass {
	const char **v;
	size_t n;
};

struct lb_opt {
	const char *name; /* long name without "--"; NULL ends the table */
	char short_name;  /* one-letter alias, 0 when none */
	enum lb_opt_kind kind;
	void *dest;
	unsigned long long min, max; /* integer kinds: the range (max 0: the type's maximum) */
	double dmin, dmax;	     /* LB_OPT_DOUBLE: the range */
	const char *const *choices;  /* LB_OPT_CHOICE: NULL-terminated words */
	/* LB_OPT_CALL and LB_OPT_LIST: 0, or -1 with why (the value or item is named for it). */
	int (*call)(const char *value, void *dest, char *why, size_t len);
	int (*item)(const char *item, size_t i, void *dest, char *why, size_t len);
	size_t *count;	   /* LB_OPT_LIST: set to the number of items; may be NULL */
	size_t max_items;  /* LB_OPT_LIST: at most this many (0: 64) */
	const char *why;   /* what a bad value gets told instead of the generated range */
	const char *arg;   /* value placeholder in --help ("N", "LIST"); NULL for flags */
	const char *help;  /* --help text; '\n' starts a continuation line */
	const char **seen; /* when given: the value as typed (flags: the option name) */
};

struct lb_cmd {
	const char *name;     /* as typed after lazybench: "run", "kmod matrix" */
	const char *synopsis; /* after "usage: lazybench NAME "; '\n' starts another usage line */
	const char *about;    /* what the command does, before the options; may be NULL */
	const char *footer;   /* after the options; may be NULL */
	const struct lb_opt *opts;
	unsigned min_args, max_args; /* operands (LB_OPT_ANY: no limit) */
	const char *args_error;	     /* too few operands: what to say */
	bool in_order;		     /* options only before the first operand (getopt's '+') */
};

/*
 * Parse argv (argv[0] is the command word) into the table's destinations. 0 with *first set to
 * the index of the first operand; 1 when --help was asked for (printed on stdout); -1 with the
 * one-line mistake in err (not printed).
 */
int lb_opt_scan(const struct lb_cmd *cmd, int argc, char **argv, int *first, char *err, size_t len);
/* lb_opt_scan() that prints: LB_OPT_GO, or the exit status (0 after --help, LB_EXIT_USAGE after
 * the error line). first may be NULL when the command takes no operands. */
int lb_opt_parse(const struct lb_cmd *cmd, int argc, char **argv, int *first);
/* The generated --help text. */
void lb_opt_help(const struct lb_cmd *cmd, FILE *f);
/* Print "lazybench CMD: WHAT (see lazybench CMD --help)" and return LB_EXIT_USAGE. */
int lb_usage_error(const char *cmd, const char *what);
/* The one integer parser: decimal digits only, within [min, max]. 0 or -1. */
int lb_parse_ull(const char *s, unsigned long long min, unsigned long long max,
		 unsigned long long *out);

#endif
