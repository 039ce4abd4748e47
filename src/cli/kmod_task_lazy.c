// SPDX-License-Identifier: GPL-2.0
/*
 * `lazybench kmod task-lazy`: TASK_LAZY off/on around an mprotect loop, with every state
 * transition checked: off pauses (pause_count 0 -> 1, INFO agrees), a second off is EALREADY,
 * the pause survives the syscalls, a forked child starts unpaused and has nothing to resume
 * (ENOENT),
 * on resumes, a second on is ENOENT. Prints JSON; exit 1 when a transition is wrong. On kernels
 * that cannot pause (not the nesting API), off must be EOPNOTSUPP.
 */
#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "kmod_client.h"
#include "kmod_cmd.h"

struct expect_log {
	json_t *steps;
	unsigned failed;
};

static void step(struct expect_log *l, const char *name, int want_err, int err,
		 const struct lazybench_task_lazy *t, int want_pause)
{
	bool ok = err == want_err && (want_pause < 0 || t->pause_count == want_pause);

	json_array_append_new(l->steps,
			      json_pack("{s:s,s:s,s:s,s:i,s:i,s:b,s:b}", "step", name, "expected",
					want_err ? strerrorname_np(want_err) : "0", "got",
					err ? strerrorname_np(err) : "0", "pause_count",
					t->pause_count, "enable_count", t->enable_count,
					"paused_by_module", t->paused_by_module, "ok", ok));
	l->failed += !ok;
}

/* The mprotect loop whose PTE updates run with the mode paused; returns ns per toggle. */
static double mprotect_loop(size_t pages, unsigned loops)
{
	size_t len = pages * (size_t)sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct timespec a, b;

	if (p == MAP_FAILED)
		return -1;
	memset(p, 1, len);
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (unsigned i = 0; i < loops; i++)
		mprotect(p, len, i % 2 ? PROT_READ | PROT_WRITE : PROT_READ);
	clock_gettime(CLOCK_MONOTONIC, &b);
	munmap(p, len);
	return ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / loops;
}

/*
 * In a child of the paused task: fork copied pause_count, the module undid it (docs/kmod.md,
 * "TASK_LAZY"): pause_count 0, not paused by the module, on refused with ENOENT.
 */
static int child_checks(int fd)
{
	struct lazybench_task_lazy t;
	int e1 = lb_kmod_task_lazy(fd, LAZYBENCH_TASK_LAZY_QUERY, &t);
	int unpaused = t.pause_count == 0 && !t.paused_by_module;
	int e2 = lb_kmod_task_lazy(fd, LAZYBENCH_TASK_LAZY_ON, &t);

	return !e1 && unpaused && e2 == ENOENT && t.pause_count == 0 ? 0 : 1;
}

int lb_kmod_cmd_task_lazy(int argc, char **argv)
{
	struct expect_log l = {json_array(), 0};
	struct lazybench_task_lazy t;
	struct lazybench_info info;
	char reason[256];
	unsigned long pages = 256;
	unsigned loops = 200;
	const struct lb_opt opts[] = {
	    {.name = "pages",
	     .kind = LB_OPT_ULONG,
	     .dest = &pages,
	     .min = 1,
	     .max = 1ul << 22,
	     .arg = "N",
	     .help = "pages mprotect()ed per loop (default 256)"},
	    {.name = "loops",
	     .kind = LB_OPT_UINT,
	     .dest = &loops,
	     .min = 1,
	     .arg = "L",
	     .help = "mprotect loops timed with the task paused and not (default 200)"},
	    {0},
	};
	const struct lb_cmd cmd = {
	    .name = "kmod task-lazy",
	    .synopsis = "[--pages N] [--loops L]",
	    .about =
		"TASK_LAZY of lazybench.ko around an mprotect loop: every step checked, as JSON.",
	    .opts = opts,
	};
	double ns_off, ns_on;
	int fd, err, status;
	pid_t pid;
	json_t *o;
	char *s;

	if ((fd = lb_opt_parse(&cmd, argc, argv, NULL)) != LB_OPT_GO)
		return fd;
	fd = lb_kmod_open_or_explain("kmod task-lazy");
	if (fd < 0 || lb_kmod_info(fd, &info, reason, sizeof(reason)))
		return LB_EXIT_FAIL;
	o = json_object();
	err = lb_kmod_task_lazy(fd, LAZYBENCH_TASK_LAZY_QUERY, &t);
	step(&l, "query before", 0, err, &t, (info.flags & LAZYBENCH_INFO_TASK_STATE) ? 0 : -1);
	err = lb_kmod_task_lazy(fd, LAZYBENCH_TASK_LAZY_OFF, &t);
	if (info.generation != LAZYBENCH_GEN_NESTING ||
	    !(info.flags & LAZYBENCH_INFO_STATE_CHECK)) {
		step(&l, "off refused here", EOPNOTSUPP, err, &t, -1);
		json_object_set_new(o, "reason", json_string(t.reason));
		goto out;
	}
	step(&l, "off", 0, err, &t, 1);
	lb_kmod_info(fd, &info, reason, sizeof(reason));
	json_array_append_new(l.steps,
			      json_pack("{s:s,s:i,s:b,s:b}", "step", "info while off",
					"pause_count", info.task_pause_count, "paused_by_module",
					info.task_paused_by_module, "ok",
					info.task_pause_count == 1 && info.task_paused_by_module));
	l.failed += !(info.task_pause_count == 1 && info.task_paused_by_module);
	err = lb_kmod_task_lazy(fd, LAZYBENCH_TASK_LAZY_OFF, &t);
	step(&l, "off again", EALREADY, err, &t, 1);
	ns_off = mprotect_loop(pages, loops);
	err = lb_kmod_task_lazy(fd, LAZYBENCH_TASK_LAZY_QUERY, &t);
	step(&l, "after mprotect loop", 0, err, &t, 1);
	pid = fork();
	if (pid == 0)
		_exit(child_checks(fd));
	status = -1;
	if (pid > 0)
		waitpid(pid, &status, 0);
	json_array_append_new(l.steps, json_pack("{s:s,s:b}", "step",
						 "forked child starts unpaused, on is ENOENT", "ok",
						 WIFEXITED(status) && WEXITSTATUS(status) == 0));
	l.failed += !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	err = lb_kmod_task_lazy(fd, LAZYBENCH_TASK_LAZY_ON, &t);
	step(&l, "on", 0, err, &t, 0);
	err = lb_kmod_task_lazy(fd, LAZYBENCH_TASK_LAZY_ON, &t);
	step(&l, "on again", ENOENT, err, &t, 0);
	ns_on = mprotect_loop(pages, loops);
	json_object_set_new(o, "mprotect_ns_per_toggle",
			    json_pack("{s:f,s:f,s:I,s:i}", "off", ns_off, "on", ns_on, "pages",
				      (json_int_t)pages, "loops", loops));
out:
	json_object_set_new(o, "steps", l.steps);
	json_object_set_new(o, "failed", json_integer(l.failed));
	s = json_dumps(o, JSON_INDENT(2));
	puts(s);
	free(s);
	json_decref(o);
	return l.failed ? LB_EXIT_FAIL : 0;
}
