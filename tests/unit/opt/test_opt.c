// SPDX-License-Identifier: GPL-2.0
/* The option layer: every kind stores its value, every mistake is one line naming it, --help
 * is generated from the table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "opt.h"

static const char *const colours[] = {"red", "green", "blue", NULL};

struct dest {
	bool flag;
	unsigned u;
	unsigned long ul;
	uint64_t u64;
	int i, colour;
	double d;
	const char *s, *seen, *odd;
	long items[4];
	size_t n_items;
	const char *pass_v[8];
	struct lb_opt_pass pass;
};

static int item(const char *s, size_t i, void *arg, char *why, size_t len)
{
	struct dest *d = arg;

	d->items[i] = strtol(s, NULL, 10);
	if (d->items[i] > 0)
		return 0;
	snprintf(why, len, "want a positive number");
	return -1;
}

static int odd(const char *s, void *arg, char *why, size_t len)
{
	if (strlen(s) % 2)
		return *(const char **)arg = s, 0;
	snprintf(why, len, "want an odd length");
	return -1;
}

/* Parse words (NULL-terminated) with a table over d; returns lb_opt_scan()'s value. */
static int scan(struct dest *d, char *err, int *first, bool in_order, ...)
{
	char *argv[32] = {"cmd"};
	int argc = 1;
	va_list ap;
	const struct lb_opt opts[] = {
	    {.name = "flag",
	     .short_name = 'f',
	     .kind = LB_OPT_FLAG,
	     .dest = &d->flag,
	     .help = "a flag"},
	    {.name = "uint",
	     .kind = LB_OPT_UINT,
	     .dest = &d->u,
	     .min = 2,
	     .max = 9,
	     .arg = "N",
	     .help = "two to nine"},
	    {.name = "ulong", .kind = LB_OPT_ULONG, .dest = &d->ul, .arg = "N", .help = "any"},
	    {.name = "u64", .kind = LB_OPT_U64, .dest = &d->u64, .arg = "N", .help = "any"},
	    {.name = "int",
	     .kind = LB_OPT_INT,
	     .dest = &d->i,
	     .max = 10,
	     .why = "want a digit",
	     .arg = "N",
	     .help = "0 to 10"},
	    {.name = "double",
	     .kind = LB_OPT_DOUBLE,
	     .dest = &d->d,
	     .dmin = 0.5,
	     .dmax = 1.5,
	     .arg = "X",
	     .help = "half to one and a half\nsecond line"},
	    {.name = "str",
	     .short_name = 's',
	     .kind = LB_OPT_STR,
	     .dest = &d->s,
	     .arg = "S",
	     .seen = &d->seen,
	     .help = "a string"},
	    {.name = "colour",
	     .kind = LB_OPT_CHOICE,
	     .dest = &d->colour,
	     .choices = colours,
	     .arg = "C",
	     .help = "red, green or blue"},
	    {.name = "odd",
	     .kind = LB_OPT_CALL,
	     .dest = &d->odd,
	     .call = odd,
	     .arg = "S",
	     .help = "odd length"},
	    {.name = "items",
	     .kind = LB_OPT_LIST,
	     .dest = d,
	     .item = item,
	     .count = &d->n_items,
	     .max_items = 4,
	     .arg = "LIST",
	     .help = "positive numbers"},
	    {.name = "arch", .kind = LB_OPT_PASS, .dest = &d->pass, .arg = "A", .help = "passed"},
	    {.name = "no-kmod", .kind = LB_OPT_PASS_FLAG, .dest = &d->pass, .help = "passed"},
	    {0},
	};
	const struct lb_cmd cmd = {.name = "test",
				   .synopsis = "[OPTIONS] ARG",
				   .opts = opts,
				   .min_args = 0,
				   .max_args = 2,
				   .in_order = in_order};

	memset(d, 0, sizeof(*d));
	d->pass.v = d->pass_v;
	va_start(ap, in_order);
	for (char *w; (w = va_arg(ap, char *));)
		argv[argc++] = w;
	va_end(ap);
	return lb_opt_scan(&cmd, argc, argv, first, err, 256);
}

static void kinds_store(void **state)
{
	struct dest d;
	char err[256];
	int first = -1;
	(void)state;

	assert_int_equal(scan(&d, err, &first, false, "-f", "--uint", "9", "--ulong=7", "--u64",
			      "18446744073709551615", "--int", "0", "--double", "1.25", "-s", "x",
			      "--colour", "blue", "--odd", "abc", "--items", "3,1", "--arch",
			      "arm64", "--no-kmod", "op1", NULL),
			 0);
	assert_true(d.flag);
	assert_int_equal(d.u, 9);
	assert_int_equal(d.ul, 7);
	assert_true(d.u64 == UINT64_MAX);
	assert_int_equal(d.i, 0);
	assert_true(d.d == 1.25);
	assert_string_equal(d.s, "x");
	assert_string_equal(d.seen, "x");
	assert_int_equal(d.colour, 2);
	assert_string_equal(d.odd, "abc");
	assert_int_equal(d.n_items, 2);
	assert_int_equal(d.items[0], 3);
	assert_int_equal(d.items[1], 1);
	assert_int_equal(d.pass.n, 3);
	assert_string_equal(d.pass.v[0], "--arch");
	assert_string_equal(d.pass.v[1], "arm64");
	assert_string_equal(d.pass.v[2], "--no-kmod");
	assert_int_equal(first, 22);
	/* Operands among options are moved after them, unless in_order. */
	assert_int_equal(scan(&d, err, &first, false, "op", "--uint", "3", NULL), 0);
	assert_int_equal(d.u, 3);
	assert_int_equal(scan(&d, err, &first, true, "op", "--uint", "3", NULL), -1);
	assert_string_equal(err, "unexpected argument '3'");
}

static void mistakes_are_one_line(void **state)
{
	static const struct {
		const char *args[4];
		const char *err;
	} cases[] = {
	    {{"--uint", "1"}, "--uint 1: want an integer from 2 to 9"},
	    {{"--uint", "10"}, "--uint 10: want an integer from 2 to 9"},
	    {{"--uint", "3x"}, "--uint 3x: want an integer from 2 to 9"},
	    {{"--uint", "-3"}, "--uint -3: want an integer from 2 to 9"},
	    {{"--uint", " 3"}, "--uint  3: want an integer from 2 to 9"},
	    {{"--ulong", "18446744073709551616"},
	     "--ulong 18446744073709551616: want an integer from 0 to 18446744073709551615"},
	    {{"--int", "11"}, "--int 11: want a digit"},
	    {{"--double", "2"}, "--double 2: want a number from 0.5 to 1.5"},
	    {{"--double", "nan"}, "--double nan: want a number from 0.5 to 1.5"},
	    {{"--str", ""}, "--str '': empty value"},
	    {{"--colour", "pink"}, "--colour pink: want one of red, green, blue"},
	    {{"--odd", "ab"}, "--odd ab: want an odd length"},
	    {{"--items", "1,0,2"}, "--items 0: want a positive number"},
	    {{"--items", "1,2,3,4,5"}, "--items 1,2,3,4,5: too many items"},
	    {{"--items", ""}, "--items '': empty list"},
	    /* Issue 12: empty and repeated items are refused, never dropped or doubled. */
	    {{"--items", "1,,2"}, "--items 1,,2: empty item"},
	    {{"--items", "1,"}, "--items 1,: empty item"},
	    {{"--items", ",1"}, "--items ,1: empty item"},
	    {{"--items", "2,02"}, "--items 2,02: 02 given twice"},
	    {{"--odd",
	      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
	     "--odd: want an odd length"},
	    {{"--uint"}, "--uint needs a value"},
	    {{"-s"}, "-s needs a value"},
	    {{"--flag=1"}, "--flag takes no value"},
	    {{"--bogus"}, "unknown option '--bogus'"},
	    {{"-x"}, "unknown option '-x'"},
	    {{"a", "b", "c"}, "unexpected argument 'c'"},
	};
	struct dest d;
	char err[256];
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *const *a = cases[i].args;

		err[0] = 0;
		assert_int_equal(scan(&d, err, NULL, false, a[0], a[1], a[2], a[3], NULL), -1);
		assert_string_equal(err, cases[i].err);
	}
}

static void help_is_generated(void **state)
{
	struct dest d;
	char err[256], *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int saved = dup(1);
	(void)state;

	/* --help prints on stdout and asks the caller to stop with status 0. */
	fflush(stdout);
	assert_non_null(freopen("/dev/null", "w", stdout));
	assert_int_equal(scan(&d, err, NULL, false, "--uint", "3", "--help", NULL), 1);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	{
		const struct lb_opt opts[] = {
		    {.name = "double",
		     .kind = LB_OPT_DOUBLE,
		     .dest = &d.d,
		     .arg = "X",
		     .help = "first line\nsecond line"},
		    {.name = "str",
		     .short_name = 's',
		     .kind = LB_OPT_STR,
		     .dest = &d.s,
		     .arg = "S",
		     .help = "a string"},
		    {0},
		};
		const struct lb_cmd cmd = {.name = "test",
					   .synopsis = "[OPTIONS] ARG\n [MORE]\n--other",
					   .about = "What it does.",
					   .footer = "The end.",
					   .opts = opts};

		lb_opt_help(&cmd, f);
	}
	fclose(f);
	assert_string_equal(text, "usage: lazybench test [OPTIONS] ARG\n"
				  "                      [MORE]\n"
				  "       lazybench test --other\n"
				  "What it does.\n"
				  "\n"
				  "  --double X   first line\n"
				  "               second line\n"
				  "  -s, --str S  a string\n"
				  "  -h, --help   this text\n"
				  "The end.\n");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(kinds_store),
	    cmocka_unit_test(mistakes_are_one_line),
	    cmocka_unit_test(help_is_generated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
