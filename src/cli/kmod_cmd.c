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

static void usage(FILE *f)
{
	fprintf(f, "usage: lazybench kmod info [--json]\n"
		   "       lazybench kmod run --workload W [--variant V] [--mode M] [--pages N]\n"
		   "                          [--batch B] [--reps R] [--warmup W] [--delay-ns D]\n"
		   "       lazybench kmod matrix [--pages N] [--batch B] [--reps R]\n"
		   "       lazybench kmod task-lazy [--pages N] [--loops L]\n"
		   "       lazybench kmod selftest\n"
		   "workloads: vmalloc vmap vm_map_ram populate depopulate zap kasan;\n"
		   "variants (populate): prealloc kasan; modes: on off nested paused\n");
}

int cmd_kmod(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return LB_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "info"))
		return lb_kmod_cmd_info(argc - 1, argv + 1);
	if (!strcmp(argv[1], "run"))
		return lb_kmod_cmd_run(argc - 1, argv + 1);
	if (!strcmp(argv[1], "matrix"))
		return lb_kmod_cmd_matrix(argc - 1, argv + 1);
	if (!strcmp(argv[1], "task-lazy"))
		return lb_kmod_cmd_task_lazy(argc - 1, argv + 1);
	if (!strcmp(argv[1], "selftest"))
		return lb_kmod_cmd_selftest(argc - 1, argv + 1);
	return lb_usage_error("kmod", "unknown action (info, run, matrix, task-lazy, selftest)");
}
