/* SPDX-License-Identifier: GPL-2.0 */
/* The actions of `lazybench kmod`, one file each. */
#ifndef LB_KMOD_CMD_H
#define LB_KMOD_CMD_H

#include <stdint.h>

#include "lazybench.h"

int cmd_kmod(int argc, char **argv);
int lb_kmod_cmd_info(int argc, char **argv);
int lb_kmod_cmd_run(int argc, char **argv);
int lb_kmod_cmd_matrix(int argc, char **argv);
int lb_kmod_cmd_task_lazy(int argc, char **argv);
int lb_kmod_cmd_selftest(int argc, char **argv);

/* The module's mode names (same words as the harness's). */
const char *lb_kmod_mode_name(uint32_t mode);
int lb_kmod_mode_parse(const char *s);
/* 1 when CLOCK_MONOTONIC (and so ktime_get_ns) resolves 1 us or better; else says why. */
int lb_kmod_clock_ok(const char *cmd);
/* lb_kmod_fd(), printing the reason on failure; -1 then. */
int lb_kmod_open_or_explain(const char *cmd);

#endif
