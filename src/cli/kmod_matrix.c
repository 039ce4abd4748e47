// SPDX-License-Identifier: GPL-2.0
/*
 * `lazybench kmod matrix`: every workload x variant x mode once, as JSON lines. A case either
 * ran (with how many timings came back, whether all were positive, the state check) or was
 * refused (errno + reason). The VM tests compare this table with what each arch must give.
 * Exit 1 when a case failed in any other way: a run error, a non-positive timing, a failed
 * state check.
 */
#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kmod_case.h"
#include "kmod_check.h"
#include "kmod_client.h"
#include "kmod_cmd.h"

/* One case; prints its JSON line and returns false when it failed. */
static bool matrix_case(int fd, struct lb_kmod_case *c)
{
	unsigned nm = lb_kmod_nr_metrics(c->workload);
	uint64_t *samples = calloc((size_t)c->reps * nm, sizeof(*samples));
	struct lazybench_run out;
	size_t positive = 0;
	bool ok;
	json_t *o;
	char *s;
	int err;

	if (!samples)
		return false;
	err = lb_kmod_run_case(fd, c, samples, &out);
	o = json_pack("{s:s,s:s?,s:s}", "workload", lb_kmod_workload_name(c->workload), "variant",
		      c->variant ? lb_kmod_variant_name(c->variant) : NULL, "mode",
		      lb_kmod_mode_name(c->mode));
	if (err == EOPNOTSUPP) {
		json_object_set_new(o, "result", json_string("refused"));
		ok = true;
	} else if (err && err != EPROTO) {
		json_object_set_new(o, "result", json_string("error"));
		ok = false;
	} else {
		for (size_t i = 0; i < (size_t)c->reps * nm; i++)
			positive += samples[i] > 0;
		json_object_set_new(o, "result", json_string("ran"));
		json_object_set_new(o, "timings", json_integer((json_int_t)c->reps * nm));
		json_object_set_new(o, "positive", json_integer((json_int_t)positive));
		json_object_set_new(o, "check", json_string(lb_kmod_check_name(out.check.result)));
		json_object_set_new(o, "state_check", lb_kmod_check_json(&out.check, out.reason));
		json_object_set_new(o, "mode_check", lb_kmod_mode_check_json(&out.mode_check));
		ok = !err && positive == (size_t)c->reps * nm &&
		     out.check.result != LAZYBENCH_CHECK_FAILED &&
		     out.mode_check.result != LAZYBENCH_CHECK_FAILED;
	}
	if (err) {
		json_object_set_new(o, "errno", json_string(strerrorname_np(err)));
		json_object_set_new(o, "reason", json_string(out.reason));
	}
	s = json_dumps(o, JSON_COMPACT);
	puts(s);
	fflush(stdout);
	free(s);
	json_decref(o);
	free(samples);
	return ok;
}

int lb_kmod_cmd_matrix(int argc, char **argv)
{
	struct lb_kmod_case c = {.pages = 64, .batch = 16, .reps = 3, .warmup = 1};
	const struct lb_opt opts[] = {
	    {.name = "pages",
	     .kind = LB_OPT_U64,
	     .dest = &c.pages,
	     .min = 1,
	     .arg = "N",
	     .help = "pages per operation (default 64)"},
	    {.name = "batch",
	     .kind = LB_OPT_U64,
	     .dest = &c.batch,
	     .min = 1,
	     .arg = "B",
	     .help = "pages per call of the kernel API (default 16)"},
	    {.name = "reps",
	     .kind = LB_OPT_UINT,
	     .dest = &c.reps,
	     .min = 1,
	     .max = UINT32_MAX,
	     .arg = "R",
	     .help = "repetitions per case (default 3)"},
	    {0},
	};
	const struct lb_cmd cmd = {
	    .name = "kmod matrix",
	    .synopsis = "[--pages N] [--batch B] [--reps R]",
	    .about = "Every workload x variant x mode of lazybench.ko, ran or refused with the\n"
		     "reason, one JSON line each.",
	    .opts = opts,
	};
	unsigned failed = 0;
	int fd, rc;

	if ((rc = lb_opt_parse(&cmd, argc, argv, NULL)) != LB_OPT_GO)
		return rc;
	if (!lb_kmod_clock_ok("kmod matrix"))
		return LB_EXIT_FAIL;
	fd = lb_kmod_open_or_explain("kmod matrix");
	if (fd < 0)
		return LB_EXIT_FAIL;
	for (c.workload = 0; c.workload < LAZYBENCH_WL_COUNT; c.workload++) {
		for (c.variant = 0; c.variant < LAZYBENCH_VARIANT_COUNT; c.variant++) {
			if (!lb_kmod_variant_valid(c.workload, c.variant))
				continue;
			for (c.mode = 0; c.mode < LAZYBENCH_MODE_COUNT; c.mode++)
				failed += !matrix_case(fd, &c);
		}
	}
	if (failed)
		fprintf(stderr, "lazybench kmod matrix: %u case(s) failed\n", failed);
	return failed ? LB_EXIT_FAIL : 0;
}
