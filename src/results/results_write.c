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
	int e;

	if (mkdir(dir, 0755) && errno != EEXIST) {
		e = errno;
		snprintf(err, err_len, "cannot create results directory %s: %s", dir, strerror(e));
		return e;
	}
	if ((size_t)snprintf(path, path_len, "%s/%s", dir, label) >= path_len) {
		snprintf(err, err_len, "results path %s/%s too long", dir, label);
		return ENAMETOOLONG;
	}
	/* mkdir is the atomic existence check: two runs with one label cannot both win. */
	if (mkdir(path, 0755)) {
		e = errno;
		if (e == EEXIST)
			snprintf(err, err_len,
				 "run '%s' already exists in %s (results are never overwritten; "
				 "choose another --label)",
				 label, dir);
		else
			snprintf(err, err_len, "cannot create %s: %s", path, strerror(e));
		return e;
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

json_t *lb_results_summary_json(const struct lb_summary *s, unsigned long pages)
{
	return json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:f, s:I, s:o}", LB_K_N,
			 (json_int_t)s->n, LB_K_MEDIAN, json_real(s->median), LB_K_MEAN,
			 json_real(s->mean), LB_K_STDDEV, json_real(s->stddev), LB_K_MIN,
			 number(s->min), LB_K_MAX, number(s->max), LB_K_MAD, json_real(s->mad),
			 LB_K_CI_LOW, json_real(s->ci_low), LB_K_CI_HIGH, json_real(s->ci_high),
			 LB_K_CI_LEVEL, s->ci_level, LB_K_N_OUTLIERS, (json_int_t)s->n_outliers,
			 LB_K_PER_PAGE_MEDIAN,
			 pages ? json_real(s->median / (double)pages) : json_null());
}

static json_t *metric_json(const struct lb_case_result *c, const struct lb_metric_result *m)
{
	json_t *samples = json_array(), *outlier = json_array();
	json_t *o = json_pack("{s:s, s:s}", LB_K_NAME, m->name, LB_K_UNIT, LB_UNIT_NS);

	for (size_t r = 0; r < c->reps_done; r++) {
		json_array_append_new(samples, number(m->samples[r]));
		json_array_append_new(outlier, json_boolean(m->outlier[r]));
	}
	json_object_set_new(o, LB_K_SAMPLES, samples);
	json_object_set_new(o, LB_K_OUTLIER, outlier);
	if (m->effect)
		json_object_set_new(o, LB_K_EFFECT, json_string(m->effect));
	json_object_set_new(o, LB_K_SUMMARY,
			    c->reps_done ? lb_results_summary_json(&m->summary, c->pages)
					 : json_null());
	return o;
}

static json_t *counter_json(const struct lb_case_result *c, const struct lb_counter_result *k)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:b}", LB_K_EVENT, k->event, LB_K_NAME, k->name,
			      LB_K_SCOPE, k->scope, LB_K_AVAILABLE, k->available);

	if (k->filter)
		json_object_set_new(o, LB_K_FILTER, json_string(k->filter));
	if (k->available) {
		json_t *v = json_array();

		for (size_t r = 0; r < c->reps_done; r++)
			json_array_append_new(v, json_integer((json_int_t)k->values[r]));
		json_object_set_new(o, LB_K_VALUES, v);
		json_object_set_new(o, LB_K_SCALED, json_boolean(k->scaled));
	} else {
		json_object_set_new(o, LB_K_ERRNO, json_string(k->err_name ? k->err_name : "?"));
		json_object_set_new(o, LB_K_REASON, json_string(k->reason ? k->reason : "unknown"));
	}
	return o;
}

static json_t *case_json(const struct lb_case_result *c)
{
	json_t *metrics = json_array(), *counters = json_array();
	json_t *o = json_pack(
	    "{s:s, s:s, s:s, s:o, s:s, s:I, s:o, s:s, s:i, s:o, s:b, s:I}", LB_K_ID, c->id,
	    LB_K_WORKLOAD, c->workload, LB_K_KIND, c->kind == LB_KIND_KERNEL ? "kernel" : "syscall",
	    LB_K_VARIANT, c->variant ? json_string(c->variant) : json_null(), LB_K_MODE,
	    lb_mode_name(c->mode), LB_K_PAGES, (json_int_t)c->pages, LB_K_BATCH,
	    c->batch >= 0 ? json_integer(c->batch) : json_null(), LB_K_REMOTE, c->remote, LB_K_CPU,
	    c->cpu, LB_K_REMOTE_CPU, c->remote_cpu >= 0 ? json_integer(c->remote_cpu) : json_null(),
	    LB_K_COMPLETE, c->complete, LB_K_REPS_DONE, (json_int_t)c->reps_done);

	if (!c->refused) {
		for (unsigned i = 0; i < c->n_metrics; i++)
			json_array_append_new(metrics, metric_json(c, &c->metrics[i]));
		for (size_t i = 0; i < c->n_counters; i++)
			json_array_append_new(counters, counter_json(c, &c->counters[i]));
	}
	if (c->delay_ns)
		json_object_set_new(o, LB_K_DELAY_NS, json_integer(c->delay_ns));
	json_object_set_new(o, LB_K_METRICS, metrics);
	json_object_set_new(o, LB_K_COUNTERS, counters);
	json_object_set(o, LB_K_STATE_CHECK, c->state_check ? c->state_check : json_null());
	if (c->kernel)
		json_object_set(o, LB_K_KERNEL, c->kernel);
	json_object_set_new(o, LB_K_ERROR,
			    c->failed ? json_pack("{s:s, s:s}", LB_K_ERRNO,
						  c->fail_err ? c->fail_err : "?", LB_K_REASON,
						  c->fail_reason)
				      : json_null());
	json_object_set_new(o, LB_K_REFUSED,
			    c->refused ? json_pack("{s:s, s:s}", LB_K_ERRNO,
						   c->refused_err ? c->refused_err : "?",
						   LB_K_REASON, c->refused_reason)
				       : json_null());
	return o;
}

json_t *lb_results_to_json(const struct lb_run *run)
{
	const struct lb_run_settings *s = &run->settings;
	json_t *cases = json_array();
	json_t *settings =
	    json_pack("{s:I, s:I, s:I, s:i, s:b, s:I, s:I, s:f, s:s}", LB_K_REPS,
		      (json_int_t)s->reps, LB_K_WARMUP, (json_int_t)s->warmup, LB_K_ROUNDS,
		      (json_int_t)(s->rounds ? s->rounds : 1), LB_K_CPU, s->cpu, LB_K_ASLR_DISABLED,
		      s->aslr_disabled, LB_K_SEED, (json_int_t)s->seed, LB_K_BOOTSTRAP_RESAMPLES,
		      (json_int_t)s->bootstrap_resamples, LB_K_CI_LEVEL, s->ci_level,
		      LB_K_CASE_ORDER, s->case_order);

	if (s->aslr_reason)
		json_object_set_new(settings, LB_K_ASLR_REASON, json_string(s->aslr_reason));
	if (run->run_order)
		json_object_set(settings, LB_K_RUN_ORDER, run->run_order);
	for (size_t i = 0; i < run->n_cases; i++)
		if (run->cases[i].delay_ns) {
			json_t *d = json_object_get(settings, LB_K_DELAY_NS);

			if (!d)
				json_object_set_new(settings, LB_K_DELAY_NS, d = json_object());
			json_object_set_new(d, run->cases[i].id,
					    json_integer(run->cases[i].delay_ns));
		}
	for (size_t i = 0; i < run->n_cases; i++)
		if (run->cases[i].started)
			json_array_append_new(cases, case_json(&run->cases[i]));
	return json_pack("{s:i, s:{s:s, s:s, s:s}, s:O, s:s, s:s, s:s, s:b, s:o, s:O, s:o}",
			 LB_K_SCHEMA_VERSION, LB_SCHEMA_VERSION, LB_K_TOOL, LB_K_NAME, "lazybench",
			 LB_K_VERSION, LB_VERSION, LB_K_GIT_COMMIT, LB_GIT_COMMIT,
			 LB_K_COMMAND_LINE, run->command_line, LB_K_LABEL, run->label,
			 LB_K_STARTED_AT, run->started_at, LB_K_FINISHED_AT, run->finished_at,
			 LB_K_COMPLETE, run->complete, LB_K_SETTINGS, settings, LB_K_ENV, run->env,
			 LB_K_CASES, cases);
}

/* Write through `emit` into path/name.tmp, fsync, rename to path/name. */
static int write_atomic(const char *path, const char *name, int (*emit)(FILE *, json_t *),
			json_t *run, char *err, size_t err_len)
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
	bad = emit(f, run);
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

static int emit_json(FILE *f, json_t *run)
{
	return json_dumpf(run, f, JSON_INDENT(1) | JSON_REAL_PRECISION(17)) != 0 ||
	       fputc('\n', f) == EOF;
}

static const char *str_or(json_t *obj, const char *key, const char *none)
{
	const char *v = json_string_value(json_object_get(obj, key));

	return v ? v : none;
}

const char *lb_counter_event_unit(const char *event)
{
	/* The software clocks count ns of CPU time (docs/results-format.md). */
	if (event && (!strcmp(event, "task-clock") || !strcmp(event, "cpu-clock")))
		return LB_UNIT_NS;
	return LB_UNIT_COUNT;
}

/* A text field, quoted as RFC 4180 says when it holds a comma, a quote or a line break (only a
 * user's counter name with a tracepoint filter can). */
static int csv_text(FILE *f, const char *s)
{
	int bad = 0;

	if (!strpbrk(s, ",\"\r\n"))
		return fputs(s, f) == EOF;
	bad |= fputc('"', f) == EOF;
	for (; *s; s++) {
		if (*s == '"')
			bad |= fputc('"', f) == EOF; /* a quote inside is doubled */
		bad |= fputc(*s, f) == EOF;
	}
	return bad | (fputc('"', f) == EOF);
}

/* The columns every row of one case starts with, up to and including remote, and a comma. */
static int emit_case_columns(FILE *f, json_t *c)
{
	static const char *const keys[] = {LB_K_ID,    LB_K_WORKLOAD, LB_K_VARIANT, LB_K_MODE,
					   LB_K_PAGES, LB_K_BATCH,    LB_K_REMOTE};
	int bad = 0;

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		json_t *v = json_object_get(c, keys[i]);

		if (json_is_integer(v))
			bad |= fprintf(f, "%" JSON_INTEGER_FORMAT, json_integer_value(v)) < 0;
		else if (json_is_string(v))
			bad |= csv_text(f, json_string_value(v));
		bad |= fputc(',', f) == EOF; /* null (variant, batch): empty */
	}
	return bad;
}

/* One row per value of `values` (repetition order): metric, scope, rep, value, unit, scaled. */
static int emit_rows(FILE *f, json_t *c, const char *metric, const char *scope, json_t *values,
		     const char *unit, const char *scaled)
{
	json_t *v;
	size_t r;
	int bad = 0;

	json_array_foreach(values, r, v)
	{
		bad |= emit_case_columns(f, c) | csv_text(f, metric) | (fputc(',', f) == EOF);
		bad |= csv_text(f, scope) | (fprintf(f, ",%zu,", r) < 0);
		/* Integers exactly (counts beyond 2^53 too); fractions in "%.17g" round-trip; a
		 * value that is no finite number (null in run.json) empty, never 0. */
		if (json_is_integer(v))
			bad |= fprintf(f, "%" JSON_INTEGER_FORMAT, json_integer_value(v)) < 0;
		else if (json_is_real(v))
			bad |= fprintf(f, "%.17g", json_real_value(v)) < 0;
		bad |= fprintf(f, ",%s,%s\n", unit, scaled) < 0;
	}
	return bad;
}

/*
 * samples.csv from the run.json tree, one row per value, per case: its timed metrics' samples
 * (metric, repetition order), then its available counters' values (counter, repetition order).
 * An unavailable counter has no rows: its reason is in run.json.
 */
static int emit_csv(FILE *f, json_t *run)
{
	int bad = fprintf(f, LB_SAMPLES_CSV_HEADER "\n") < 0;
	json_t *c, *m, *k;
	size_t i, j;

	json_array_foreach(json_object_get(run, LB_K_CASES), i, c)
	{
		json_array_foreach(json_object_get(c, LB_K_METRICS), j, m)
		{
			bad |= emit_rows(f, c, str_or(m, LB_K_NAME, ""), LB_SCOPE_ELAPSED,
					 json_object_get(m, LB_K_SAMPLES),
					 str_or(m, LB_K_UNIT, LB_UNIT_NS), "");
		}
		json_array_foreach(json_object_get(c, LB_K_COUNTERS), j, k)
		{
			if (!json_is_true(json_object_get(k, LB_K_AVAILABLE)))
				continue;
			bad |= emit_rows(f, c, str_or(k, LB_K_NAME, ""), str_or(k, LB_K_SCOPE, ""),
					 json_object_get(k, LB_K_VALUES),
					 lb_counter_event_unit(str_or(k, LB_K_EVENT, NULL)),
					 json_is_true(json_object_get(k, LB_K_SCALED)) ? "1" : "0");
		}
	}
	return bad;
}

int lb_results_write_tree(const char *path, json_t *run, char *err, size_t err_len)
{
	/* The files are written in this version's format, whatever the tree was read from (a
	 * merge of schema_version 1 rounds). */
	json_object_set_new(run, LB_K_SCHEMA_VERSION, json_integer(LB_SCHEMA_VERSION));
	if (write_atomic(path, LB_SAMPLES_CSV, emit_csv, run, err, err_len))
		return -1;
	/* run.json last: its presence means the directory is whole. */
	return write_atomic(path, LB_RUN_JSON, emit_json, run, err, err_len);
}

int lb_results_write(const char *path, const struct lb_run *run, char *err, size_t err_len)
{
	json_t *j = lb_results_to_json(run);
	int r;

	if (!j) {
		snprintf(err, err_len, "cannot build %s for %s (out of memory?)", LB_RUN_JSON,
			 path);
		return -1;
	}
	r = lb_results_write_tree(path, j, err, err_len);
	json_decref(j);
	return r;
}
