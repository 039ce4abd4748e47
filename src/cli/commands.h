/* SPDX-License-Identifier: GPL-2.0 */
/* Every subcommand's entry point, one per line of commands.def. */
#ifndef LB_COMMANDS_H
#define LB_COMMANDS_H

#define LB_COMMAND(name, help) int cmd_##name(int argc, char **argv);
#include "commands.def"
#undef LB_COMMAND

#endif
