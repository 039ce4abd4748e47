// SPDX-License-Identifier: GPL-2.0
/* Shared command-line helpers. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"

int lb_usage_error(const char *cmd, const char *what)
{
	fprintf(stderr, "lazybench %s: %s (see lazybench %s --help)\n", cmd, what, cmd);
	return LB_EXIT_USAGE;
}

int lb_getopt_error(const char *cmd, int c, char **argv)
{
	char err[1024];

	if (c == ':')
		snprintf(err, sizeof(err), "%s needs a value", argv[optind - 1]);
	else
		snprintf(err, sizeof(err), "unknown option '%s'", argv[optind - 1]);
	return lb_usage_error(cmd, err);
}
