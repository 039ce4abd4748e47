/* SPDX-License-Identifier: GPL-2.0 */
/* Conventions every subcommand follows. */
#ifndef LB_CLI_H
#define LB_CLI_H

/* A wrong flag or value: one-line error naming it, then exit with this. */
#define LB_EXIT_USAGE 2
/* A run or check that could not be done (environment, permissions, missing module). */
#define LB_EXIT_FAIL 1

/* Print "lazybench CMD: WHAT (see lazybench CMD --help)" and return LB_EXIT_USAGE. */
int lb_usage_error(const char *cmd, const char *what);

#endif
