// SPDX-License-Identifier: GPL-2.0
/* `lazybench run`: expand the sweep, run the cases in a seeded shuffled order, write
 * results/<run-id>/ and print the summary table. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "aslr.h"
#include "cli.h"
#include "env.h"
#include "run_case.h"
#include "run_opts.h"
#include "summary.h"

/* A coarser clock cannot time operations that take a microsecond or two. */
#define MAX_CLOCK_RES_NS 1000

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

static void default_label(const struct lb_run_opts *o, char *out, size_t len)
{
	time_t t = time(NULL);
	struct tm tm;
	size_t n;

	gmtime_r(&t, &tm);
	n = strftime(out, len, "%Y%m%d-%H%M%S", &tm);
	for (size_t i = 0; i < o->n_workloads && n + 2 < len; i++)
		n += (size_t)snprintf(out + n, len - n, "%c%s", i ? '+' : '-',
				      o->workloads[i]->name);
}

int cmd_run(int argc, char **argv)
{
	static struct lb_run_opts o;
	char err[512], label[160], path[4096], aslr_reason[256] = "";
	char **exec_argv = calloc((size_t)argc + 2, sizeof(char *));
	struct lb_run run;
	struct lb_progress prog;
	hwloc_topology_t t;
	size_t *order, units = 0;
	long res;
	gsl_rng *rng;
	int r, failures = 0;
	bool aslr_off;

	r = lb_run_parse(argc, argv, &o, err, sizeof(err));
	if (r)
		return r > 0 ? 0 : lb_usage_error("run", err);

	exec_argv[0] = "lazybench";
	memcpy(exec_argv + 1, argv, (size_t)argc * sizeof(char *));
	aslr_off = lb_aslr_disable(exec_argv, aslr_reason, sizeof(aslr_reason));
	if (!aslr_off)
		fprintf(stderr, "lazybench run: warning: ASLR stays on (%s)\n", aslr_reason);

	res = lb_clock_resolution_ns();
	if (res < 0 || res > MAX_CLOCK_RES_NS) {
		fprintf(stderr,
			"lazybench run: CLOCK_MONOTONIC resolution is %ld ns, coarser than %d ns: "
			"cannot time these operations (check the clocksource)\n",
			res, MAX_CLOCK_RES_NS);
		return LB_EXIT_FAIL;
	}
	t = lb_topo_load(err, sizeof(err));
	if (!t) {
		fprintf(stderr, "lazybench run: %s\n", err);
		return LB_EXIT_FAIL;
	}
	if (!lb_topo_has_cpu(t, o.cpu)) {
		snprintf(err, sizeof(err), "--cpu %d: no such CPU usable here (%d PUs)", o.cpu,
			 hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_PU));
		return lb_usage_error("run", err);
	}
	if (!o.label) {
		default_label(&o, label, sizeof(label));
		o.label = label;
	}
	if (lb_results_create_dir(o.results_dir, o.label, path, sizeof(path), err, sizeof(err))) {
		if (strstr(err, "already exists")) {
			char what[600];

			snprintf(what, sizeof(what), "--label %s: %s", o.label, err);
			return lb_usage_error("run", what);
		}
		fprintf(stderr, "lazybench run: %s\n", err);
		return LB_EXIT_FAIL;
	}

	memset(&run, 0, sizeof(run));
	run.command_line = json_array();
	for (int i = 0; exec_argv[i]; i++)
		json_array_append_new(run.command_line, json_string(exec_argv[i]));
	run.label = o.label;
	run.settings = (struct lb_run_settings){
	    o.reps, o.warmup,	 o.cpu, aslr_off,  aslr_off ? NULL : aslr_reason,
	    o.seed, o.resamples, 0.95,	"shuffled"};
	lb_utc_now(run.started_at, sizeof(run.started_at));
	run.env = lb_env_collect(t);
	run.n_cases = lb_run_expand(&o, &run.cases);
	run.run_order = json_array();

	/* Shuffled so that drift (thermal, other tenants) does not line up with a parameter. */
	order = malloc(run.n_cases * sizeof(*order));
	for (size_t i = 0; i < run.n_cases; i++)
		order[i] = i;
	rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, o.seed);
	gsl_ran_shuffle(rng, order, run.n_cases, sizeof(*order));
	gsl_rng_free(rng);
	units = run.n_cases * (o.reps + o.warmup);

	if (lb_topo_bind_self(t, o.cpu, err, sizeof(err))) {
		fprintf(stderr, "lazybench run: %s\n", err);
		/* Nothing ran: do not leave an empty run that blocks its label. */
		rmdir(path);
		return LB_EXIT_FAIL;
	}
	{
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_sigint;
		sa.sa_flags = SA_RESTART;
		sigaction(SIGINT, &sa, NULL);
	}
	lb_progress_init(&prog, o.quiet, run.n_cases, units);
	for (size_t k = 0; k < run.n_cases && !interrupted; k++) {
		struct lb_case_result *c = &run.cases[order[k]];
		size_t before = prog.done_units;

		lb_progress_case(&prog, k + 1, c->id);
		json_array_append_new(run.run_order, json_string(c->id));
		if (lb_run_case(&o, t, c, &prog, &interrupted)) {
			failures++;
			fprintf(stderr, "%slazybench run: case %s failed: %s\n",
				prog.on ? "\n" : "", c->id, c->fail_reason);
		}
		lb_progress_skip(&prog, o.reps + o.warmup - (prog.done_units - before));
	}
	lb_progress_done(&prog);
	lb_utc_now(run.finished_at, sizeof(run.finished_at));
	run.complete = !interrupted && !failures;

	if (lb_results_write(path, &run, err, sizeof(err))) {
		fprintf(stderr, "lazybench run: %s\n", err);
		return LB_EXIT_FAIL;
	}
	if (!o.quiet)
		lb_summary_print(stdout, &run);
	fprintf(stderr, "lazybench run: %s%s written to %s\n",
		interrupted ? "interrupted; completed cases " : "results",
		interrupted ? "(run marked incomplete)" : "", path);

	for (size_t i = 0; i < run.n_cases; i++)
		lb_case_result_free(&run.cases[i]);
	free(run.cases);
	free(order);
	free(exec_argv);
	json_decref(run.env);
	json_decref(run.run_order);
	json_decref(run.command_line);
	hwloc_topology_destroy(t);
	if (interrupted)
		return 130;
	return failures ? LB_EXIT_FAIL : 0;
}
