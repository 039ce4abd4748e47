// SPDX-License-Identifier: GPL-2.0
/* Read and validate results/<run-id>/run.json (schema_version 1 and 2). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "results_read.h"
#include "schema.h"

struct reader {
	const char *file;
	char *err;
	size_t errlen;
};

static int fail(struct reader *r, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(r->err, r->errlen, "%s: %s", r->file, msg);
	return -1;
}

/* A required string member; NULL (with err set) when missing or not a string. */
static const char *req_str(struct reader *r, json_t *obj, const char *key, const char *where)
{
	json_t *v = json_object_get(obj, key);

	if (!json_is_string(v)) {
		fail(r, "%s: required string field '%s' %s", where, key,
		     v ? "has the wrong type" : "is missing");
		return NULL;
	}
	return json_string_value(v);
}

/* An optional string member: NULL when absent or JSON null. */
static int opt_str(struct reader *r, json_t *obj, const char *key, const char *where,
		   const char **out)
{
	json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return fail(r, "%s: field '%s' must be a string or null", where, key);
	*out = json_string_value(v);
	return 0;
}

static int read_numbers(struct reader *r, json_t *arr, const char *where, double **out, size_t *n)
{
	size_t i;
	json_t *v;

	if (!json_is_array(arr))
		return fail(r, "%s must be an array of numbers", where);
	*n = json_array_size(arr);
	*out = calloc(*n ? *n : 1, sizeof(double));
	if (!*out)
		return fail(r, "out of memory");
	json_array_foreach(arr, i, v)
	{
		if (!json_is_number(v))
			return fail(r, "%s[%zu] is not a number", where, i);
		(*out)[i] = json_number_value(v);
	}
	return 0;
}

static int read_metric(struct reader *r, json_t *m, const char *case_id, struct lb_rmetric *out)
{
	char where[256];

	snprintf(where, sizeof(where), "case '%s' metric", case_id);
	if (!json_is_object(m))
		return fail(r, "%s is not an object", where);
	out->name = req_str(r, m, LB_K_NAME, where);
	if (!out->name)
		return -1;
	snprintf(where, sizeof(where), "case '%s' metric '%s'", case_id, out->name);
	out->unit = req_str(r, m, LB_K_UNIT, where);
	if (!out->unit)
		return -1;
	out->effect = json_string_value(json_object_get(m, LB_K_EFFECT));
	snprintf(where, sizeof(where), "case '%s' metric '%s' samples", case_id, out->name);
	return read_numbers(r, json_object_get(m, LB_K_SAMPLES), where, &out->samples, &out->n);
}

static int read_counter(struct reader *r, json_t *c, const char *case_id, struct lb_rcounter *out)
{
	char where[256];
	json_t *avail;

	snprintf(where, sizeof(where), "case '%s' counter", case_id);
	if (!json_is_object(c))
		return fail(r, "%s is not an object", where);
	out->name = req_str(r, c, LB_K_NAME, where);
	if (!out->name)
		return -1;
	snprintf(where, sizeof(where), "case '%s' counter '%s'", case_id, out->name);
	if (opt_str(r, c, LB_K_EVENT, where, &out->event) ||
	    opt_str(r, c, LB_K_SCOPE, where, &out->scope))
		return -1;
	avail = json_object_get(c, LB_K_AVAILABLE);
	if (!json_is_boolean(avail))
		return fail(r, "%s: required boolean field '" LB_K_AVAILABLE "' is missing", where);
	out->available = json_is_true(avail);
	if (!out->available) {
		/* The contract: never a silent 0; an unavailable counter says why. */
		if (opt_str(r, c, LB_K_REASON, where, &out->reason))
			return -1;
		if (!out->reason)
			out->reason = "no reason recorded";
		return 0;
	}
	snprintf(where, sizeof(where), "case '%s' counter '%s' values", case_id, out->name);
	return read_numbers(r, json_object_get(c, LB_K_VALUES), where, &out->values, &out->n);
}

/* replicate_reps: integers adding up to every metric's sample count. */
static int read_replicates(struct reader *r, json_t *arr, const char *where, struct lb_rcase *out)
{
	size_t i, sum = 0;
	json_t *v;

	if (!arr || json_is_null(arr))
		return 0;
	if (!json_is_array(arr) || !json_array_size(arr))
		return fail(r, "%s: field 'replicate_reps' must be a non-empty array", where);
	out->n_replicates = json_array_size(arr);
	out->replicate_reps = calloc(out->n_replicates, sizeof(*out->replicate_reps));
	if (!out->replicate_reps)
		return fail(r, "out of memory");
	json_array_foreach(arr, i, v)
	{
		if (!json_is_integer(v) || json_integer_value(v) < 0)
			return fail(r, "%s: replicate_reps[%zu] is not a count", where, i);
		out->replicate_reps[i] = (size_t)json_integer_value(v);
		sum += out->replicate_reps[i];
	}
	for (i = 0; i < out->n_metrics; i++)
		if (out->metrics[i].n != sum)
			return fail(r,
				    "%s: replicate_reps add up to %zu, metric '%s' has %zu samples",
				    where, sum, out->metrics[i].name, out->metrics[i].n);
	return 0;
}

static int read_case(struct reader *r, json_t *c, size_t idx, struct lb_rcase *out)
{
	char where[256];
	json_t *v, *arr, *refused;
	size_t i;

	snprintf(where, sizeof(where), "cases[%zu]", idx);
	if (!json_is_object(c))
		return fail(r, "%s is not an object", where);
	out->id = req_str(r, c, LB_K_ID, where);
	if (!out->id)
		return -1;
	snprintf(where, sizeof(where), "case '%s'", out->id);
	out->workload = req_str(r, c, LB_K_WORKLOAD, where);
	out->mode = out->workload ? req_str(r, c, LB_K_MODE, where) : NULL;
	out->remote = out->mode ? req_str(r, c, LB_K_REMOTE, where) : NULL;
	if (!out->remote)
		return -1;
	if (opt_str(r, c, LB_K_KIND, where, &out->kind) ||
	    opt_str(r, c, LB_K_VARIANT, where, &out->variant))
		return -1;
	v = json_object_get(c, LB_K_PAGES);
	if (!json_is_integer(v))
		return fail(r, "%s: required integer field '" LB_K_PAGES "' is missing", where);
	out->pages = (long)json_integer_value(v);
	v = json_object_get(c, LB_K_BATCH);
	if (!v || json_is_null(v))
		out->batch = -1;
	else if (json_is_integer(v))
		out->batch = (long)json_integer_value(v);
	else
		return fail(r, "%s: field '" LB_K_BATCH "' must be an integer or null", where);
	v = json_object_get(c, LB_K_COMPLETE);
	out->complete = !json_is_false(v);

	refused = json_object_get(c, LB_K_REFUSED);
	if (refused && !json_is_null(refused)) {
		const char *reason = json_string_value(json_object_get(refused, LB_K_REASON));

		out->refused = reason ? reason : "refused (no reason recorded)";
	}

	arr = json_object_get(c, LB_K_METRICS);
	if (!arr && out->refused)
		arr = NULL;
	else if (!json_is_array(arr))
		return fail(r, "%s: required array field '" LB_K_METRICS "' is missing", where);
	out->n_metrics = arr ? json_array_size(arr) : 0;
	out->metrics = calloc(out->n_metrics + 1, sizeof(*out->metrics));
	if (!out->metrics)
		return fail(r, "out of memory");
	for (i = 0; i < out->n_metrics; i++)
		if (read_metric(r, json_array_get(arr, i), out->id, &out->metrics[i]))
			return -1;

	arr = json_object_get(c, LB_K_COUNTERS);
	if (arr && !json_is_null(arr) && !json_is_array(arr))
		return fail(r, "%s: field '" LB_K_COUNTERS "' must be an array", where);
	out->n_counters = json_is_array(arr) ? json_array_size(arr) : 0;
	out->counters = calloc(out->n_counters + 1, sizeof(*out->counters));
	if (!out->counters)
		return fail(r, "out of memory");
	for (i = 0; i < out->n_counters; i++)
		if (read_counter(r, json_array_get(arr, i), out->id, &out->counters[i]))
			return -1;
	return read_replicates(r, json_object_get(c, "replicate_reps"), where, out);
}

static int parse_root(struct reader *r0, struct lb_rrun *out);

static int is_dir(const char *p)
{
	struct stat st;

	return !stat(p, &st) && S_ISDIR(st.st_mode);
}

static int is_file(const char *p)
{
	struct stat st;

	return !stat(p, &st) && S_ISREG(st.st_mode);
}

/* RUN may be a directory, a run.json file, or a run id under results_dir. */
static char *resolve_dir(const char *run, const char *results_dir)
{
	char buf[4096];
	size_t len = strlen(run);

	if (len > sizeof(LB_RUN_JSON) &&
	    !strcmp(run + len - sizeof(LB_RUN_JSON), "/" LB_RUN_JSON) && is_file(run))
		return strndup(run, len - sizeof(LB_RUN_JSON));
	if (!strcmp(run, LB_RUN_JSON) && is_file(run))
		return strdup(".");
	snprintf(buf, sizeof(buf), "%s/" LB_RUN_JSON, run);
	if (is_dir(run) && is_file(buf))
		return strdup(run);
	if (results_dir && !strchr(run, '/')) {
		snprintf(buf, sizeof(buf), "%s/%s/" LB_RUN_JSON, results_dir, run);
		if (is_file(buf)) {
			snprintf(buf, sizeof(buf), "%s/%s", results_dir, run);
			return strdup(buf);
		}
	}
	return NULL;
}

int lb_run_load(const char *run, const char *results_dir, struct lb_rrun *out, char *err,
		size_t errlen)
{
	char path[4096];
	struct reader r = {.file = run, .err = err, .errlen = errlen};
	json_error_t jerr;

	memset(out, 0, sizeof(*out));
	out->dir = resolve_dir(run, results_dir);
	if (!out->dir) {
		snprintf(err, errlen,
			 "%s: no run.json there (not a results directory, nor a run id under %s)",
			 run, results_dir ? results_dir : "the results directory");
		return -1;
	}
	snprintf(path, sizeof(path), "%s/" LB_RUN_JSON, out->dir);
	r.file = path;
	out->root = json_load_file(path, 0, &jerr);
	if (!out->root) {
		fail(&r, "not valid JSON (line %d: %s)", jerr.line, jerr.text);
		goto err;
	}
	return parse_root(&r, out);
err:
	lb_run_free(out);
	return -1;
}

int lb_run_from_json(json_t *root, const char *dir, struct lb_rrun *out, char *err, size_t errlen)
{
	struct reader r = {.file = dir, .err = err, .errlen = errlen};

	memset(out, 0, sizeof(*out));
	out->root = root;
	out->dir = strdup(dir);
	if (!out->dir) {
		fail(&r, "out of memory");
		lb_run_free(out);
		return -1;
	}
	return parse_root(&r, out);
}

/* Everything below the top level of run.json; frees out on failure. */
static int parse_root(struct reader *r0, struct lb_rrun *out)
{
	struct reader r = *r0;
	json_t *v, *cases;
	size_t i;

	if (!json_is_object(out->root)) {
		fail(&r, "top level is not an object");
		goto err;
	}
	v = json_object_get(out->root, LB_K_SCHEMA_VERSION);
	if (!json_is_integer(v)) {
		fail(&r, "required integer field '" LB_K_SCHEMA_VERSION "' is missing");
		goto err;
	}
	/* run.json is the same in every version from the oldest one read (docs/results-format.md,
	 * "Versions"). */
	if (json_integer_value(v) < LB_SCHEMA_VERSION_MIN ||
	    json_integer_value(v) > LB_SCHEMA_VERSION) {
		fail(&r, "schema_version %lld is not supported (this lazybench reads %d to %d)",
		     (long long)json_integer_value(v), LB_SCHEMA_VERSION_MIN, LB_SCHEMA_VERSION);
		goto err;
	}
	out->label = req_str(&r, out->root, LB_K_LABEL, "run");
	if (!out->label)
		goto err;
	out->complete = !json_is_false(json_object_get(out->root, LB_K_COMPLETE));
	out->env = json_object_get(out->root, LB_K_ENV);
	if (!json_is_object(out->env)) {
		fail(&r, "required object field '" LB_K_ENV "' is missing");
		goto err;
	}
	out->settings = json_object_get(out->root, LB_K_SETTINGS);
	out->command_line = json_object_get(out->root, LB_K_COMMAND_LINE);
	if (out->command_line && !json_is_array(out->command_line)) {
		fail(&r, "field '" LB_K_COMMAND_LINE "' must be an array of strings");
		goto err;
	}
	cases = json_object_get(out->root, LB_K_CASES);
	if (!json_is_array(cases)) {
		fail(&r, "required array field '" LB_K_CASES "' is missing");
		goto err;
	}
	out->n_cases = json_array_size(cases);
	out->cases = calloc(out->n_cases + 1, sizeof(*out->cases));
	if (!out->cases) {
		fail(&r, "out of memory");
		goto err;
	}
	for (i = 0; i < out->n_cases; i++)
		if (read_case(&r, json_array_get(cases, i), i, &out->cases[i]))
			goto err;
	v = json_object_get(out->root, "replicates");
	out->n_replicates = json_is_array(v) && json_array_size(v) ? json_array_size(v) : 1;
	return 0;
err:
	lb_run_free(out);
	return -1;
}

void lb_run_free(struct lb_rrun *run)
{
	size_t i, j;

	for (i = 0; run->cases && i < run->n_cases; i++) {
		for (j = 0; j < run->cases[i].n_metrics; j++)
			free(run->cases[i].metrics[j].samples);
		for (j = 0; j < run->cases[i].n_counters; j++)
			free(run->cases[i].counters[j].values);
		free(run->cases[i].metrics);
		free(run->cases[i].counters);
		free(run->cases[i].replicate_reps);
	}
	free(run->cases);
	free(run->dir);
	if (run->root)
		json_decref(run->root);
	memset(run, 0, sizeof(*run));
}

json_t *lb_run_env_get(const struct lb_rrun *run, const char *dotted)
{
	char key[256];
	const char *p = dotted;
	json_t *cur = run->env;

	while (cur && *p) {
		const char *dot = strchr(p, '.');
		size_t len = dot ? (size_t)(dot - p) : strlen(p);

		if (len >= sizeof(key) || !json_is_object(cur))
			return NULL;
		memcpy(key, p, len);
		key[len] = 0;
		cur = json_object_get(cur, key);
		p = dot ? dot + 1 : p + len;
	}
	return cur;
}

const char *lb_run_env_str(const struct lb_rrun *run, const char *dotted, char *buf, size_t buflen)
{
	json_t *v = lb_run_env_get(run, dotted);

	if (!v || json_is_null(v))
		return NULL;
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		snprintf(buf, buflen, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(buf, buflen, "%g", json_real_value(v));
	else if (json_is_boolean(v))
		snprintf(buf, buflen, "%s", json_is_true(v) ? "true" : "false");
	else {
		char *s = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);

		snprintf(buf, buflen, "%s", s ? s : "?");
		free(s);
	}
	return buf;
}

const char *lb_case_variant(const struct lb_rcase *c)
{
	return c->variant ? c->variant : "-";
}
