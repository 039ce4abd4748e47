// SPDX-License-Identifier: GPL-2.0
/* lazybench: dispatch to one subcommand. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

static const struct lb_command commands[] = {
#define LB_COMMAND(name, help) {#name, cmd_##name, help},
#include "commands.def"
#undef LB_COMMAND
};

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--version")) {
		printf("lazybench %s (%s)\n", LB_VERSION, LB_GIT_COMMIT);
		return 0;
	}
	return lb_dispatch("", commands, sizeof(commands) / sizeof(commands[0]), argc, argv);
}
