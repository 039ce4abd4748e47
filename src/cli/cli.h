/* SPDX-License-Identifier: GPL-2.0 */
/* Conventions every subcommand follows; options go through the option layer (opt.h). */
#ifndef LB_CLI_H
#define LB_CLI_H

#include <stddef.h>

#include "opt.h"

/* A run or check that could not be done (environment, permissions, missing module). */
#define LB_EXIT_FAIL 1

/* One entry of a command table: `lazybench NAME` or `lazybench kmod NAME`. */
struct lb_command {
	const char *name;
	int (*fn)(int argc, char **argv); /* argv[0] is NAME */
	const char *help;		  /* one line */
};

/*
 * Run the entry argv[1] names, with argv + 1. `parent` is "" for lazybench's own commands or
 * the command the table belongs to ("kmod"). No word: the list on stderr, exit 2; --help: the
 * list on stdout; an unknown word: one-line error, exit 2.
 */
int lb_dispatch(const char *parent, const struct lb_command *table, size_t n, int argc,
		char **argv);

#endif
