// SPDX-License-Identifier: GPL-2.0
/* Data files of each figure, written from the runs' raw samples and counters. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot.h"
#include "ptes.h"
#include "schema.h"
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

/*
 * Times read best in ns, us or ms: the unit shown and the divisor for a figure whose largest
 * value is max (a 2.5 ms median is 2.5 ms, never 2.5x10^6 ns). Other units stay as they are.
 */
static double time_scale(const char *unit, double max, const char **shown)
{
	*shown = unit;
	if (strcmp(unit, "ns"))
		return 1;
	if (max >= 1e7) {
		*shown = "ms";
		return 1e6;
	}
	if (max >= 1e4) {
		*shown = "us";
		return 1e3;
	}
	return 1;
}

/* The distinct case labels of a workload's cases that measured a metric, in run order. */
static size_t case_labels(const struct lb_plot_ctx *p, const char *workload, const char *metric,
			  char ***out)
{
	char **labels = NULL;
	size_t n = 0;

	for (size_t r = 0; r < p->n_runs; r++)
		for (size_t i = 0; i < p->runs[r].n_cases; i++) {
			const struct lb_rcase *c = &p->runs[r].cases[i];
			bool seen = false;
			char **g;

			if (strcmp(c->workload, workload) || !metric_of(c, metric))
				continue;
			for (size_t k = 0; k < n; k++)
				seen |= !strcmp(labels[k], case_label(c));
			if (seen || !(g = realloc(labels, (n + 1) * sizeof(*g))))
				continue;
			labels = g;
			labels[n] = strdup(case_label(c));
			if (labels[n])
				n++;
		}
	*out = labels;
	return n;
}

static void free_labels(char **labels, size_t n)
{
	for (size_t k = 0; k < n; k++)
		free(labels[k]);
	free(labels);
}

static const struct lb_rmetric *labelled(const struct lb_rrun *run, const char *workload,
					 const char *label, const char *metric)
{
	for (size_t i = 0; i < run->n_cases; i++) {
		const struct lb_rcase *c = &run->cases[i];

		if (!strcmp(c->workload, workload) && !strcmp(case_label(c), label))
			return metric_of(c, metric);
	}
	return NULL;
}

/*
 * Room for n case labels of up to maxlen characters on the x axis: the figure grows wider
 * (pixels, or columns in ascii) with the number of bars, the labels turn vertical past 16
 * cases, and the bottom margin fits the longest label. Appends gnuplot settings to extra.
 */
static void x_room(const struct lb_plot_ctx *p, size_t n_labels, size_t per_label, size_t maxlen,
		   char *extra, size_t len)
{
	size_t used = strlen(extra), bars = n_labels * (per_label ? per_label : 1);
	int rot = n_labels > 16 ? 90 : 45;
	double rows = 2.5 + (double)maxlen * 0.62 * (rot == 90 ? 1.0 : 0.72);
	size_t width = 220 + bars * 26, cols = 24 + bars * 4;

	if (width < 1200)
		width = 1200;
	if (width > 8000)
		width = 8000;
	if (cols < 110)
		cols = 110;
	if (cols > 400)
		cols = 400;
	if (!strcmp(p->fmt, "ascii"))
		snprintf(extra + used, len - used, "cols=%zu; bmargin=3;", cols);
	else
		snprintf(extra + used, len - used, "width=%zu; xrot=%d; bmargin=%.0f;", width, rot,
			 rows);
}

/*
 * ASCII figures cannot rotate tick labels: the cases are numbered on the axis and listed
 * under the figure, wrapped at its width.
 */
static void ascii_case_list(const struct lb_plot_ctx *p, const char *name, char **labels, size_t n)
{
	char path[4096];
	size_t col = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.%s", p->outdir, name, p->ext);
	f = fopen(path, "a");
	if (!f)
		return;
	fprintf(f, "cases:");
	col = 6;
	for (size_t k = 0; k < n; k++) {
		size_t w = strlen(labels[k]) + 8;

		if (col + w > 108) {
			fprintf(f, "\n      ");
			col = 6;
		}
		col += (size_t)fprintf(f, "  %zu = %s", k + 1, labels[k]);
	}
	fprintf(f, "\n");
	fclose(f);
}

static size_t max_len(char **labels, size_t n)
{
	size_t m = 0;

	for (size_t k = 0; k < n; k++)
		if (strlen(labels[k]) > m)
			m = strlen(labels[k]);
	return m;
}

/* ---- A/B bars: one row per case, one (median, low, high) triple per run. ---- */
/* what(), plus the control note when a run says the mode cannot move this metric here. */
static void title_of(const struct lb_plot_ctx *p, char *buf, size_t len, const char *workload,
		     const char *metric)
{
	bool control = false;

	what(buf, len, workload, metric);
	for (size_t r = 0; r < p->n_runs && !control; r++)
		for (size_t i = 0; i < p->runs[r].n_cases && !control; i++) {
			const struct lb_rcase *c = &p->runs[r].cases[i];
			const struct lb_rmetric *m = metric_of(c, metric);

			control = !strcmp(c->workload, workload) && m && m->effect &&
				  !strcmp(m->effect, LB_EFFECT_CONTROL);
		}
	if (control)
		snprintf(buf + strlen(buf), len - strlen(buf), " [" LB_EFFECT_CONTROL "]");
}

void lb_plot_bars(struct lb_plot_ctx *p, const char *workload, const char *metric, const char *unit)
{
	char name[256], path[4096], title[512], ylabel[128], extra[256];
	char **labels = NULL;
	size_t n_labels, n_series = 0;
	bool has[p->n_runs];
	double *v, max = 0, scale;
	const char *shown;
	bool ascii = !strcmp(p->fmt, "ascii");
	FILE *f;

	fig_name(name, sizeof(name), "bars", workload, metric);
	n_labels = case_labels(p, workload, metric, &labels);
	if (!n_labels) {
		lb_plot_skip(p, name, "no case measured this metric");
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
	v = calloc(n_labels * p->n_runs * 3 + 1, sizeof(*v));
	if (!v) {
		free_labels(labels, n_labels);
		return;
	}
	for (size_t k = 0; k < n_labels; k++)
		for (size_t r = 0; r < p->n_runs; r++) {
			const struct lb_rmetric *m =
			    labelled(&p->runs[r], workload, labels[k], metric);
			double *t = &v[(k * p->n_runs + r) * 3];

			t[0] = t[1] = t[2] = NAN;
			if (m && m->n)
				median_ci(m, &t[0], &t[1], &t[2]);
			if (!isnan(t[0]) && t[0] > max)
				max = t[0];
		}
	scale = time_scale(unit, max, &shown);
	lb_plot_data_path(p, name, path, sizeof(path));
	f = fopen(path, "w");
	if (!f) {
		lb_plot_skip(p, name, "cannot write its data file");
		free(v);
		free_labels(labels, n_labels);
		return;
	}
	fprintf(f, "\"case\"");
	for (size_t r = 0; r < p->n_runs; r++)
		if (has[r])
			fprintf(f, " \"%s\" \"low\" \"high\"", p->runs[r].label);
	fprintf(f, "\n");
	for (size_t k = 0; k < n_labels; k++) {
		if (ascii)
			fprintf(f, "\"%zu\"", k + 1);
		else
			fprintf(f, "\"%s\"", labels[k]);
		for (size_t r = 0; r < p->n_runs; r++) {
			const double *t = &v[(k * p->n_runs + r) * 3];

			if (has[r])
				fprintf(f, " %.6g %.6g %.6g", t[0] / scale, t[1] / scale,
					t[2] / scale);
		}
		fprintf(f, "\n");
	}
	fclose(f);
	free(v);
	title_of(p, title, sizeof(title), workload, metric);
	snprintf(title + strlen(title), sizeof(title) - strlen(title), ": median per run, 95%% CI");
	snprintf(ylabel, sizeof(ylabel), "%s per operation (%s, median)", metric, shown);
	snprintf(extra, sizeof(extra), "nseries=%zu;", n_series);
	x_room(p, n_labels, n_series, max_len(labels, n_labels), extra, sizeof(extra));
	if (!lb_plot_draw(p, "bars", name, path, title, ylabel, extra) && ascii)
		ascii_case_list(p, name, labels, n_labels);
	free_labels(labels, n_labels);
}

/*
 * ---- Box plots of raw samples: one box per case and run, the runs of a case side by side,
 * each run in its own colour (blocks of "x value" rows, one block per box). ----
 */
void lb_plot_boxes(struct lb_plot_ctx *p, const char *workload, const char *metric,
		   const char *unit)
{
	char name[256], path[4096], title[512], ylabel[160];
	char **labels = NULL, *extra = NULL, *runs = NULL;
	size_t n_labels, n_boxes = 0, len, used;
	double max = 0, scale;
	const char *shown;
	bool ascii = !strcmp(p->fmt, "ascii");
	FILE *f;

	fig_name(name, sizeof(name), "box", workload, metric);
	n_labels = case_labels(p, workload, metric, &labels);
	for (size_t k = 0; k < n_labels; k++)
		for (size_t r = 0; r < p->n_runs; r++) {
			const struct lb_rmetric *m =
			    labelled(&p->runs[r], workload, labels[k], metric);

			for (size_t s = 0; m && s < m->n; s++)
				if (m->samples[s] > max)
					max = m->samples[s];
		}
	scale = time_scale(unit, max, &shown);
	len = 512 + n_labels * (max_len(labels, n_labels) + 32) + n_labels * p->n_runs * 8;
	for (size_t r = 0; r < p->n_runs; r++)
		len += strlen(p->runs[r].label) + 2;
	extra = malloc(len);
	runs = malloc(len);
	lb_plot_data_path(p, name, path, sizeof(path));
	f = extra && runs ? fopen(path, "w") : NULL;
	if (!f) {
		lb_plot_skip(p, name, "cannot write its data file");
		goto out;
	}
	/* Box of case k, run r at x = 1 + k (runs + 1) + r; the case label under its boxes. */
	snprintf(extra, len, "xticcmd='set xtics (");
	for (size_t k = 0; k < n_labels; k++) {
		double centre =
		    1 + (double)k * (double)(p->n_runs + 1) + (double)(p->n_runs - 1) / 2;
		char lab[32];

		if (ascii)
			snprintf(lab, sizeof(lab), "%zu", k + 1);
		used = strlen(extra);
		snprintf(extra + used, len - used, "%s\"%s\" %g", k ? ", " : "",
			 ascii ? lab : labels[k], centre);
		for (size_t r = 0; r < p->n_runs; r++) {
			const struct lb_rmetric *m =
			    labelled(&p->runs[r], workload, labels[k], metric);

			if (!m || !m->n)
				continue;
			fprintf(f, "%s", n_boxes ? "\n\n" : "");
			for (size_t s = 0; s < m->n; s++)
				fprintf(f, "%zu %.6g\n", 1 + k * (p->n_runs + 1) + r,
					m->samples[s] / scale);
			n_boxes++;
		}
	}
	fclose(f);
	if (!n_boxes) {
		lb_plot_skip(p, name, "no samples");
		goto out;
	}
	/* Which run each box belongs to, in block order: its linetype (colour). */
	used = strlen(extra);
	snprintf(extra + used, len - used, ")'; nboxes=%zu; nruns=%zu; array boxrun[%zu]; ",
		 n_boxes, p->n_runs, n_boxes);
	n_boxes = 0;
	for (size_t k = 0; k < n_labels; k++)
		for (size_t r = 0; r < p->n_runs; r++) {
			const struct lb_rmetric *m =
			    labelled(&p->runs[r], workload, labels[k], metric);

			if (!m || !m->n)
				continue;
			used = strlen(extra);
			snprintf(extra + used, len - used, "boxrun[%zu]=%zu; ", ++n_boxes, r + 1);
		}
	runs[0] = 0;
	for (size_t r = 0; r < p->n_runs; r++) {
		used = strlen(runs);
		snprintf(runs + used, len - used, "%s%s", r ? " " : "", p->runs[r].label);
	}
	used = strlen(extra);
	snprintf(extra + used, len - used, "runnames='%s'; ", runs);
	used = strlen(extra);
	x_room(p, n_labels, p->n_runs, max_len(labels, n_labels), extra + used, len - used);
	title_of(p, title, sizeof(title), workload, metric);
	snprintf(title + strlen(title), sizeof(title) - strlen(title), ": raw samples");
	snprintf(ylabel, sizeof(ylabel), "%s per operation (%s, log scale)", metric, shown);
	if (!lb_plot_draw(p, "box", name, path, title, ylabel, extra) && ascii)
		ascii_case_list(p, name, labels, n_labels);
out:
	free(extra);
	free(runs);
	free_labels(labels, n_labels);
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

/* One more point at the end of *pts (grown as needed); NULL when out of memory. */
static struct point *next_point(struct point **pts, size_t *n, size_t *cap)
{
	if (*n == *cap) {
		struct point *g = realloc(*pts, (*cap * 2 + 16) * sizeof(*g));

		if (!g)
			return NULL;
		*pts = g;
		*cap = *cap * 2 + 16;
	}
	return &(*pts)[(*n)++];
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
			pt = next_point(&pts, &n, &cap);
			if (!pt)
				break;
			series_name(pt->series, sizeof(pt->series), p, r, c, by_batch, !by_batch);
			median_ci(m, &pt->y, &pt->lo, &pt->hi);
			/* Per PTE for the batch figure: the batch saving is per page-table entry.
			 */
			scale = by_batch ? lb_case_ptes(&p->runs[r], c) : 1.0;
			pt->y /= scale;
			pt->lo /= scale;
			pt->hi /= scale;
			pt->x = by_batch ? (double)c->batch : (double)c->pages;
		}
	*n_out = n;
	return pts;
}

/*
 * Scale a line figure's points to ns/us/ms and choose its y range from the medians: a CI
 * reaching far beyond them is cut at the border instead of squashing every line. Appends
 * ymin/ymax to extra; returns the divisor, the unit shown in *shown.
 */
static double fit_lines(struct point *pts, size_t n, const char *unit, const char **shown,
			char *extra, size_t len)
{
	double max = 0, lo_m = INFINITY, hi_m = 0, lo = INFINITY, hi = 0, span, top, bottom, pad;
	double scale;
	size_t used = strlen(extra);

	for (size_t i = 0; i < n; i++)
		if (pts[i].y > max)
			max = pts[i].y;
	scale = time_scale(unit, max, shown);
	for (size_t i = 0; i < n; i++) {
		pts[i].y /= scale;
		pts[i].lo /= scale;
		pts[i].hi /= scale;
		lo_m = fmin(lo_m, pts[i].y);
		hi_m = fmax(hi_m, pts[i].y);
		lo = fmin(lo, pts[i].lo);
		hi = fmax(hi, pts[i].hi);
	}
	if (!n || !isfinite(lo_m))
		return scale;
	span = hi_m - lo_m > 0.2 * hi_m ? hi_m - lo_m : 0.2 * hi_m;
	top = fmin(hi, hi_m + span);
	bottom = fmax(fmax(lo, lo_m - span), 0);
	pad = 0.05 * (top - bottom > 0 ? top - bottom : 1);
	snprintf(extra + used, len - used, " ymin=%.6g; ymax=%.6g;", fmax(bottom - pad, 0),
		 top + pad);
	return scale;
}

void lb_plot_batch(struct lb_plot_ctx *p, const char *workload, const char *metric,
		   const char *unit)
{
	char name[256], path[4096], knee[4096], title[512], ylabel[128], extra[4400], yr[96] = "";
	struct point *pts;
	const char *shown;
	double scale;
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
	scale = fit_lines(pts, n, unit, &shown, yr, sizeof(yr));
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
				fprintf(f, "%ld %.6g\n", rows[i].chosen->batch,
					rows[i].cost / scale);
				knees++;
			}
		if (nr > 0)
			free(rows);
	}
	if (!knees)
		fprintf(f, "NaN NaN\n");
	fclose(f);
	title_of(p, title, sizeof(title), workload, metric);
	snprintf(title + strlen(title), sizeof(title) - strlen(title),
		 ": cost per PTE vs batch size");
	snprintf(ylabel, sizeof(ylabel), "%s per PTE (%s, median, 95%% CI)", metric, shown);
	snprintf(extra, sizeof(extra), "nseries=%zu; kneefile='%s';%s", series, knee, yr);
	lb_plot_draw(p, "batch", name, path, title, ylabel, extra);
}

/* The TCG plugin's exact counts (scope vcpu) of one counter of a workload's cases. */
static struct point *collect_counter(struct lb_plot_ctx *p, const char *workload,
				     const char *counter, size_t *n_out, bool *nonzero)
{
	size_t cap = 0, n = 0;
	struct point *pts = NULL;

	*nonzero = false;
	for (size_t r = 0; r < p->n_runs; r++)
		for (size_t i = 0; i < p->runs[r].n_cases; i++) {
			const struct lb_rcase *c = &p->runs[r].cases[i];
			const struct lb_rcounter *k = NULL;
			struct point *pt;
			double ptes;

			for (size_t j = 0; j < c->n_counters && !k; j++)
				if (!strcmp(c->counters[j].name, counter) &&
				    !strcmp(c->counters[j].scope, "vcpu"))
					k = &c->counters[j];
			if (strcmp(c->workload, workload) || !k || !k->available || !k->n ||
			    c->pages <= 0 || c->batch < 0)
				continue;
			pt = next_point(&pts, &n, &cap);
			if (!pt)
				break;
			series_name(pt->series, sizeof(pt->series), p, r, c, true, false);
			/* Median, and the repetitions' range as the bar: none for an exact count.
			 */
			ptes = lb_case_ptes(&p->runs[r], c);
			pt->y = lb_stats_median(k->values, k->n) / ptes;
			pt->lo = pt->hi = k->values[0];
			for (size_t v = 1; v < k->n; v++) {
				pt->lo = k->values[v] < pt->lo ? k->values[v] : pt->lo;
				pt->hi = k->values[v] > pt->hi ? k->values[v] : pt->hi;
			}
			pt->lo /= ptes;
			pt->hi /= ptes;
			pt->x = (double)c->batch;
			*nonzero |= pt->hi > 0;
		}
	*n_out = n;
	return pts;
}

void lb_plot_counter_batch(struct lb_plot_ctx *p, const char *workload, const char *counter)
{
	char name[256], path[4096], knee[4096], title[512], ylabel[160], extra[4300];
	struct point *pts;
	size_t n, series;
	bool nonzero;
	FILE *f;

	fig_name(name, sizeof(name), "batch", workload, counter);
	pts = collect_counter(p, workload, counter, &n, &nonzero);
	if (!n || !nonzero) {
		/* Runs without the plugin's counts (outside the VM bed) get no figure, silently. */
		if (n)
			lb_plot_skip(p, name, "zero in every case");
		free(pts);
		return;
	}
	lb_plot_data_path(p, name, path, sizeof(path));
	f = fopen(path, "w");
	series = f ? write_series(f, pts, n) : 0;
	if (f)
		fclose(f);
	free(pts);
	snprintf(knee, sizeof(knee), "%s/%s.knee.dat", p->outdir, name);
	f = series ? fopen(knee, "w") : NULL;
	if (!f) {
		lb_plot_skip(p, name, "no series with two or more batch sizes");
		return;
	}
	fprintf(f, "NaN NaN\n"); /* no tune pick for a count */
	fclose(f);
	snprintf(title, sizeof(title),
		 "%s: %s per PTE vs batch size (exact counts, QEMU TCG plugin)", workload, counter);
	snprintf(ylabel, sizeof(ylabel), "%s per PTE (median; bar: range over repetitions)",
		 counter);
	snprintf(extra, sizeof(extra), "nseries=%zu; kneefile='%s';", series, knee);
	lb_plot_draw(p, "batch", name, path, title, ylabel, extra);
}

void lb_plot_pages(struct lb_plot_ctx *p, const char *workload, const char *metric,
		   const char *unit)
{
	char name[256], path[4096], title[512], ylabel[128], extra[160];
	struct point *pts;
	size_t n, series;
	const char *shown;
	FILE *f;

	fig_name(name, sizeof(name), "pages", workload, metric);
	pts = collect(p, workload, metric, false, &n);
	extra[0] = 0;
	fit_lines(pts, n, unit, &shown, extra, sizeof(extra));
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
	title_of(p, title, sizeof(title), workload, metric);
	snprintf(title + strlen(title), sizeof(title) - strlen(title),
		 ": cost vs pages per operation");
	snprintf(ylabel, sizeof(ylabel), "%s per operation (%s, median, 95%% CI)", metric, shown);
	snprintf(extra + strlen(extra), sizeof(extra) - strlen(extra), " nseries=%zu;", series);
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

/*
 * The figure's scopes: the measuring CPU (every placement has it), the reader's CPU (only
 * placements with a reader), and system-wide counts where a run recorded them. The thread
 * scope is left to compare: it misses the fork child and anything else the operation makes
 * the CPU do.
 */
static const char *const remote_scopes[] = {"cpu", "remote_cpu", "system"};
static const char *const remote_scope_titles[] = {"measuring CPU", "remote CPU", "system-wide"};
#define N_REMOTE_SCOPES (sizeof(remote_scopes) / sizeof(remote_scopes[0]))

static const struct lb_rcounter *scoped_counter(const struct lb_rcase *c, const char *name,
						const char *scope)
{
	for (size_t j = 0; c && j < c->n_counters; j++)
		if (!strcmp(c->counters[j].name, name) && str_eq(c->counters[j].scope, scope))
			return &c->counters[j];
	return NULL;
}

/* Median count per operation of a counter in one scope, NAN when that scope has none. */
double lb_plot_remote_value(const struct lb_rcase *c, const char *name, const char *scope)
{
	const struct lb_rcounter *q = scoped_counter(c, name, scope);

	return q && is_count(q) ? lb_stats_median(q->values, q->n) : NAN;
}

void lb_plot_remote(struct lb_plot_ctx *p, const char *workload)
{
	char name[256];

	fig_name(name, sizeof(name), "remote", workload, NULL);
	for (size_t r = 0; r < p->n_runs; r++) {
		const struct lb_rrun *run = &p->runs[r];
		const struct lb_rcase *lead = NULL, *cases[N_PLACEMENTS];
		const char *names[32], *refused = NULL, *unavail = NULL;
		/* Series: (counter index, scope index) pairs with a count above 0 somewhere. */
		size_t ser_name[64], ser_scope[64], n_ser = 0, n_names = 0, best = 0;
		char path[4096], fig[300], title[512], extra[1400], group[160];
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
		for (size_t s = 0; s < N_REMOTE_SCOPES; s++)
			for (size_t x = 0; x < n_names && n_ser < 64; x++) {
				bool nonzero = false;

				for (size_t k = 0; k < N_PLACEMENTS; k++) {
					double v = cases[k]
						       ? lb_plot_remote_value(cases[k], names[x],
									      remote_scopes[s])
						       : NAN;

					nonzero |= !isnan(v) && v > 0;
				}
				if (!nonzero)
					continue;
				ser_name[n_ser] = x;
				ser_scope[n_ser++] = s;
			}
		if (!n_ser) {
			char reason[512];

			snprintf(reason, sizeof(reason), "%s%s%s",
				 n_names ? "every event count is 0 on both CPUs at every placement"
					 : "no event counter available",
				 !n_names && unavail ? ": " : "",
				 n_names   ? ""
				 : unavail ? unavail
					   : " (none recorded)");
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
		for (size_t x = 0; x < n_ser; x++)
			fprintf(f, " \"%s: %s\"", remote_scope_titles[ser_scope[x]],
				names[ser_name[x]]);
		fprintf(f, "\n");
		for (size_t k = 0; k < N_PLACEMENTS; k++) {
			if (!cases[k])
				continue;
			fprintf(f, "\"%s%s\"", placements[k], k ? "" : " (no reader)");
			for (size_t x = 0; x < n_ser; x++)
				fprintf(f, " %.6g",
					lb_plot_remote_value(cases[k], names[ser_name[x]],
							     remote_scopes[ser_scope[x]]));
			fprintf(f, "\n");
		}
		fclose(f);
		snprintf(group, sizeof(group), "%s", case_label(lead));
		/* The label ends with the placement of the lead case: drop it, it is the x axis. */
		if (strcmp(lead->remote, "none") && strrchr(group, '/'))
			*strrchr(group, '/') = 0;
		snprintf(title, sizeof(title),
			 "%s %s: events per operation vs remote placement (run %s)", workload,
			 group, run->label);
		/* Colour by counter, so one counter on both CPUs shares it; hatched = remote. */
		snprintf(extra, sizeof(extra),
			 "ncols=%zu; rows=%zu; array serlt[%zu]; array serremote[%zu];", n_ser + 1,
			 34 + n_ser, n_ser, n_ser);
		for (size_t x = 0; x < n_ser; x++) {
			size_t used = strlen(extra);

			snprintf(extra + used, sizeof(extra) - used,
				 " serlt[%zu]=%zu; serremote[%zu]=%zu;", x + 1, ser_name[x] + 1,
				 x + 1, (size_t)(ser_scope[x] == 1));
		}
		lb_plot_draw(
		    p, "remote", fig, path, title,
		    "events per operation (median; measuring CPU solid, remote CPU hatched)",
		    extra);
	}
}
