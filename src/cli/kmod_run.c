// SPDX-License-Identifier: GPL-2.0
/* `lazybench kmod run`: one raw RUN, every timing printed (JSON). */
#include <errno.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kmod_case.h"
#include "kmod_check.h"
#include "kmod_client.h"
#include "kmod_cmd.h"

/* Names of the module's workloads, variants and modes (LB_OPT_CALL). */
static int workload_arg(const char *s, void *dest, char *why, size_t len)
{
	int w = lb_kmod_workload_parse(s);

	*(int *)dest = w;
	if (w < 0) {
		char names[160];

		snprintf(why, len, "unknown workload (%s)",
			 lb_kmod_workload_names(names, sizeof(names)));
	}
	return w < 0 ? -1 : 0;
}

static int variant_arg(const char *s, void *dest, char *why, size_t len)
{
	int v = lb_kmod_variant_parse(s);

	*(int *)dest = v;
	if (v < 0)
		snprintf(why, len, "unknown variant (populate: prealloc, kasan)");
	return v < 0 ? -1 : 0;
}

static int mode_arg(const char *s, void *dest, char *why, size_t len)
{
	int m = lb_kmod_mode_parse(s);

	if (m < 0) {
		snprintf(why, len, "unknown mode (on, off, nested, paused)");
		return -1;
	}
	*(uint32_t *)dest = (uint32_t)m;
	return 0;
}

/* LB_OPT_GO with the case in c, or the exit status. Values are the module's to refuse: only
 * their type is checked here (kmod selftest sends out-of-range ones on purpose). */
static int parse_case(int argc, char **argv, struct lb_kmod_case *c)
{
	int w = -1, v = -1, rc;
	char names[160];
	const struct lb_opt opts[] = {
	    {.name = "workload",
	     .kind = LB_OPT_CALL,
	     .dest = &w,
	     .call = workload_arg,
	     .arg = "W",
	     .help = lb_kmod_workload_names(names, sizeof(names))},
	    {.name = "variant",
	     .kind = LB_OPT_CALL,
	     .dest = &v,
	     .call = variant_arg,
	     .arg = "V",
	     .help = "populate: prealloc (default) or kasan"},
	    {.name = "mode",
	     .kind = LB_OPT_CALL,
	     .dest = &c->mode,
	     .call = mode_arg,
	     .arg = "M",
	     .help = "on (default), off, nested, paused"},
	    {.name = "pages",
	     .kind = LB_OPT_U64,
	     .dest = &c->pages,
	     .arg = "N",
	     .help = "pages per operation (default 512)"},
	    {.name = "batch",
	     .kind = LB_OPT_U64,
	     .dest = &c->batch,
	     .arg = "B",
	     .help = "pages per call of the kernel API, one mode section each (default 0: all "
		     "pages in one call; not PTEs per lazy section, see rep_info)"},
	    {.name = "reps",
	     .kind = LB_OPT_UINT,
	     .dest = &c->reps,
	     .max = UINT32_MAX,
	     .arg = "R",
	     .help = "repetitions (default 5)"},
	    {.name = "warmup",
	     .kind = LB_OPT_UINT,
	     .dest = &c->warmup,
	     .max = UINT32_MAX,
	     .arg = "W",
	     .help = "discarded repetitions first (default 0)"},
	    {.name = "delay-ns",
	     .kind = LB_OPT_UINT,
	     .dest = &c->delay_ns,
	     .max = UINT32_MAX,
	     .arg = "D",
	     .help = "busy-wait inside each section of the mode wrapper, 0..max_delay_ns "
		     "(default 0)"},
	    {0},
	};
	const struct lb_cmd cmd = {
	    .name = "kmod run",
	    .synopsis = "--workload W [--variant V] [--mode M] [--pages N] [--batch B] [--reps R]\n"
			" [--warmup W] [--delay-ns D]",
	    .about = "One raw RUN ioctl of lazybench.ko; every timing printed as JSON.",
	    .opts = opts,
	};

	memset(c, 0, sizeof(*c));
	c->mode = LAZYBENCH_MODE_ON;
	c->pages = 512;
	c->reps = 5;
	if ((rc = lb_opt_parse(&cmd, argc, argv, NULL)) != LB_OPT_GO)
		return rc;
	if (w < 0)
		return lb_usage_error("kmod run", "needs --workload");
	c->workload = (uint32_t)w;
	/* No --variant: the workload's first. */
	for (int i = 0; v < 0 && i < LAZYBENCH_VARIANT_COUNT; i++)
		if (lb_kmod_variant_valid((uint32_t)w, (uint32_t)i))
			v = i;
	c->variant = (uint32_t)v;
	return LB_OPT_GO;
}

/* Timings, per-repetition accounting and checks of the repetitions done. */
static void run_results_json(json_t *o, const struct lb_kmod_case *c, const uint64_t *samples,
			     const struct lazybench_rep *reps, const struct lazybench_run *out)
{
	const struct lb_kmod_wl *w = lb_kmod_wl(c->workload);
	unsigned nm = out->nr_metrics;
	json_t *arr;
	char key[32];

	json_object_set_new(o, "reps_done", json_integer(out->reps_done));
	for (unsigned m = 0; m < nm; m++) {
		arr = json_array();
		for (uint32_t r = 0; r < out->reps_done; r++)
			json_array_append_new(arr, json_integer((json_int_t)samples[r * nm + m]));
		snprintf(key, sizeof(key), "%s_ns", w->metrics[m]);
		json_object_set_new(o, key, arr);
	}
	arr = json_array();
	for (uint32_t r = 0; r < out->reps_done; r++)
		json_array_append_new(arr, lb_kmod_rep_json(&reps[r]));
	json_object_set_new(o, "rep_info", arr);
	json_object_set_new(o, "state_check", lb_kmod_check_json(&out->check, out->reason));
	json_object_set_new(o, "mode_check", lb_kmod_mode_check_json(&out->mode_check));
}

static void on_signal(int sig)
{
	(void)sig;
}

/* SIGINT/SIGTERM interrupt the RUN (EINTR) instead of killing us: its repetitions are kept. */
static void catch_interrupts(void)
{
	struct sigaction sa = {.sa_handler = on_signal}; /* no SA_RESTART */

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

int lb_kmod_cmd_run(int argc, char **argv)
{
	struct lb_kmod_case c;
	struct lazybench_run out;
	uint64_t *samples;
	unsigned nm;
	json_t *o;
	char *s;
	int fd, err, ret = parse_case(argc, argv, &c);

	if (ret != LB_OPT_GO)
		return ret;
	if (!lb_kmod_clock_ok("kmod run"))
		return LB_EXIT_FAIL;
	fd = lb_kmod_open_or_explain("kmod run");
	if (fd < 0)
		return LB_EXIT_FAIL;
	nm = lb_kmod_nr_metrics(c.workload);
	samples = calloc((size_t)c.reps * nm + 1, sizeof(*samples));
	c.rep_info = calloc((size_t)c.reps + 1, sizeof(*c.rep_info));
	if (!samples || !c.rep_info)
		return LB_EXIT_FAIL;
	catch_interrupts();
	err = lb_kmod_run_case(fd, &c, samples, &out);
	o = json_pack("{s:s,s:s?,s:s,s:I,s:I,s:i,s:i}", "workload",
		      lb_kmod_workload_name(c.workload), "variant",
		      c.variant ? lb_kmod_variant_name(c.variant) : NULL, "mode",
		      lb_kmod_mode_name(c.mode), "pages", (json_int_t)c.pages, "batch",
		      (json_int_t)out.batch, "reps", c.reps, "warmup", c.warmup);
	/* EPROTO (a failed check) and EINTR (a signal) still bring the repetitions done. */
	if (!err || err == EPROTO || err == EINTR)
		run_results_json(o, &c, samples, c.rep_info, &out);
	if (err) {
		json_object_set_new(o, "errno", json_string(strerrorname_np(err)));
		json_object_set_new(o, "reason", json_string(out.reason));
	}
	s = json_dumps(o, JSON_INDENT(2));
	puts(s);
	free(s);
	json_decref(o);
	free(samples);
	free(c.rep_info);
	return err ? LB_EXIT_FAIL : 0;
}
