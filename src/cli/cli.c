// SPDX-License-Identifier: GPL-2.0
/* The command tables' dispatch (lazybench COMMAND, lazybench kmod ACTION). */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void list(FILE *f, const char *parent, const struct lb_command *table, size_t n)
{
	const char *sp = *parent ? " " : "";
	const char *what = *parent ? "ACTION" : "COMMAND";

	fprintf(f, "usage: lazybench%s%s %s [OPTIONS]   (lazybench%s%s %s --help for details)\n\n",
		sp, parent, what, sp, parent, what);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "  %-10s %s\n", table[i].name, table[i].help);
}

int lb_dispatch(const char *parent, const struct lb_command *table, size_t n, int argc, char **argv)
{
	if (argc < 2) {
		list(stderr, parent, table, n);
		return LB_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		list(stdout, parent, table, n);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		if (!strcmp(argv[1], table[i].name))
			return table[i].fn(argc - 1, argv + 1);
	if (!*parent) {
		fprintf(stderr, "lazybench: unknown command '%s' (see lazybench --help)\n",
			argv[1]);
		return LB_EXIT_USAGE;
	}
	{
		char what[300];

		snprintf(what, sizeof(what), "unknown action '%s'", argv[1]);
		return lb_usage_error(parent, what);
	}
}
