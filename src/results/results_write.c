// SPDX-License-Identifier: GPL-2.0
/* Serialise a run into results/<run-id>/{run.json,samples.csv}; see docs/results-format.md. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "results.h"

void lb_utc_now(char *buf, size_t len)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void lb_case_id(struct lb_case_result *c)
{
	char batch[32] = "-";

	if (c->batch >= 0)
		snprintf(batch, sizeof(batch), "%ld", c->batch);
	snprintf(c->id, sizeof(c->id), "%s/%s/%s/p%lu/b%s/%s", c->workload,
		 c->variant ? c->variant : "-", lb_mode_name(c->mode), c->pages, batch, c->remote);
}

int lb_results_create_dir(const char *dir, const char *label, char *path, size_t path_len,
			  char *err, size_t err_len)
{
	if (mkdir(dir, 0755) && errno != EEXIST) {
		snprintf(err, err_len, "cannot create results directory %s: %s", dir,
			 strerror(errno));
		return -1;
	}
	if ((size_t)snprintf(path, path_len, "%s/%s", dir, label) >= path_len) {
		snprintf(err, err_len, "results path %s/%s too long", dir, label);
		return -1;
	}
	/* mkdir is the atomic existence check: two runs with one label cannot both win. */
	if (mkdir(path, 0755)) {
		if (errno == EEXIST)
			snprintf(err, err_len,
				 "run '%s' already exists in %s (results are never overwritten; "
				 "choose another --label)",
				 label, dir);
		else
			snprintf(err, err_len, "cannot create %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Integral values as JSON integers, so that nanoseconds read back exactly. */
static json_t *number(double v)
{
	if (isfinite(v) && v == floor(v) && fabs(v) < 9e15)
		return json_integer((json_int_t)v);
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *summary_json(const struct lb_summary *s, unsigned long pages)
{
	return json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:f, s:I, s:o}", "n",
			 (json_int_t)s->n, "median", json_real(s->median), "mean",
			 json_real(s->mean), "stddev", json_real(s->stddev), "min", number(s->min),
			 "max", number(s->max), "mad", json_real(s->mad), "ci_low",
			 json_real(s->ci_low), "ci_high", json_real(s->ci_high), "ci_level",
			 s->ci_level, "n_outliers", (json_int_t)s->n_outliers, "per_page_median",
			 pages ? json_real(s->median / (double)pages) : json_null());
}

static json_t *metric_json(const struct lb_case_result *c, const struct lb_metric_result *m)
{
	json_t *samples = json_array(), *outlier = json_array();
	json_t *o = json_pack("{s:s, s:s}", "name", m->name, "unit", "ns");

	for (size_t r = 0; r < c->reps_done; r++) {
		json_array_append_new(samples, number(m->samples[r]));
		json_array_append_new(outlier, json_boolean(m->outlier[r]));
	}
	json_object_set_new(o, "samples", samples);
	json_object_set_new(o, "outlier", outlier);
	json_object_set_new(o, "summary",
			    c->reps_done ? summary_json(&m->summary, c->pages) : json_null());
	return o;
}

static json_t *counter_json(const struct lb_case_result *c, const struct lb_counter_result *k)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:b}", "event", k->event, "name", k->name, "scope",
			      k->scope, "available", k->available);

	if (k->filter)
		json_object_set_new(o, "filter", json_string(k->filter));
	if (k->available) {
		json_t *v = json_array();

		for (size_t r = 0; r < c->reps_done; r++)
			json_array_append_new(v, json_integer((json_int_t)k->values[r]));
		json_object_set_new(o, "values", v);
		json_object_set_new(o, "scaled", json_boolean(k->scaled));
	} else {
		json_object_set_new(o, "errno", json_string(k->err_name ? k->err_name : "?"));
		json_object_set_new(o, "reason", json_string(k->reason ? k->reason : "unknown"));
	}
	return o;
}

static json_t *case_json(const struct lb_case_result *c)
{
	json_t *metrics = json_array(), *counters = json_array();
	json_t *o = json_pack(
	    "{s:s, s:s, s:s, s:o, s:s, s:I, s:o, s:s, s:i, s:o, s:b, s:I}", "id", c->id, "workload",
	    c->workload, "kind", c->kind == LB_KIND_KERNEL ? "kernel" : "syscall", "variant",
	    c->variant ? json_string(c->variant) : json_null(), "mode", lb_mode_name(c->mode),
	    "pages", (json_int_t)c->pages, "batch",
	    c->batch >= 0 ? json_integer(c->batch) : json_null(), "remote", c->remote, "cpu",
	    c->cpu, "remote_cpu", c->remote_cpu >= 0 ? json_integer(c->remote_cpu) : json_null(),
	    "complete", c->complete, "reps_done", (json_int_t)c->reps_done);

	if (!c->refused) {
		for (unsigned i = 0; i < c->n_metrics; i++)
			json_array_append_new(metrics, metric_json(c, &c->metrics[i]));
		for (size_t i = 0; i < c->n_counters; i++)
			json_array_append_new(counters, counter_json(c, &c->counters[i]));
	}
	json_object_set_new(o, "metrics", metrics);
	json_object_set_new(o, "counters", counters);
	json_object_set(o, "state_check", c->state_check ? c->state_check : json_null());
	json_object_set_new(o, "error",
			    c->failed
				? json_pack("{s:s, s:s}", "errno", c->fail_err ? c->fail_err : "?",
					    "reason", c->fail_reason)
				: json_null());
	json_object_set_new(o, "refused",
			    c->refused ? json_pack("{s:s, s:s}", "errno",
						   c->refused_err ? c->refused_err : "?", "reason",
						   c->refused_reason)
				       : json_null());
	return o;
}

json_t *lb_results_to_json(const struct lb_run *run)
{
	const struct lb_run_settings *s = &run->settings;
	json_t *cases = json_array();
	json_t *settings = json_pack("{s:I, s:I, s:I, s:i, s:b, s:I, s:I, s:f, s:s}", "reps",
				     (json_int_t)s->reps, "warmup", (json_int_t)s->warmup, "rounds",
				     (json_int_t)(s->rounds ? s->rounds : 1), "cpu", s->cpu,
				     "aslr_disabled", s->aslr_disabled, "seed", (json_int_t)s->seed,
				     "bootstrap_resamples", (json_int_t)s->bootstrap_resamples,
				     "ci_level", s->ci_level, "case_order", s->case_order);

	if (s->aslr_reason)
		json_object_set_new(settings, "aslr_reason", json_string(s->aslr_reason));
	if (run->run_order)
		json_object_set(settings, "run_order", run->run_order);
	for (size_t i = 0; i < run->n_cases; i++)
		if (run->cases[i].started)
			json_array_append_new(cases, case_json(&run->cases[i]));
	return json_pack("{s:i, s:{s:s, s:s, s:s}, s:O, s:s, s:s, s:s, s:b, s:o, s:O, s:o}",
			 "schema_version", LB_SCHEMA_VERSION, "tool", "name", "lazybench",
			 "version", LB_VERSION, "git_commit", LB_GIT_COMMIT, "command_line",
			 run->command_line, "label", run->label, "started_at", run->started_at,
			 "finished_at", run->finished_at, "complete", run->complete, "settings",
			 settings, "env", run->env, "cases", cases);
}

/* Write through `emit` into path/name.tmp, fsync, rename to path/name. */
static int write_atomic(const char *path, const char *name, int (*emit)(FILE *, const void *),
			const void *arg, char *err, size_t err_len)
{
	char tmp[4096], final[4096];
	FILE *f;
	int bad;

	snprintf(tmp, sizeof(tmp), "%s/%s.tmp", path, name);
	snprintf(final, sizeof(final), "%s/%s", path, name);
	f = fopen(tmp, "w");
	if (!f) {
		snprintf(err, err_len, "cannot write %s: %s", tmp, strerror(errno));
		return -1;
	}
	bad = emit(f, arg);
	bad |= fflush(f) != 0;
	bad |= fsync(fileno(f)) != 0;
	bad |= fclose(f) != 0;
	if (bad || rename(tmp, final)) {
		snprintf(err, err_len, "cannot write %s: %s", final, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

static int emit_json(FILE *f, const void *arg)
{
	json_t *j = lb_results_to_json(arg);
	int r = j ? json_dumpf(j, f, JSON_INDENT(1) | JSON_REAL_PRECISION(17)) : -1;

	json_decref(j);
	return r != 0 || fputc('\n', f) == EOF;
}

static int emit_csv(FILE *f, const void *arg)
{
	const struct lb_run *run = arg;
	int bad =
	    fprintf(f, "case_id,workload,variant,mode,pages,batch,remote,metric,rep,ns\n") < 0;

	for (size_t i = 0; i < run->n_cases; i++) {
		const struct lb_case_result *c = &run->cases[i];
		char batch[32] = "";

		if (!c->started || c->refused)
			continue;
		if (c->batch >= 0)
			snprintf(batch, sizeof(batch), "%ld", c->batch);
		for (unsigned m = 0; m < c->n_metrics; m++)
			for (size_t r = 0; r < c->reps_done; r++)
				bad |= fprintf(f, "%s,%s,%s,%s,%lu,%s,%s,%s,%zu,%.17g\n", c->id,
					       c->workload, c->variant ? c->variant : "",
					       lb_mode_name(c->mode), c->pages, batch, c->remote,
					       c->metrics[m].name, r, c->metrics[m].samples[r]) < 0;
	}
	return bad;
}

int lb_results_write(const char *path, const struct lb_run *run, char *err, size_t err_len)
{
	if (write_atomic(path, "samples.csv", emit_csv, run, err, err_len))
		return -1;
	/* run.json last: its presence means the directory is whole. */
	return write_atomic(path, "run.json", emit_json, run, err, err_len);
}
