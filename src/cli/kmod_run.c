// SPDX-License-Identifier: GPL-2.0
/* `lazybench kmod run`: one raw RUN, every timing printed (JSON). */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kmod_case.h"
#include "kmod_check.h"
#include "kmod_client.h"
#include "kmod_cmd.h"

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 0);
	return errno || *end || !*s || *s == '-' ? -1 : 0;
}

static int parse_case(int argc, char **argv, struct lb_kmod_case *c)
{
	static const struct option opts[] = {
	    {"workload", required_argument, NULL, 'w'},
	    {"variant", required_argument, NULL, 'v'},
	    {"mode", required_argument, NULL, 'm'},
	    {"pages", required_argument, NULL, 'p'},
	    {"batch", required_argument, NULL, 'b'},
	    {"reps", required_argument, NULL, 'r'},
	    {"warmup", required_argument, NULL, 'u'},
	    {"delay-ns", required_argument, NULL, 'd'},
	    {NULL, 0, NULL, 0},
	};
	uint64_t n;
	int o, w = -1, v = -1, m = LAZYBENCH_MODE_ON;

	memset(c, 0, sizeof(*c));
	c->pages = 512;
	c->reps = 5;
	optind = 1;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'w':
			if ((w = lb_kmod_workload_parse(optarg)) < 0)
				return lb_usage_error("kmod", "unknown --workload");
			break;
		case 'v':
			if ((v = lb_kmod_variant_parse(optarg)) < 0)
				return lb_usage_error("kmod", "unknown --variant");
			break;
		case 'm':
			if ((m = lb_kmod_mode_parse(optarg)) < 0)
				return lb_usage_error("kmod", "unknown --mode");
			break;
		case 'p':
		case 'b':
		case 'r':
		case 'u':
		case 'd':
			if (parse_u64(optarg, &n))
				return lb_usage_error("kmod",
						      "numbers must be non-negative integers");
			if (o == 'p')
				c->pages = n;
			else if (o == 'b')
				c->batch = n;
			else if (o == 'r')
				c->reps = (uint32_t)n;
			else if (o == 'u')
				c->warmup = (uint32_t)n;
			else
				c->delay_ns = (uint32_t)n;
			break;
		default:
			return LB_EXIT_USAGE;
		}
	}
	if (w < 0)
		return lb_usage_error("kmod", "run needs --workload");
	c->workload = (uint32_t)w;
	c->mode = (uint32_t)m;
	if (v < 0)
		v = w == LAZYBENCH_WL_POPULATE ? LAZYBENCH_VARIANT_PREALLOC
					       : LAZYBENCH_VARIANT_NONE;
	c->variant = (uint32_t)v;
	return 0;
}

int lb_kmod_cmd_run(int argc, char **argv)
{
	struct lb_kmod_case c;
	struct lazybench_run out;
	uint64_t *samples;
	unsigned nm;
	json_t *o, *arr;
	char *s;
	int fd, err, ret = parse_case(argc, argv, &c);

	if (ret)
		return ret;
	if (!lb_kmod_clock_ok("kmod run"))
		return LB_EXIT_FAIL;
	fd = lb_kmod_open_or_explain("kmod run");
	if (fd < 0)
		return LB_EXIT_FAIL;
	nm = lb_kmod_nr_metrics(c.workload);
	samples = calloc((size_t)c.reps * nm + 1, sizeof(*samples));
	if (!samples)
		return LB_EXIT_FAIL;
	err = lb_kmod_run_case(fd, &c, samples, &out);
	o = json_pack("{s:s,s:s?,s:s,s:I,s:I,s:i}", "workload", lb_kmod_workload_name(c.workload),
		      "variant", c.variant ? lb_kmod_variant_name(c.variant) : NULL, "mode",
		      lb_kmod_mode_name(c.mode), "pages", (json_int_t)c.pages, "batch",
		      (json_int_t)out.batch, "reps", c.reps);
	if (err && err != EPROTO) {
		json_object_set_new(o, "errno", json_string(strerrorname_np(err)));
		json_object_set_new(o, "reason", json_string(out.reason));
	} else {
		for (unsigned m = 0; m < nm; m++) {
			arr = json_array();
			for (uint32_t r = 0; r < c.reps; r++)
				json_array_append_new(
				    arr, json_integer((json_int_t)samples[r * nm + m]));
			json_object_set_new(o, nm == 1 ? "ns" : (m ? "unmap_ns" : "map_ns"), arr);
		}
		json_object_set_new(o, "state_check", lb_kmod_check_json(&out.check, out.reason));
		if (err)
			json_object_set_new(o, "errno", json_string(strerrorname_np(err)));
	}
	s = json_dumps(o, JSON_INDENT(2));
	puts(s);
	free(s);
	json_decref(o);
	free(samples);
	return err ? LB_EXIT_FAIL : 0;
}
