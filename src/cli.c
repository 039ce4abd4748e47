// SPDX-License-Identifier: GPL-2.0
/* Shared command-line helpers. */
#include <stdio.h>

#include "cli.h"

int lb_usage_error(const char *cmd, const char *what)
{
	fprintf(stderr, "lazybench %s: %s (see lazybench %s --help)\n", cmd, what, cmd);
	return LB_EXIT_USAGE;
}
