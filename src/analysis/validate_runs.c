// SPDX-License-Identifier: GPL-2.0
/* A/A false positives and power across separately started runs; see validate_runs.h. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "units.h"
#include "validate_runs.h"

bool vr_side_b(size_t p)
{
	return p % 4 == 1 || p % 4 == 2;
}

struct series {
	double *x;
	size_t *counts;
	size_t n, k;
};

static void series_free(struct series *s)
{
	free(s->x);
	free(s->counts);
	memset(s, 0, sizeof(*s));
}

/* Append the units of (case id, metric) of run r; adding d to every sample. -1: missing. */
static int append(struct series *s, const struct lb_rrun *r, const char *id, const char *metric,
		  double d)
{
	const struct lb_rcase *c = NULL;
	const struct lb_rmetric *m = NULL;
	struct lb_units u;
	double *nx;
	size_t *nc;

	for (size_t i = 0; i < r->n_cases && !c; i++)
		if (!strcmp(r->cases[i].id, id))
			c = &r->cases[i];
	for (size_t i = 0; c && i < c->n_metrics && !m; i++)
		if (!strcmp(c->metrics[i].name, metric))
			m = &c->metrics[i];
	if (!m || !m->n || lb_units_of(r, c, m, false, &u))
		return -1;
	nx = realloc(s->x, (s->n + m->n) * sizeof(*nx));
	if (nx)
		s->x = nx;
	nc = nx ? realloc(s->counts, (s->k + u.side.k) * sizeof(*nc)) : NULL;
	if (nc)
		s->counts = nc;
	if (!nx || !nc) {
		lb_units_free(&u);
		return -1;
	}
	for (size_t i = 0; i < m->n; i++)
		s->x[s->n + i] = m->samples[i] + d;
	memcpy(s->counts + s->k, u.counts, u.side.k * sizeof(*nc));
	s->n += m->n;
	s->k += u.side.k;
	lb_units_free(&u);
	return 0;
}

static struct lb_rep_side side_of(const struct series *s)
{
	return (struct lb_rep_side){.samples = s->x, .counts = s->counts, .k = s->k};
}

static double run_seconds(const struct lb_rrun *r)
{
	const char *a = json_string_value(json_object_get(r->root, "started_at"));
	const char *b = json_string_value(json_object_get(r->root, "finished_at"));
	struct tm ta = {0}, tb = {0};

	if (!a || !b || !strptime(a, "%Y-%m-%dT%H:%M:%SZ", &ta) ||
	    !strptime(b, "%Y-%m-%dT%H:%M:%SZ", &tb))
		return NAN;
	return difftime(timegm(&tb), timegm(&ta));
}

static double median_of(double *v, size_t n)
{
	if (!n)
		return NAN;
	gsl_sort(v, 1, n);
	return gsl_stats_median_from_sorted_data(v, 1, n);
}

/*
 * All pairs of one series (case id, metric) for every shift; per-pair hits into hit[]. With
 * in_samples the shift is added to the B samples here; otherwise it is already in them (the
 * module's delay) and only names the expected direction.
 */
static int one_series(FILE *f, const struct lb_rrun *runs, size_t k, const char *id,
		      const char *metric, const struct lb_rep_opts *o, struct vr_report *out,
		      bool *hit, struct lb_rep_summary *all, bool in_samples)
{
	struct series every = {0};
	char cells[VR_MAX_SHIFTS][24];
	double cal;

	for (size_t r = 0; r < out->pairs * 2 * k; r++)
		if (append(&every, &runs[r], id, metric, 0)) {
			series_free(&every);
			return -1;
		}
	{
		struct lb_rep_side s = side_of(&every);

		lb_rep_summarize(&s, all);
	}
	series_free(&every);
	cal = all->median; /* the calibration of the additive delay */
	for (size_t sh = 0; sh < out->n_shifts; sh++) {
		size_t pos = 0;

		for (size_t p = 0; p < out->pairs; p++) {
			struct series a = {0}, b = {0};
			struct lb_rep_side sa, sb;
			struct lb_rep_ab ab;
			bool bad = false;

			for (size_t q = 0; q < 2 * k && !bad; q++) {
				const struct lb_rrun *r = &runs[p * 2 * k + q];

				bad = vr_side_b(q) ? append(&b, r, id, metric,
							    in_samples ? out->shifts[sh] * cal : 0)
						   : append(&a, r, id, metric, 0);
			}
			sa = side_of(&a);
			sb = side_of(&b);
			if (!bad && !lb_rep_compare(&sa, &sb, o, &ab) &&
			    ab.verdict != LB_VERDICT_NONE) {
				bool positive = ab.verdict == LB_VERDICT_DIFFERENT &&
						(out->shifts[sh] == 0 || ab.ratio > 1);

				out->tests[sh].pairs++;
				out->tests[sh].positives += positive;
				pos += positive;
				hit[sh * out->pairs + p] |= positive;
			}
			series_free(&a);
			series_free(&b);
		}
		snprintf(cells[sh], sizeof(cells[sh]), "%zu/%zu", pos, out->pairs);
	}
	if (f) {
		fprintf(f, "  %-34s %-10s %9.0f %6.1f%% %6.1f%%", id, metric, all->median,
			all->sd_between * 100, all->sd_within * 100);
		for (size_t sh = 0; sh < out->n_shifts; sh++)
			fprintf(f, " %8s", cells[sh]);
		fprintf(f, "\n");
	}
	return 0;
}

static int validate_impl(FILE *f, const struct lb_rrun *runs, size_t n, size_t k,
			 const double *shifts, size_t n_shifts, const struct lb_rep_opts *o,
			 struct vr_report *out, bool in_samples, int only_metric)
{
	const struct lb_rrun *lead = &runs[0];
	double *sdb = NULL, *sdw = NULL, *need = NULL, *secs = NULL;
	bool *hit = NULL;
	size_t ns = 0, nn = 0, nsec = 0;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (!k || n < 2 * k || n_shifts > VR_MAX_SHIFTS)
		return -1;
	out->k = k;
	out->pairs = n / (2 * k);
	out->n_shifts = n_shifts;
	memcpy(out->shifts, shifts, n_shifts * sizeof(*shifts));
	hit = calloc(n_shifts * out->pairs, sizeof(*hit));
	secs = calloc(n, sizeof(*secs));
	{
		size_t cap = 1;

		for (size_t i = 0; i < lead->n_cases; i++)
			cap += lead->cases[i].n_metrics;
		sdb = calloc(cap, sizeof(*sdb));
		sdw = calloc(cap, sizeof(*sdw));
		need = calloc(cap, sizeof(*need));
	}
	if (!hit || !secs || !sdb || !sdw || !need)
		goto out;
	if (f) {
		fprintf(f, "  %-34s %-10s %9s %7s %7s", "case", "metric", "median", "run SD",
			"rep SD");
		for (size_t sh = 0; sh < n_shifts; sh++) {
			char h[16];

			snprintf(h, sizeof(h), sh || shifts[0] ? "+%.0f%%" : "A/A FP",
				 shifts[sh] * 100);
			fprintf(f, " %8s", h);
		}
		fprintf(f, "\n");
	}
	for (size_t i = 0; i < lead->n_cases; i++) {
		const struct lb_rcase *c = &lead->cases[i];

		if (c->refused) {
			if (f)
				fprintf(f, "  %-34s unavailable: %s\n", c->id, c->refused);
			continue;
		}
		for (size_t m = 0; m < c->n_metrics; m++) {
			struct lb_rep_summary all;
			size_t rn;

			if (only_metric >= 0 && m != (size_t)only_metric)
				continue;
			if (one_series(f, runs, k, c->id, c->metrics[m].name, o, out, hit, &all,
				       in_samples)) {
				if (f)
					fprintf(f, "  %-34s %-10s unavailable: not in every run\n",
						c->id, c->metrics[m].name);
				continue;
			}
			out->metrics++;
			sdb[ns] = all.sd_between;
			sdw[ns++] = all.sd_within;
			rn = lb_rep_runs_needed(all.sd_between, log1p(o->target), o->alpha,
						o->power, false);
			need[nn++] = (double)rn;
		}
	}
	for (size_t sh = 0; sh < n_shifts; sh++) {
		for (size_t p = 0; p < out->pairs; p++) {
			out->any[sh].pairs++;
			out->any[sh].positives += hit[sh * out->pairs + p];
		}
		lb_aa_finish(&out->tests[sh]);
		lb_aa_finish(&out->any[sh]);
	}
	out->sd_between_median = median_of(sdb, ns);
	out->sd_within_median = median_of(sdw, ns);
	out->runs_needed_median = nn ? (size_t)median_of(need, nn) : 0;
	for (size_t r = 0; r < n; r++) {
		double s = run_seconds(&runs[r]);

		if (!isnan(s))
			secs[nsec++] = s;
	}
	out->seconds_per_run = nsec ? gsl_stats_mean(secs, 1, nsec) : NAN;
	rc = 0;
out:
	free(hit);
	free(secs);
	free(sdb);
	free(sdw);
	free(need);
	return rc;
}

int validate_runs(FILE *f, const struct lb_rrun *runs, size_t n, size_t k, const double *shifts,
		  size_t n_shifts, const struct lb_rep_opts *o, struct vr_report *out)
{
	return validate_impl(f, runs, n, k, shifts, n_shifts, o, out, true, -1);
}

int validate_runs_injected(FILE *f, const struct lb_rrun *runs, size_t n, size_t k, double shift,
			   int metric, const struct lb_rep_opts *o, struct vr_report *out)
{
	return validate_impl(f, runs, n, k, &shift, 1, o, out, false, metric);
}

unsigned vr_delay_ns(double median_ns, double shift, double sections, unsigned max_ns)
{
	double d;

	if (!(median_ns > 0) || !(shift > 0) || !(sections >= 1))
		return 0;
	d = round(shift * median_ns / sections);
	return d >= 1 && d <= max_ns ? (unsigned)d : 0;
}
