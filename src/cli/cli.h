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

/*
 * The error case of a getopt_long loop run with opterr = 0 and a leading ':' in
 * optstring: C is what getopt_long returned (':' or anything unrecognised) and
 * argv[optind - 1] is the offending word. Prints "lazybench CMD: ARG needs a value"
 * for ':' and "lazybench CMD: unknown option 'ARG'" otherwise, each followed by
 * " (see lazybench CMD --help)", and returns LB_EXIT_USAGE.
 */
int lb_getopt_error(const char *cmd, int c, char **argv);

#endif
