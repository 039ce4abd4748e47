// SPDX-License-Identifier: GPL-2.0
/* Data files of each figure, written from the runs' raw samples and counters. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot.h"
#include "tune.h"
#include "stats.h"

/* CI of the median for error bars: same bootstrap as the run summaries (src/stats). */
#define PLOT_RESAMPLES 1000
#define PLOT_SEED 1

struct point {
	char series[256];
	double x, y, lo, hi;
};

static int cmp_point(const void *a, const void *b)
{
	const struct point *p = a, *q = b;
	int s = strcmp(p->series, q->series);

	if (s)
		return s;
	return (p->x > q->x) - (p->x < q->x);
}

static const struct lb_rmetric *metric_of(const struct lb_rcase *c, const char *name)
{
	for (size_t i = 0; i < c->n_metrics; i++)
		if (!strcmp(c->metrics[i].name, name))
			return &c->metrics[i];
	return NULL;
}

static void median_ci(const struct lb_rmetric *m, double *med, double *lo, double *hi)
{
	*med = lb_stats_median(m->samples, m->n);
	*lo = *hi = *med;
	if (m->n >= 2)
		lb_stats_bootstrap_median_ci(m->samples, m->n, PLOT_RESAMPLES, 0.95, PLOT_SEED, lo,
					     hi);
}

static void fig_name(char *buf, size_t len, const char *kind, const char *workload,
		     const char *metric)
{
	if (metric && strcmp(metric, workload))
		snprintf(buf, len, "%s_%s_%s", kind, workload, metric);
	else
		snprintf(buf, len, "%s_%s", kind, workload);
	lb_plot_sanitize(buf, true);
}

/* Case label without the workload: mode/pPAGES[/bBATCH][/remote][/variant]. */
static const char *case_label(const struct lb_rcase *c)
{
	static char buf[256];
	char b[32] = "", rem[64] = "", var[96] = "";

	if (c->batch >= 0)
		snprintf(b, sizeof(b), "/b%ld", c->batch);
	if (strcmp(c->remote, "none"))
		snprintf(rem, sizeof(rem), "/%s", c->remote);
	if (c->variant)
		snprintf(var, sizeof(var), "/%s", c->variant);
	snprintf(buf, sizeof(buf), "%s/p%ld%s%s%s", c->mode, c->pages, b, rem, var);
	return buf;
}

/* "workload metric" or just "workload" when the metric is named after it. */
static void what(char *buf, size_t len, const char *workload, const char *metric)
{
	if (strcmp(workload, metric))
		snprintf(buf, len, "%s %s", workload, metric);
	else
		snprintf(buf, len, "%s", workload);
}

/* ---- A/B bars: one row per case, one (median, low, high) triple per run. ---- */
void lb_plot_bars(struct lb_plot_ctx *p, const char *workload, const char *metric, const char *unit)
{
	char name[256], path[4096], title[512], ylabel[128], extra[64];
	char **labels = NULL;
	size_t n_labels = 0, n_series = 0;
	bool has[p->n_runs];
	FILE *f;

	fig_name(name, sizeof(name), "bars", workload, metric);
	for (size_t r = 0; r < p->n_runs; r++)
		for (size_t i = 0; i < p->runs[r].n_cases; i++) {
			const struct lb_rcase *c = &p->runs[r].cases[i];
			bool seen = false;

			if (strcmp(c->workload, workload) || !metric_of(c, metric))
				continue;
			for (size_t k = 0; k < n_labels; k++)
				seen |= !strcmp(labels[k], case_label(c));
			if (!seen) {
				char **g = realloc(labels, (n_labels + 1) * sizeof(*g));

				if (!g)
					break;
				labels = g;
				labels[n_labels] = strdup(case_label(c));
				if (labels[n_labels])
					n_labels++;
			}
		}
	if (!n_labels) {
		lb_plot_skip(p, name, "no case measured this metric");
		free(labels);
		return;
	}
	lb_plot_data_path(p, name, path, sizeof(path));
	f = fopen(path, "w");
	if (!f) {
		lb_plot_skip(p, name, "cannot write its data file");
		for (size_t k = 0; k < n_labels; k++)
			free(labels[k]);
		free(labels);
		return;
	}
	/* Only runs that measured this metric are series: an all-undefined column stops gnuplot. */
	for (size_t r = 0; r < p->n_runs; r++) {
		has[r] = false;
		for (size_t i = 0; i < p->runs[r].n_cases; i++)
			has[r] |= !strcmp(p->runs[r].cases[i].workload, workload) &&
				  metric_of(&p->runs[r].cases[i], metric);
		n_series += has[r];
	}
	fprintf(f, "\"case\"");
	for (size_t r = 0; r < p->n_runs; r++)
		if (has[r])
			fprintf(f, " \"%s\" \"low\" \"high\"", p->runs[r].label);
	fprintf(f, "\n");
	for (size_t k = 0; k < n_labels; k++) {
		fprintf(f, "\"%s\"", labels[k]);
		for (size_t r = 0; r < p->n_runs; r++) {
			const struct lb_rmetric *m = NULL;
			double med = NAN, lo = NAN, hi = NAN;

			if (!has[r])
				continue;
			for (size_t i = 0; i < p->runs[r].n_cases && !m; i++) {
				const struct lb_rcase *c = &p->runs[r].cases[i];

				if (!strcmp(c->workload, workload) &&
				    !strcmp(case_label(c), labels[k]))
					m = metric_of(c, metric);
			}
			if (m && m->n)
				median_ci(m, &med, &lo, &hi);
			fprintf(f, " %.6g %.6g %.6g", med, lo, hi);
		}
		fprintf(f, "\n");
	}
	fclose(f);
	what(title, sizeof(title), workload, metric);
	snprintf(title + strlen(title), sizeof(title) - strlen(title), ": median per run, 95%% CI");
	snprintf(ylabel, sizeof(ylabel), "%s per operation (%s, median)", metric, unit);
	snprintf(extra, sizeof(extra), "nseries=%zu;", n_series);
	lb_plot_draw(p, "bars", name, path, title, ylabel, extra);
	for (size_t k = 0; k < n_labels; k++)
		free(labels[k]);
	free(labels);
}

/* ---- Box plots of raw samples, one box per case and run, runs side by side. ---- */
void lb_plot_boxes(struct lb_plot_ctx *p, const char *workload, const char *metric,
		   const char *unit)
{
	char name[256], path[4096], title[512], ylabel[160];
	char **labels = NULL;
	size_t rows = 0, n_labels = 0;
	FILE *f;

	fig_name(name, sizeof(name), "box", workload, metric);
	for (size_t r = 0; r < p->n_runs; r++)
		for (size_t i = 0; i < p->runs[r].n_cases; i++) {
			const struct lb_rcase *c = &p->runs[r].cases[i];
			bool seen = false;
			char **g;

			if (strcmp(c->workload, workload) || !metric_of(c, metric))
				continue;
			for (size_t k = 0; k < n_labels; k++)
				seen |= !strcmp(labels[k], case_label(c));
			if (seen || !(g = realloc(labels, (n_labels + 1) * sizeof(*g))))
				continue;
			labels = g;
			labels[n_labels] = strdup(case_label(c));
			if (labels[n_labels])
				n_labels++;
		}
	lb_plot_data_path(p, name, path, sizeof(path));
	f = fopen(path, "w");
	if (!f) {
		lb_plot_skip(p, name, "cannot write its data file");
		goto out;
	}
	for (size_t k = 0; k < n_labels; k++)
		for (size_t r = 0; r < p->n_runs; r++)
			for (size_t i = 0; i < p->runs[r].n_cases; i++) {
				const struct lb_rcase *c = &p->runs[r].cases[i];
				const struct lb_rmetric *m;

				if (strcmp(c->workload, workload) ||
				    strcmp(case_label(c), labels[k]) || !(m = metric_of(c, metric)))
					continue;
				for (size_t s = 0; s < m->n; s++, rows++) {
					if (p->n_runs > 1)
						fprintf(f, "\"%s:%s\" %.6g\n", labels[k],
							p->runs[r].label, m->samples[s]);
					else
						fprintf(f, "\"%s\" %.6g\n", labels[k],
							m->samples[s]);
				}
			}
	fclose(f);
	if (!rows) {
		lb_plot_skip(p, name, "no samples");
		goto out;
	}
	what(title, sizeof(title), workload, metric);
	snprintf(title + strlen(title), sizeof(title) - strlen(title), ": raw samples");
	snprintf(ylabel, sizeof(ylabel), "%s per operation (%s, log scale)", metric, unit);
	lb_plot_draw(p, "box", name, path, title, ylabel, NULL);
out:
	for (size_t k = 0; k < n_labels; k++)
		free(labels[k]);
	free(labels);
}

/*
 * Line figures: points grouped into series, each with at least two x values, written as
 * gnuplot index blocks whose first line is the series title. Returns the number of series.
 */
static size_t write_series(FILE *f, struct point *pts, size_t n)
{
	size_t series = 0;

	qsort(pts, n, sizeof(*pts), cmp_point);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;

		while (j < n && !strcmp(pts[j].series, pts[i].series))
			j++;
		if (j - i >= 2) {
			fprintf(f, "%s\"%s\"\n", series ? "\n\n" : "", pts[i].series);
			for (size_t k = i; k < j; k++)
				fprintf(f, "%.6g %.6g %.6g %.6g\n", pts[k].x, pts[k].y, pts[k].lo,
					pts[k].hi);
			series++;
		}
		i = j;
	}
	return series;
}

static void series_name(char *buf, size_t len, const struct lb_plot_ctx *p, size_t r,
			const struct lb_rcase *c, bool with_pages, bool with_batch)
{
	char pages[32] = "", batch[32] = "", rem[64] = "", var[64] = "", run[160] = "";

	if (p->n_runs > 1)
		snprintf(run, sizeof(run), "%s: ", p->runs[r].label);
	if (c->variant)
		snprintf(var, sizeof(var), " %s", c->variant);
	if (with_pages)
		snprintf(pages, sizeof(pages), " p%ld", c->pages);
	if (with_batch && c->batch >= 0)
		snprintf(batch, sizeof(batch), " b%ld", c->batch);
	if (strcmp(c->remote, "none"))
		snprintf(rem, sizeof(rem), " remote %s", c->remote);
	snprintf(buf, len, "%s%s%s%s%s%s", run, c->mode, var, pages, batch, rem);
}

static struct point *collect(struct lb_plot_ctx *p, const char *workload, const char *metric,
			     bool by_batch, size_t *n_out)
{
	size_t cap = 0, n = 0;
	struct point *pts = NULL;

	for (size_t r = 0; r < p->n_runs; r++)
		for (size_t i = 0; i < p->runs[r].n_cases; i++) {
			const struct lb_rcase *c = &p->runs[r].cases[i];
			const struct lb_rmetric *m;
			struct point *pt;
			double scale;

			if (strcmp(c->workload, workload) || !(m = metric_of(c, metric)) || !m->n ||
			    c->pages <= 0 || (by_batch && c->batch < 0))
				continue;
			if (n == cap) {
				struct point *g = realloc(pts, (cap * 2 + 16) * sizeof(*g));

				if (!g)
					break;
				pts = g;
				cap = cap * 2 + 16;
			}
			pt = &pts[n++];
			series_name(pt->series, sizeof(pt->series), p, r, c, by_batch, !by_batch);
			median_ci(m, &pt->y, &pt->lo, &pt->hi);
			/* Per PTE for the batch figure: the batch saving is per page-table entry.
			 */
			scale = by_batch ? (double)c->pages : 1.0;
			pt->y /= scale;
			pt->lo /= scale;
			pt->hi /= scale;
			pt->x = by_batch ? (double)c->batch : (double)c->pages;
		}
	*n_out = n;
	return pts;
}

void lb_plot_batch(struct lb_plot_ctx *p, const char *workload, const char *metric,
		   const char *unit)
{
	char name[256], path[4096], knee[4096], title[512], ylabel[128], extra[4300];
	struct point *pts;
	size_t n, series, knees = 0;
	FILE *f;

	fig_name(name, sizeof(name), "batch", workload, metric);
	pts = collect(p, workload, metric, true, &n);
	if (!n) {
		lb_plot_skip(p, name,
			     "no batch size recorded (not a kernel workload, or --batch unset)");
		free(pts);
		return;
	}
	lb_plot_data_path(p, name, path, sizeof(path));
	f = fopen(path, "w");
	series = f ? write_series(f, pts, n) : 0;
	if (f)
		fclose(f);
	free(pts);
	if (!series) {
		lb_plot_skip(p, name, "no series with two or more batch sizes");
		return;
	}
	/* The batch tune picks, marked on the figure. */
	snprintf(knee, sizeof(knee), "%s/%s.knee.dat", p->outdir, name);
	f = fopen(knee, "w");
	if (!f) {
		lb_plot_skip(p, name, "cannot write its data file");
		return;
	}
	for (size_t r = 0; r < p->n_runs; r++) {
		struct lb_tune_row *rows;
		long nr = lb_tune_run(&p->runs[r], 1000, 0.95, PLOT_SEED, &rows);

		for (long i = 0; i < nr; i++)
			if (!strcmp(rows[i].chosen->workload, workload) &&
			    !strcmp(rows[i].metric, metric)) {
				fprintf(f, "%ld %.6g\n", rows[i].chosen->batch, rows[i].cost);
				knees++;
			}
		if (nr > 0)
			free(rows);
	}
	if (!knees)
		fprintf(f, "NaN NaN\n");
	fclose(f);
	what(title, sizeof(title), workload, metric);
	snprintf(title + strlen(title), sizeof(title) - strlen(title),
		 ": cost per PTE vs batch size");
	snprintf(ylabel, sizeof(ylabel), "%s per PTE (%s, median, 95%% CI)", metric, unit);
	snprintf(extra, sizeof(extra), "nseries=%zu; kneefile='%s';", series, knee);
	lb_plot_draw(p, "batch", name, path, title, ylabel, extra);
}

void lb_plot_pages(struct lb_plot_ctx *p, const char *workload, const char *metric,
		   const char *unit)
{
	char name[256], path[4096], title[512], ylabel[128], extra[64];
	struct point *pts;
	size_t n, series;
	FILE *f;

	fig_name(name, sizeof(name), "pages", workload, metric);
	pts = collect(p, workload, metric, false, &n);
	lb_plot_data_path(p, name, path, sizeof(path));
	f = n ? fopen(path, "w") : NULL;
	series = f ? write_series(f, pts, n) : 0;
	if (f)
		fclose(f);
	free(pts);
	if (!series) {
		lb_plot_skip(p, name, "no series with two or more --pages values");
		if (n)
			remove(path);
		return;
	}
	what(title, sizeof(title), workload, metric);
	snprintf(title + strlen(title), sizeof(title) - strlen(title),
		 ": cost vs pages per operation");
	snprintf(ylabel, sizeof(ylabel), "%s per operation (%s, median, 95%% CI)", metric, unit);
	snprintf(extra, sizeof(extra), "nseries=%zu;", series);
	lb_plot_draw(p, "pages", name, path, title, ylabel, extra);
}

/* ---- Counters per operation against the remote placement. ---- */
static const char *const placements[] = {"none", "smt", "l2", "llc", "package", "numa"};
#define N_PLACEMENTS (sizeof(placements) / sizeof(placements[0]))

static bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

/* Same case apart from the placement. */
static bool same_group(const struct lb_rcase *a, const struct lb_rcase *b)
{
	return !strcmp(a->workload, b->workload) && str_eq(a->variant, b->variant) &&
	       !strcmp(a->mode, b->mode) && a->pages == b->pages && a->batch == b->batch;
}

/* The case of `lead`'s group at placement k (not refused), or NULL. */
static const struct lb_rcase *at_placement(const struct lb_rrun *run, const struct lb_rcase *lead,
					   size_t k)
{
	for (size_t i = 0; i < run->n_cases; i++) {
		const struct lb_rcase *c = &run->cases[i];

		if (!c->refused && same_group(lead, c) && !strcmp(c->remote, placements[k]))
			return c;
	}
	return NULL;
}

/* Counts only: time-valued software counters (task-clock, cpu-clock) are in ns, not events. */
static bool is_count(const struct lb_rcounter *q)
{
	return q->available && q->n && !strstr(q->name, "clock");
}

void lb_plot_remote(struct lb_plot_ctx *p, const char *workload)
{
	char name[256];

	fig_name(name, sizeof(name), "remote", workload, NULL);
	for (size_t r = 0; r < p->n_runs; r++) {
		const struct lb_rrun *run = &p->runs[r];
		const struct lb_rcase *lead = NULL, *cases[N_PLACEMENTS];
		const char *names[32], *refused = NULL, *unavail = NULL;
		size_t n_names = 0, best = 0;
		char path[4096], fig[300], title[512], extra[64], group[160];
		FILE *f;

		/* The group (mode, variant, pages, batch) with the most placements; larger pages
		 * win. */
		for (size_t i = 0; i < run->n_cases; i++) {
			const struct lb_rcase *c = &run->cases[i];
			size_t n = 0;

			if (strcmp(c->workload, workload))
				continue;
			if (c->refused) {
				refused = c->refused;
				continue;
			}
			for (size_t k = 0; k < N_PLACEMENTS; k++)
				n += at_placement(run, c, k) != NULL;
			if (n > best || (n == best && lead && c->pages > lead->pages)) {
				best = n;
				lead = c;
			}
		}
		snprintf(fig, sizeof(fig), "%s%s%s", name, p->n_runs > 1 ? "_" : "",
			 p->n_runs > 1 ? run->label : "");
		lb_plot_sanitize(fig, true);
		if (best < 2) {
			char reason[700];

			snprintf(reason, sizeof(reason),
				 "fewer than two --remote placements measured in run %s%s%s",
				 run->label, refused ? "; refused: " : "", refused ? refused : "");
			lb_plot_skip(p, fig, reason);
			continue;
		}
		for (size_t k = 0; k < N_PLACEMENTS; k++) {
			cases[k] = at_placement(run, lead, k);
			for (size_t j = 0; cases[k] && j < cases[k]->n_counters; j++) {
				const struct lb_rcounter *q = &cases[k]->counters[j];
				bool seen = false;

				if (!q->available)
					unavail = q->reason;
				if (!is_count(q))
					continue;
				for (size_t x = 0; x < n_names; x++)
					seen |= !strcmp(names[x], q->name);
				if (!seen && n_names < 32)
					names[n_names++] = q->name;
			}
		}
		if (!n_names) {
			char reason[512];

			snprintf(reason, sizeof(reason), "no event counter available%s%s",
				 unavail ? ": " : " (none recorded)", unavail ? unavail : "");
			lb_plot_skip(p, fig, reason);
			continue;
		}
		lb_plot_data_path(p, fig, path, sizeof(path));
		f = fopen(path, "w");
		if (!f) {
			lb_plot_skip(p, fig, "cannot write its data file");
			continue;
		}
		fprintf(f, "\"placement\"");
		for (size_t x = 0; x < n_names; x++)
			fprintf(f, " \"%s\"", names[x]);
		fprintf(f, "\n");
		for (size_t k = 0; k < N_PLACEMENTS; k++) {
			if (!cases[k])
				continue;
			fprintf(f, "\"%s\"", placements[k]);
			for (size_t x = 0; x < n_names; x++) {
				double v = NAN;

				for (size_t j = 0; j < cases[k]->n_counters; j++)
					if (is_count(&cases[k]->counters[j]) &&
					    !strcmp(cases[k]->counters[j].name, names[x]))
						v = lb_stats_median(cases[k]->counters[j].values,
								    cases[k]->counters[j].n);
				fprintf(f, " %.6g", v);
			}
			fprintf(f, "\n");
		}
		fclose(f);
		snprintf(group, sizeof(group), "%s", case_label(lead));
		/* The label ends with the placement of the lead case: drop it, it is the x axis. */
		if (strcmp(lead->remote, "none") && strrchr(group, '/'))
			*strrchr(group, '/') = 0;
		snprintf(title, sizeof(title),
			 "%s %s: event counts per operation vs remote placement (run %s)", workload,
			 group, run->label);
		snprintf(extra, sizeof(extra), "ncols=%zu;", n_names + 1);
		lb_plot_draw(p, "remote", fig, path, title, "events per operation (median)", extra);
	}
}
