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
#include "clock_check.h"
#include "counters.h"
#include "env.h"
#include "env_parse.h"
#include "run_case.h"
#include "run_opts.h"
#include "run_replicates.h"
#include "summary.h"

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

int lb_run_make_dir(struct lb_run_opts *o, char *label, size_t label_len, char *path,
		    size_t path_len)
{
	char err[512];
	int rc;

	if (!o->label) {
		/*
		 * The default id is the start second and the workloads; runs started in the same
		 * second (a script looping over kernels) get -2, -3, ...: mkdir decides who wins.
		 */
		size_t n;

		default_label(o, label, label_len);
		n = strlen(label);
		o->label = label;
		for (unsigned k = 2; k < 1000; k++) {
			rc = lb_results_create_dir(o->results_dir, label, path, path_len, err,
						   sizeof(err));
			if (rc != EEXIST)
				break;
			snprintf(label + n, label_len - n, "-%u", k);
		}
	} else {
		rc = lb_results_create_dir(o->results_dir, o->label, path, path_len, err,
					   sizeof(err));
	}
	if (rc) {
		if (rc == EEXIST) {
			char what[600];

			snprintf(what, sizeof(what), "--label %s: %s", o->label, err);
			return lb_usage_error("run", what);
		}
		fprintf(stderr, "lazybench run: %s\n", err);
		return LB_EXIT_FAIL;
	}
	return 0;
}

/* Everything after the checks: one results directory, the cases, the files, the table. */
static int run_cases(struct lb_run_opts *o, char **exec_argv, hwloc_topology_t t, bool aslr_off,
		     const char *aslr_reason)
{
	char err[512], label[160], path[4096];
	struct lb_run run;
	struct lb_progress prog;
	size_t *order;
	gsl_rng *rng;
	int rc = 0, failures = 0;

	rc = lb_run_make_dir(o, label, sizeof(label), path, sizeof(path));
	if (rc)
		return rc;
	if (lb_topo_bind_self(t, o->cpu, err, sizeof(err))) {
		fprintf(stderr, "lazybench run: %s\n", err);
		/* Nothing ran: do not leave an empty run that blocks its label. */
		rmdir(path);
		return LB_EXIT_FAIL;
	}

	memset(&run, 0, sizeof(run));
	run.command_line = json_array();
	for (int i = 0; exec_argv[i]; i++)
		json_array_append_new(run.command_line, json_string(exec_argv[i]));
	run.label = o->label;
	run.settings = (struct lb_run_settings){
	    o->reps, o->warmup,	   o->cpu, aslr_off,   aslr_off ? NULL : aslr_reason,
	    o->seed, o->resamples, 0.95,   "shuffled", o->rounds};
	lb_utc_now(run.started_at, sizeof(run.started_at));
	run.env = lb_env_collect(t);
	run.n_cases = lb_run_expand(o, &run.cases);
	run.run_order = json_array();

	/* Shuffled so that drift (thermal, other tenants) does not line up with a parameter; with
	 * --rounds K, K passes each in a fresh shuffle spread the drift over every case. */
	order = malloc((run.n_cases ? run.n_cases : 1) * sizeof(*order));
	rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, o->seed);

	{
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_sigint;
		sa.sa_flags = SA_RESTART;
		sigaction(SIGINT, &sa, NULL);
	}
	lb_progress_init(&prog, o->quiet, run.n_cases,
			 run.n_cases * ((size_t)o->rounds * o->warmup + o->reps));
	for (unsigned round = 0; round < o->rounds && !interrupted; round++) {
		unsigned chunk = lb_run_chunk(o, round);

		for (size_t i = 0; i < run.n_cases; i++)
			order[i] = i;
		gsl_ran_shuffle(rng, order, run.n_cases, sizeof(*order));
		for (size_t k = 0; k < run.n_cases && !interrupted; k++) {
			struct lb_case_result *c = &run.cases[order[k]];
			size_t before = prog.done_units;
			bool skipped = c->refused || c->failed;

			lb_progress_case(&prog, round + 1, o->rounds, k + 1, c->id);
			if (o->rounds > 1) {
				char visit[sizeof(c->id) + 16];

				snprintf(visit, sizeof(visit), "%s#%u", c->id, round + 1);
				if (!skipped)
					json_array_append_new(run.run_order, json_string(visit));
			} else {
				json_array_append_new(run.run_order, json_string(c->id));
			}
			if (lb_run_case_visit(o, t, c, round + 1, chunk, &prog, &interrupted)) {
				failures++;
				fprintf(stderr, "%slazybench run: case %s failed: %s\n",
					prog.on ? "\n" : "", c->id, c->fail_reason);
			}
			lb_progress_skip(&prog, o->warmup + chunk - (prog.done_units - before));
		}
	}
	gsl_rng_free(rng);
	for (size_t i = 0; i < run.n_cases; i++)
		lb_run_case_finish(o, &run.cases[i]);
	lb_progress_done(&prog);
	lb_utc_now(run.finished_at, sizeof(run.finished_at));
	run.complete = !interrupted && !failures;

	if (lb_results_write(path, &run, err, sizeof(err))) {
		fprintf(stderr, "lazybench run: %s\n", err);
		rc = LB_EXIT_FAIL;
	} else {
		/* The summary (its last line names the results) is printed with -q too. */
		lb_summary_print(stdout, &run, path);
		if (interrupted)
			fprintf(stderr,
				"lazybench run: interrupted; completed cases written to %s (run "
				"marked incomplete)\n",
				path);
		rc = interrupted ? 130 : failures ? LB_EXIT_FAIL : 0;
	}
	for (size_t i = 0; i < run.n_cases; i++)
		lb_case_result_free(&run.cases[i]);
	free(run.cases);
	free(order);
	json_decref(run.env);
	json_decref(run.run_order);
	json_decref(run.command_line);
	return rc;
}

/* ASLR, clock and topology checks, then the cases. */
static int run_checked(struct lb_run_opts *o, char **exec_argv)
{
	char err[512], aslr_reason[256] = "", clocksource[64];
	hwloc_topology_t t;
	bool aslr_off;
	long res;
	int rc;

	/* May re-exec: say nothing before it, or it would be said twice. */
	aslr_off = lb_aslr_disable(exec_argv, aslr_reason, sizeof(aslr_reason));
	/* Replicates 2..K of run --runs K: the first one said the notes and warnings. */
	if (getenv("LAZYBENCH_REPLICATE") && strcmp(getenv("LAZYBENCH_REPLICATE"), "1"))
		o->quiet_notes = true;
	if (!aslr_off && !o->quiet && !o->quiet_notes)
		fprintf(stderr, "lazybench run: warning: ASLR stays on (%s)\n", aslr_reason);
	if (o->batch_partly_unused && !o->quiet && !o->quiet_notes) {
		char none[200];

		lb_run_batchless(o, none, sizeof(none));
		fprintf(stderr,
			"lazybench run: note: --batch applies to workloads with a batch only: "
			"%s run without it and record batch null\n",
			none);
	}
	if (geteuid() != 0 && !o->quiet && !o->quiet_notes) {
		char paranoid[16] = "?";

		lb_read_line("/proc/sys/kernel/perf_event_paranoid", paranoid, sizeof(paranoid));
		fprintf(stderr,
			"lazybench run: warning: not running as root: tracepoints (tlb_flush, ipi) "
			"need tracefs and perf_event_paranoid is %s, so most counters will be n/a "
			"(each with its reason in run.json)\n",
			paranoid);
	}
	res = lb_clock_resolution_ns();
	if (lb_read_line("/sys/devices/system/clocksource/clocksource0/current_clocksource",
			 clocksource, sizeof(clocksource)))
		snprintf(clocksource, sizeof(clocksource), "unknown");
	if (lb_clock_check(res, clocksource, err, sizeof(err))) {
		fprintf(stderr, "lazybench run: %s\n", err);
		return LB_EXIT_FAIL;
	}
	t = lb_topo_load(err, sizeof(err));
	if (!t) {
		fprintf(stderr, "lazybench run: %s\n", err);
		return LB_EXIT_FAIL;
	}
	if (!lb_topo_has_cpu(t, o->cpu)) {
		snprintf(err, sizeof(err), "--cpu %d: no such CPU usable here (%d PUs)", o->cpu,
			 hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_PU));
		rc = lb_usage_error("run", err);
	} else {
		rc = run_cases(o, exec_argv, t, aslr_off, aslr_reason);
	}
	hwloc_topology_destroy(t);
	return rc;
}

int cmd_run(int argc, char **argv)
{
	static struct lb_run_opts o;
	char err[512], **exec_argv;
	int r = lb_run_parse(argc, argv, &o, err, sizeof(err));

	if (r)
		return r > 0 ? 0 : lb_usage_error("run", err);
	/* --events names (after the defaults) that no event source knows are usage errors. */
	{
		static struct lb_event_spec defaults[LB_LIST_MAX];
		size_t n_def = lb_event_defaults(defaults, LB_LIST_MAX);

		for (size_t i = n_def; i < o.n_events; i++)
			if (lb_event_check_known(&o.events[i], err, sizeof(err)))
				return lb_usage_error("run", err);
	}
	if (o.runs > 1)
		return lb_run_replicates(&o, argc, argv);
	/* The command line as run.json records it, and as the ASLR re-exec repeats it. */
	exec_argv = calloc((size_t)argc + 2, sizeof(char *));
	if (!exec_argv)
		return LB_EXIT_FAIL;
	exec_argv[0] = "lazybench";
	memcpy(exec_argv + 1, argv, (size_t)argc * sizeof(char *));
	r = run_checked(&o, exec_argv);
	free(exec_argv);
	return r;
}
