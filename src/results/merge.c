// SPDX-License-Identifier: GPL-2.0
/* Merge rounds of the same cases into one run (results format, schema_version 1). */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "merge.h"
#include "stats.h"

static json_t *find_case(const struct lb_rrun *run, const char *id)
{
	json_t *cases = json_object_get(run->root, "cases"), *c;
	size_t i;

	json_array_foreach(cases, i, c)
	{
		if (!strcmp(json_string_value(json_object_get(c, "id")), id))
			return c;
	}
	return NULL;
}

static json_t *by_name(json_t *arr, const char *name)
{
	json_t *x;
	size_t i;

	json_array_foreach(arr, i, x)
	{
		const char *n = json_string_value(json_object_get(x, "name"));

		if (n && !strcmp(n, name))
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
	json_t *samples = json_object_get(metric, "samples"), *v;
	size_t n = json_array_size(samples), i;
	double *x = calloc(n + 1, sizeof(*x));
	bool *out = calloc(n + 1, sizeof(*out));
	json_t *ci = json_object_get(settings, "ci_level");
	json_t *res = json_object_get(settings, "bootstrap_resamples");
	json_t *seed = json_object_get(settings, "seed");
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
		json_object_set_new(metric, "outlier", flags);
		json_object_set_new(metric, "summary",
				    json_pack("{s:I,s:f,s:f,s:f,s:f,s:f,s:f,s:f,s:f,s:f,s:I,s:f}",
					      "n", (json_int_t)s.n, "median", s.median, "mean",
					      s.mean, "stddev", s.stddev, "min", s.min, "max",
					      s.max, "mad", s.mad, "ci_low", s.ci_low, "ci_high",
					      s.ci_high, "ci_level", s.ci_level, "n_outliers",
					      (json_int_t)s.n_outliers, "per_page_median",
					      pages ? s.median / (double)pages : 0.0));
	}
	free(x);
	free(out);
}

static int merge_case(json_t *into, const struct lb_rrun *rounds, size_t n, json_t *settings)
{
	const char *id = json_string_value(json_object_get(into, "id"));
	json_t *metrics = json_object_get(into, "metrics"), *m, *counters, *k;
	size_t i, reps = json_integer_value(json_object_get(into, "reps_done"));
	bool complete = json_is_true(json_object_get(into, "complete"));
	json_int_t pages = json_integer_value(json_object_get(into, "pages"));

	for (size_t r = 1; r < n; r++) {
		json_t *other = find_case(&rounds[r], id);

		if (!other)
			return -1;
		json_array_foreach(metrics, i, m)
		{
			json_t *om = by_name(json_object_get(other, "metrics"),
					     json_string_value(json_object_get(m, "name")));

			if (!om)
				return -1;
			extend(json_object_get(m, "samples"), json_object_get(om, "samples"));
		}
		counters = json_object_get(into, "counters");
		json_array_foreach(counters, i, k)
		{
			json_t *ok = by_name(json_object_get(other, "counters"),
					     json_string_value(json_object_get(k, "name")));

			if (!json_is_true(json_object_get(k, "available")))
				continue;
			/* Unavailable in any round: unavailable in the merge, with that reason. */
			if (!ok || !json_is_true(json_object_get(ok, "available"))) {
				json_object_set_new(k, "available", json_false());
				json_object_del(k, "values");
				json_object_set_new(
				    k, "reason",
				    json_string(
					ok && json_string_value(json_object_get(ok, "reason"))
					    ? json_string_value(json_object_get(ok, "reason"))
					    : "not measured in every round"));
				continue;
			}
			extend(json_object_get(k, "values"), json_object_get(ok, "values"));
		}
		reps += json_integer_value(json_object_get(other, "reps_done"));
		complete &= json_is_true(json_object_get(other, "complete"));
	}
	json_object_set_new(into, "reps_done", json_integer((json_int_t)reps));
	json_object_set_new(into, "complete", json_boolean(complete));
	json_array_foreach(metrics, i, m) resummarize(m, settings, (size_t)pages);
	return 0;
}

json_t *merge_rounds(const struct lb_rrun *rounds, size_t n, const char *label,
		     json_t *command_line, json_t **dropped, char *err, size_t errlen)
{
	json_t *root, *cases, *kept, *c, *labels = json_array();
	bool complete = true;
	size_t i;

	*dropped = json_array();
	if (!n) {
		snprintf(err, errlen, "no rounds to merge");
		return NULL;
	}
	root = json_deep_copy(rounds[0].root);
	cases = json_object_get(root, "cases");
	kept = json_array();
	json_array_foreach(cases, i, c)
	{
		if (json_object_get(c, "refused") && !json_is_null(json_object_get(c, "refused"))) {
			json_array_append(kept, c); /* refused everywhere alike: kept as it is */
			continue;
		}
		if (merge_case(c, rounds, n, json_object_get(root, "settings")))
			json_array_append_new(
			    *dropped, json_string(json_string_value(json_object_get(c, "id"))));
		else
			json_array_append(kept, c);
	}
	json_object_set_new(root, "cases", kept);
	for (size_t r = 0; r < n; r++) {
		json_array_append_new(labels, json_string(rounds[r].label));
		complete &= rounds[r].complete;
	}
	json_object_set_new(root, "label", json_string(label));
	json_object_set_new(root, "complete", json_boolean(complete && !json_array_size(*dropped)));
	json_object_set(root, "command_line", command_line);
	json_object_set_new(root, "merged_from", labels);
	json_object_set_new(root, "finished_at",
			    json_deep_copy(json_object_get(rounds[n - 1].root, "finished_at")));
	return root;
}

static int write_atomic(const char *dir, const char *name, json_t *run, bool csv)
{
	char tmp[4096], final[4096];
	FILE *f;
	bool bad;

	snprintf(tmp, sizeof(tmp), "%s/%s.tmp", dir, name);
	snprintf(final, sizeof(final), "%s/%s", dir, name);
	f = fopen(tmp, "w");
	if (!f)
		return -1;
	if (!csv) {
		bad = json_dumpf(run, f, JSON_INDENT(1) | JSON_PRESERVE_ORDER) != 0;
		fputc('\n', f);
	} else {
		json_t *c, *m, *v;
		size_t i, j, k;

		fprintf(f, "case_id,workload,variant,mode,pages,batch,remote,metric,rep,ns\n");
		json_array_foreach(json_object_get(run, "cases"), i, c)
		{
			json_t *batch = json_object_get(c, "batch");
			const char *variant = json_string_value(json_object_get(c, "variant"));

			json_array_foreach(json_object_get(c, "metrics"), j, m)
			{
				json_array_foreach(json_object_get(m, "samples"), k, v)
				{
					fprintf(f, "%s,%s,%s,%s,%lld,",
						json_string_value(json_object_get(c, "id")),
						json_string_value(json_object_get(c, "workload")),
						variant ? variant : "",
						json_string_value(json_object_get(c, "mode")),
						(long long)json_integer_value(
						    json_object_get(c, "pages")));
					if (json_is_integer(batch))
						fprintf(f, "%lld",
							(long long)json_integer_value(batch));
					fprintf(f, ",%s,%s,%zu,%.0f\n",
						json_string_value(json_object_get(c, "remote")),
						json_string_value(json_object_get(m, "name")), k,
						json_number_value(v));
				}
			}
		}
		bad = ferror(f);
	}
	bad |= fflush(f) != 0;
	bad |= fsync(fileno(f)) != 0;
	bad |= fclose(f) != 0;
	if (bad || rename(tmp, final)) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

int merge_write(const char *results_dir, const char *label, json_t *run, char *err, size_t errlen)
{
	char dir[4096];

	snprintf(dir, sizeof(dir), "%s/%s", results_dir, label);
	if (mkdir(dir, 0755)) {
		snprintf(err, errlen, "cannot create %s: %s%s", dir, strerror(errno),
			 errno == EEXIST ? " (an existing run is never overwritten)" : "");
		return -1;
	}
	if (write_atomic(dir, "run.json", run, false) ||
	    write_atomic(dir, "samples.csv", run, true)) {
		snprintf(err, errlen, "writing %s failed: %s", dir, strerror(errno));
		return -1;
	}
	return 0;
}
