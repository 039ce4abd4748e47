// SPDX-License-Identifier: GPL-2.0
/*
 * `lazybench kmod`: the kernel module by hand. info (what this kernel allows), run (one raw
 * RUN), matrix (every workload x variant x mode, ran or refused), task-lazy (TASK_LAZY around
 * an mprotect loop) and selftest (bad input for every ioctl field). The VM tests drive these.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "kmod_client.h"
#include "kmod_cmd.h"

static const char *const mode_names[LAZYBENCH_MODE_COUNT] = {"on", "off", "nested", "paused"};

const char *lb_kmod_mode_name(uint32_t mode)
{
	return mode < LAZYBENCH_MODE_COUNT ? mode_names[mode] : "?";
}

int lb_kmod_mode_parse(const char *s)
{
	for (int i = 0; i < LAZYBENCH_MODE_COUNT; i++)
		if (!strcmp(s, mode_names[i]))
			return i;
	return -1;
}

int lb_kmod_clock_ok(const char *cmd)
{
	struct timespec res;

	/* The module times with ktime_get_ns(), on the same clocksource as CLOCK_MONOTONIC. */
	if (clock_getres(CLOCK_MONOTONIC, &res) || res.tv_sec || res.tv_nsec > 1000) {
		fprintf(stderr,
			"lazybench %s: CLOCK_MONOTONIC resolution is %ld ns (a jiffies "
			"clocksource?): the module's timings would be 0; wait for a real "
			"clocksource\n",
			cmd, (long)res.tv_nsec);
		return 0;
	}
	return 1;
}

int lb_kmod_open_or_explain(const char *cmd)
{
	char reason[512];
	int err = 0;
	int fd = lb_kmod_fd(&err, reason, sizeof(reason));

	if (fd < 0)
		fprintf(stderr, "lazybench %s: %s\n", cmd, reason);
	return fd;
}

static const struct lb_command actions[] = {
    {"info", lb_kmod_cmd_info, "what this kernel allows (--json: as JSON)"},
    {"run", lb_kmod_cmd_run, "one raw RUN, every timing printed (JSON)"},
    {"matrix", lb_kmod_cmd_matrix, "every workload x variant x mode, ran or refused"},
    {"task-lazy", lb_kmod_cmd_task_lazy, "TASK_LAZY around an mprotect loop"},
    {"selftest", lb_kmod_cmd_selftest, "bad input for every ioctl field"},
};

int cmd_kmod(int argc, char **argv)
{
	return lb_dispatch("kmod", actions, sizeof(actions) / sizeof(actions[0]), argc, argv);
}
