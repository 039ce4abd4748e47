// SPDX-License-Identifier: GPL-2.0
/* lazybench: dispatch to one subcommand. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

#include "commands.h"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
};

static const struct command commands[] = {
#define LB_COMMAND(name, help) {#name, cmd_##name, help},
#include "commands.def"
#undef LB_COMMAND
    {NULL, NULL, NULL},
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: lazybench COMMAND [OPTIONS]   (lazybench COMMAND --help for details)\n\n");
	for (size_t i = 0; commands[i].name; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return LB_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("lazybench %s (%s)\n", LB_VERSION, LB_GIT_COMMIT);
		return 0;
	}
	for (size_t i = 0; commands[i].name; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "lazybench: unknown command '%s' (see lazybench --help)\n", argv[1]);
	return LB_EXIT_USAGE;
}
