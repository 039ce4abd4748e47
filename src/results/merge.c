// SPDX-License-Identifier: GPL-2.0
/* Merge rounds of the same cases into one run, written through the results writer. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "merge.h"
#include "results.h"
#include "stats.h"

static json_t *find_case(const struct lb_rrun *run, const char *id)
{
	json_t *cases = json_object_get(run->root, LB_K_CASES), *c;
	size_t i;

	json_array_foreach(cases, i, c)
	{
		if (!strcmp(json_string_value(json_object_get(c, LB_K_ID)), id))
			return c;
	}
	return NULL;
}

/*
 * The entry of arr named name and, with_scope, of the same scope (NULL: none recorded): one
 * counter is recorded once per scope (thread, cpu, remote_cpu, vcpu, other_vcpus...), and the
 * name alone would give every scope the first one's values.
 */
static json_t *by_name(json_t *arr, const char *name, bool with_scope, const char *scope)
{
	json_t *x;
	size_t i;

	json_array_foreach(arr, i, x)
	{
		const char *n = json_string_value(json_object_get(x, LB_K_NAME));
		const char *s = json_string_value(json_object_get(x, LB_K_SCOPE));

		if (!n || strcmp(n, name))
			continue;
		if (!with_scope || (!s && !scope) || (s && scope && !strcmp(s, scope)))
			return x;
	}
	return NULL;
}

static void extend(json_t *dst, json_t *src)
{
	if (json_is_array(dst) && json_is_array(src))
		json_array_extend(dst, src);
}

/* Recompute a metric's summary from its merged samples with the run's settings. */
static void resummarize(json_t *metric, json_t *settings, size_t pages)
{
	json_t *samples = json_object_get(metric, LB_K_SAMPLES), *v;
	size_t n = json_array_size(samples), i;
	double *x = calloc(n + 1, sizeof(*x));
	bool *out = calloc(n + 1, sizeof(*out));
	json_t *ci = json_object_get(settings, LB_K_CI_LEVEL);
	json_t *res = json_object_get(settings, LB_K_BOOTSTRAP_RESAMPLES);
	json_t *seed = json_object_get(settings, LB_K_SEED);
	struct lb_summary s;

	if (!x || !out || !n) {
		free(x);
		free(out);
		return;
	}
	json_array_foreach(samples, i, v) x[i] = json_number_value(v);
	if (!lb_stats_summarize(x, n, res ? (unsigned)json_integer_value(res) : 2000,
				ci ? json_number_value(ci) : 0.95,
				seed ? (unsigned long)json_integer_value(seed) : 1, &s, out)) {
		json_t *flags = json_array();

		for (i = 0; i < n; i++)
			json_array_append_new(flags, json_boolean(out[i]));
		json_object_set_new(metric, LB_K_OUTLIER, flags);
		json_object_set_new(metric, LB_K_SUMMARY, lb_results_summary_json(&s, pages));
	}
	free(x);
	free(out);
}

/* A case's replicate_reps: its own (a run of several replicates), or one entry of reps_done. */
static void add_replicate_reps(json_t *to, json_t *c)
{
	json_t *own = json_object_get(c, LB_K_REPLICATE_REPS);

	if (json_is_array(own) && json_array_size(own))
		json_array_extend(to, own);
	else
		json_array_append_new(
		    to, json_integer(json_integer_value(json_object_get(c, LB_K_REPS_DONE))));
}

static int merge_case(json_t *into, const struct lb_rrun *rounds, size_t n, json_t *settings)
{
	const char *id = json_string_value(json_object_get(into, LB_K_ID));
	json_t *metrics = json_object_get(into, LB_K_METRICS), *m, *counters, *k;
	size_t i, reps = json_integer_value(json_object_get(into, LB_K_REPS_DONE));
	bool complete = json_is_true(json_object_get(into, LB_K_COMPLETE));
	json_int_t pages = json_integer_value(json_object_get(into, LB_K_PAGES));
	json_t *rep_reps = json_array();

	add_replicate_reps(rep_reps, into);
	for (size_t r = 1; r < n; r++) {
		json_t *other = find_case(&rounds[r], id);

		if (!other) {
			json_decref(rep_reps);
			return -1;
		}
		add_replicate_reps(rep_reps, other);
		json_array_foreach(metrics, i, m)
		{
			json_t *om =
			    by_name(json_object_get(other, LB_K_METRICS),
				    json_string_value(json_object_get(m, LB_K_NAME)), false, NULL);

			if (!om) {
				json_decref(rep_reps);
				return -1;
			}
			extend(json_object_get(m, LB_K_SAMPLES), json_object_get(om, LB_K_SAMPLES));
		}
		counters = json_object_get(into, LB_K_COUNTERS);
		json_array_foreach(counters, i, k)
		{
			json_t *ok = by_name(json_object_get(other, LB_K_COUNTERS),
					     json_string_value(json_object_get(k, LB_K_NAME)), true,
					     json_string_value(json_object_get(k, LB_K_SCOPE)));

			if (!json_is_true(json_object_get(k, LB_K_AVAILABLE)))
				continue;
			/* Unavailable in any round: unavailable in the merge, with that reason. */
			if (!ok || !json_is_true(json_object_get(ok, LB_K_AVAILABLE))) {
				json_object_set_new(k, LB_K_AVAILABLE, json_false());
				json_object_del(k, LB_K_VALUES);
				json_object_set_new(
				    k, LB_K_REASON,
				    json_string(
					ok && json_string_value(json_object_get(ok, LB_K_REASON))
					    ? json_string_value(json_object_get(ok, LB_K_REASON))
					    : "not measured in every round"));
				continue;
			}
			extend(json_object_get(k, LB_K_VALUES), json_object_get(ok, LB_K_VALUES));
		}
		reps += json_integer_value(json_object_get(other, LB_K_REPS_DONE));
		complete &= json_is_true(json_object_get(other, LB_K_COMPLETE));
	}
	json_object_set_new(into, LB_K_REPS_DONE, json_integer((json_int_t)reps));
	json_object_set_new(into, LB_K_COMPLETE, json_boolean(complete));
	json_object_set_new(into, LB_K_REPLICATE_REPS, rep_reps);
	json_array_foreach(metrics, i, m) resummarize(m, settings, (size_t)pages);
	return 0;
}

static json_t *or_null(json_t *v)
{
	return v ? v : json_null();
}

/* The replicates of one merged run: its own list, or one entry describing the run itself. */
static void add_replicates(json_t *to, const struct lb_rrun *r)
{
	json_t *own = json_object_get(r->root, LB_K_REPLICATES);

	if (json_is_array(own) && json_array_size(own)) {
		json_array_extend(to, own);
		return;
	}
	json_array_append_new(
	    to, json_pack("{s:s, s:s, s:O, s:O, s:O}", LB_K_LABEL, r->label, LB_K_DIR, r->dir,
			  LB_K_STARTED_AT, or_null(json_object_get(r->root, LB_K_STARTED_AT)),
			  LB_K_FINISHED_AT, or_null(json_object_get(r->root, LB_K_FINISHED_AT)),
			  LB_K_SEED, or_null(json_object_get(r->settings, LB_K_SEED))));
}

json_t *lb_merge_rounds(const struct lb_rrun *rounds, size_t n, const char *label,
			json_t *command_line, json_t **dropped, char *err, size_t errlen)
{
	json_t *root, *cases, *kept, *c, *labels = json_array(), *replicates = json_array();
	bool complete = true;
	size_t i;

	*dropped = json_array();
	if (!n) {
		snprintf(err, errlen, "no rounds to merge");
		return NULL;
	}
	root = json_deep_copy(rounds[0].root);
	cases = json_object_get(root, LB_K_CASES);
	kept = json_array();
	json_array_foreach(cases, i, c)
	{
		if (json_object_get(c, LB_K_REFUSED) &&
		    !json_is_null(json_object_get(c, LB_K_REFUSED))) {
			json_array_append(kept, c); /* refused everywhere alike: kept as it is */
			continue;
		}
		if (merge_case(c, rounds, n, json_object_get(root, LB_K_SETTINGS)))
			json_array_append_new(
			    *dropped, json_string(json_string_value(json_object_get(c, LB_K_ID))));
		else
			json_array_append(kept, c);
	}
	json_object_set_new(root, LB_K_CASES, kept);
	for (size_t r = 0; r < n; r++) {
		json_array_append_new(labels, json_string(rounds[r].label));
		complete &= rounds[r].complete;
		add_replicates(replicates, &rounds[r]);
	}
	json_object_set_new(root, LB_K_REPLICATES, replicates);
	json_object_set_new(json_object_get(root, LB_K_SETTINGS), LB_K_RUNS,
			    json_integer((json_int_t)json_array_size(replicates)));
	json_object_set_new(root, LB_K_LABEL, json_string(label));
	json_object_set_new(root, LB_K_COMPLETE,
			    json_boolean(complete && !json_array_size(*dropped)));
	json_object_set(root, LB_K_COMMAND_LINE, command_line);
	json_object_set_new(root, LB_K_MERGED_FROM, labels);
	json_object_set_new(root, LB_K_FINISHED_AT,
			    json_deep_copy(json_object_get(rounds[n - 1].root, LB_K_FINISHED_AT)));
	return root;
}

int lb_merge_write(const char *results_dir, const char *label, json_t *run, char *err,
		   size_t errlen)
{
	char dir[4096];

	if (lb_results_create_dir(results_dir, label, dir, sizeof(dir), err, errlen))
		return -1;
	return lb_results_write_tree(dir, run, err, errlen);
}

int lb_merge_load_side(const char *spec, const char *results_dir, struct lb_rrun *out, char *err,
		       size_t errlen)
{
	char *copy, *tok, *save = NULL, label[1024] = "";
	struct lb_rrun *runs = NULL;
	size_t n = 0, cap = 0;
	json_t *merged = NULL, *dropped = NULL;
	int rc = -1;

	if (!strchr(spec, ','))
		return lb_run_load(spec, results_dir, out, err, errlen);
	copy = strdup(spec);
	if (!copy) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (n == cap) {
			struct lb_rrun *g = realloc(runs, (cap * 2 + 4) * sizeof(*g));

			if (!g) {
				snprintf(err, errlen, "out of memory");
				goto out;
			}
			runs = g;
			cap = cap * 2 + 4;
		}
		if (lb_run_load(tok, results_dir, &runs[n], err, errlen))
			goto out;
		snprintf(label + strlen(label), sizeof(label) - strlen(label), "%s%s", n ? "+" : "",
			 runs[n].label);
		n++;
	}
	merged = lb_merge_rounds(runs, n, label, json_object_get(runs[0].root, LB_K_COMMAND_LINE),
				 &dropped, err, errlen);
	if (!merged)
		goto out;
	for (size_t i = 0; i < json_array_size(dropped); i++)
		fprintf(stderr, "lazybench compare: %s: case %s is not in every run: left out\n",
			spec, json_string_value(json_array_get(dropped, i)));
	rc = lb_run_from_json(merged, runs[0].dir, out, err, errlen);
	merged = NULL; /* owned by out now */
out:
	json_decref(merged);
	json_decref(dropped);
	for (size_t i = 0; i < n; i++)
		lb_run_free(&runs[i]);
	free(runs);
	free(copy);
	return rc;
}
