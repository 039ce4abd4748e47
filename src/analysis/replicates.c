// SPDX-License-Identifier: GPL-2.0
/* Replicate-level A/B inference; see replicates.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "replicates.h"

const char *lb_verdict_name(enum lb_verdict v)
{
	switch (v) {
	case LB_VERDICT_DIFFERENT:
		return "different";
	case LB_VERDICT_EQUIVALENT:
		return "equivalent";
	case LB_VERDICT_INCONCLUSIVE:
		return "inconclusive";
	default:
		return "none";
	}
}

/* Median of x[0..n-1] sorted in place. */
static double median_sorted_inplace(double *x, size_t n)
{
	gsl_sort(x, 1, n);
	return gsl_stats_median_from_sorted_data(x, 1, n);
}

/*
 * Log medians of each non-empty replicate into y (k entries; NAN for an empty one) and the
 * pooled within-replicate variance of the log samples into *var_w (NAN when no replicate has
 * two positive samples). A sample of 0 (a clock tick finer than the operation) stays in the
 * median and is left out of the within-replicate variance. -1 when a median is not positive.
 */
static int replicate_logs(const struct lb_rep_side *s, double *y, double *var_w, size_t *n_all)
{
	size_t off = 0, dfw = 0, maxn = 0;
	double ssw = 0, *work, *lw;

	for (size_t i = 0; i < s->k; i++)
		maxn = s->counts[i] > maxn ? s->counts[i] : maxn;
	work = malloc((maxn + 1) * sizeof(*work));
	lw = malloc((maxn + 1) * sizeof(*lw));
	if (!work || !lw) {
		free(work);
		free(lw);
		return -1;
	}
	*n_all = 0;
	for (size_t i = 0; i < s->k; off += s->counts[i], i++) {
		size_t n = s->counts[i], np = 0;
		double med;

		y[i] = NAN;
		if (!n)
			continue;
		for (size_t j = 0; j < n; j++) {
			work[j] = s->samples[off + j];
			if (work[j] > 0)
				lw[np++] = log(work[j]);
		}
		*n_all += n;
		if (np > 1) {
			ssw += gsl_stats_variance(lw, 1, np) * (double)(np - 1);
			dfw += np - 1;
		}
		med = median_sorted_inplace(work, n);
		if (!(med > 0)) {
			free(work);
			free(lw);
			return -1;
		}
		y[i] = log(med);
	}
	free(work);
	free(lw);
	*var_w = dfw ? ssw / (double)dfw : NAN;
	return 0;
}

/* Drop NAN entries (empty replicates) in place; returns how many are left. */
static size_t compact(double *y, size_t k)
{
	size_t m = 0;

	for (size_t i = 0; i < k; i++)
		if (!isnan(y[i]))
			y[m++] = y[i];
	return m;
}

static int summarize_into(const struct lb_rep_side *s, struct lb_rep_summary *out, double *y)
{
	double var_w, *c;
	size_t n_all;

	out->k = out->n = 0;
	out->median = out->mean_log = out->sd_between = out->sd_within = out->sd_excess = NAN;
	if (replicate_logs(s, y, &var_w, &n_all))
		return -1;
	out->k = compact(y, s->k);
	out->n = n_all;
	if (!out->k)
		return -1;
	out->mean_log = gsl_stats_mean(y, 1, out->k);
	c = malloc(out->k * sizeof(*c));
	if (!c)
		return -1;
	memcpy(c, y, out->k * sizeof(*c));
	out->median = exp(median_sorted_inplace(c, out->k));
	free(c);
	out->sd_within = sqrt(var_w);
	if (out->k > 1) {
		double vb = gsl_stats_variance(y, 1, out->k);
		/* The variance of a median of n normal samples is about (pi/2) sigma^2 / n. */
		double expected = M_PI / 2 * var_w / ((double)n_all / (double)out->k);

		out->sd_between = sqrt(vb);
		out->sd_excess = isnan(var_w) ? NAN : sqrt(fmax(0, vb - expected));
	}
	return 0;
}

int lb_rep_summarize(const struct lb_rep_side *s, struct lb_rep_summary *out)
{
	double *y = malloc((s->k + 1) * sizeof(*y));
	int rc;

	if (!y)
		return -1;
	rc = summarize_into(s, out, y);
	free(y);
	return rc;
}

static double tq(double p, double df)
{
	return gsl_cdf_tdist_Pinv(p, df);
}

size_t lb_rep_runs_needed(double sd, double delta, double alpha, double power, bool paired)
{
	delta = fabs(delta);
	if (!(sd > 0) || !isfinite(sd) || !(delta > 0) || !isfinite(delta))
		return 0;
	for (size_t n = LB_REP_MIN; n <= LB_REP_MAX_RUNS; n++) {
		double df = paired ? (double)n - 1 : 2.0 * (double)n - 2;
		double se = paired ? sd / sqrt((double)n) : sd * sqrt(2.0 / (double)n);

		if ((tq(1 - alpha / 2, df) + tq(power, df)) * se <= delta)
			return n;
	}
	return LB_REP_MAX_RUNS + 1;
}

double lb_rep_mde(double sd, size_t ka, size_t kb, double alpha, double power, bool paired)
{
	double df = paired ? (double)ka - 1 : (double)ka + (double)kb - 2;
	double se = paired ? sd / sqrt((double)ka) : sd * sqrt(1.0 / (double)ka + 1.0 / (double)kb);

	if (!(sd >= 0) || df < 1)
		return NAN;
	return exp((tq(1 - alpha / 2, df) + tq(power, df)) * se) - 1;
}

static void clear(struct lb_rep_ab *o)
{
	memset(o, 0, sizeof(*o));
	o->ratio = o->t = o->df = o->p = o->log_ratio = o->se = NAN;
	o->ci_low = o->ci_high = o->eq_low = o->eq_high = o->eq_bound = NAN;
	o->sd_unit = o->hedges_g = o->mde = NAN;
	o->verdict = LB_VERDICT_NONE;
}

/*
 * The test, the two CIs, equivalence and the verdict from the estimate d (log ratio), its
 * standard error se and degrees of freedom df. One t statistic feeds p and both intervals.
 */
static void infer(struct lb_rep_ab *o, double d, double se, double df, const struct lb_rep_opts *op)
{
	double h, he, lim = log1p(op->margin);

	o->df = df;
	o->log_ratio = d;
	o->se = se;
	if (se > 0) {
		o->t = d / se;
		o->p = 2 * gsl_cdf_tdist_Q(fabs(o->t), df);
		h = tq(1 - op->alpha / 2, df) * se;
		he = tq(1 - op->alpha, df) * se;
	} else { /* identical units: the difference is exact */
		o->t = d == 0 ? 0 : copysign(INFINITY, d);
		o->p = d == 0 ? 1 : 0;
		h = he = 0;
	}
	o->ci_low = exp(d - h);
	o->ci_high = exp(d + h);
	o->eq_low = exp(d - he);
	o->eq_high = exp(d + he);
	o->eq_bound = fmax(exp(fabs(d) + he), 1.0) - 1;
	o->within_margin = fabs(d) + he < lim;
	if (o->p < op->alpha)
		o->verdict = LB_VERDICT_DIFFERENT;
	else if (o->within_margin)
		o->verdict = LB_VERDICT_EQUIVALENT;
	else
		o->verdict = LB_VERDICT_INCONCLUSIVE;
}

void lb_rep_ci(const struct lb_rep_ab *ab, double alpha, double *low, double *high)
{
	double h;

	*low = *high = NAN;
	if (ab->verdict == LB_VERDICT_NONE)
		return;
	h = ab->se > 0 ? tq(1 - alpha / 2, ab->df) * ab->se : 0;
	*low = exp(ab->log_ratio - h);
	*high = exp(ab->log_ratio + h);
}

int lb_rep_compare(const struct lb_rep_side *a, const struct lb_rep_side *b,
		   const struct lb_rep_opts *op, struct lb_rep_ab *o)
{
	double *ya = malloc((a->k + 1) * sizeof(*ya)), *yb = malloc((b->k + 1) * sizeof(*yb));
	double va, vb, d, se, df, sp = NAN;
	size_t ka, kb;
	int rc = -1;

	clear(o);
	if (!ya || !yb) {
		o->why_none = "out of memory";
		goto out;
	}
	if (summarize_into(a, &o->a, ya) || summarize_into(b, &o->b, yb)) {
		o->why_none = "a replicate's median is not positive";
		goto out;
	}
	rc = 0;
	ka = o->a.k;
	kb = o->b.k;
	d = o->b.mean_log - o->a.mean_log;
	o->ratio = exp(d);
	va = ka > 1 ? gsl_stats_variance(ya, 1, ka) : NAN;
	vb = kb > 1 ? gsl_stats_variance(yb, 1, kb) : NAN;
	/* Pooled SD of the unit for planning: from whichever sides have two or more. */
	if (ka > 1 && kb > 1)
		sp = sqrt(((double)(ka - 1) * va + (double)(kb - 1) * vb) / (double)(ka + kb - 2));
	else if (ka > 1 || kb > 1)
		sp = sqrt(ka > 1 ? va : vb);
	o->sd_unit = sp;
	o->runs_needed = lb_rep_runs_needed(sp, log1p(op->target), op->alpha, op->power, false);
	o->runs_capped = o->runs_needed > LB_REP_MAX_RUNS;
	if (o->runs_capped)
		o->runs_needed = 0;
	if (ka < LB_REP_MIN || kb < LB_REP_MIN) {
		o->why_none = "fewer than 3 replicates on a side";
		goto out;
	}
	va /= (double)ka;
	vb /= (double)kb;
	se = sqrt(va + vb);
	/* Welch-Satterthwaite; with two identical sides fall back to the pooled df. */
	df = se > 0
		 ? (va + vb) * (va + vb) / (va * va / (double)(ka - 1) + vb * vb / (double)(kb - 1))
		 : (double)(ka + kb - 2);
	infer(o, d, se, df, op);
	if (sp > 0)
		o->hedges_g = d / sp * (1 - 3.0 / (4.0 * (double)(ka + kb) - 9));
	o->mde = lb_rep_mde(sp, ka, kb, op->alpha, op->power, false);
out:
	free(ya);
	free(yb);
	return rc;
}

int lb_rep_compare_paired(const struct lb_rep_side *a, const struct lb_rep_side *b,
			  const struct lb_rep_opts *op, struct lb_rep_ab *o)
{
	size_t k = a->k < b->k ? a->k : b->k, n = 0;
	double *ya = malloc((a->k + 1) * sizeof(*ya)), *yb = malloc((b->k + 1) * sizeof(*yb));
	double *dif = malloc((k + 1) * sizeof(*dif)), var_w, mean, sd;
	size_t n_all;
	int rc = -1;

	clear(o);
	o->paired = true;
	if (!ya || !yb || !dif) {
		o->why_none = "out of memory";
		goto out;
	}
	if (summarize_into(a, &o->a, ya) || summarize_into(b, &o->b, yb)) {
		o->why_none = "a replicate's median is not positive";
		goto out;
	}
	/* Again without compaction, so that block i of A stays beside block i of B. */
	replicate_logs(a, ya, &var_w, &n_all);
	replicate_logs(b, yb, &var_w, &n_all);
	for (size_t i = 0; i < k; i++)
		if (!isnan(ya[i]) && !isnan(yb[i]))
			dif[n++] = yb[i] - ya[i];
	rc = 0;
	o->pairs = n;
	if (!n) {
		o->why_none = "no block measured on both sides";
		goto out;
	}
	mean = gsl_stats_mean(dif, 1, n);
	o->ratio = exp(mean);
	sd = n > 1 ? gsl_stats_sd(dif, 1, n) : NAN;
	o->sd_unit = sd;
	o->runs_needed = lb_rep_runs_needed(sd, log1p(op->target), op->alpha, op->power, true);
	o->runs_capped = o->runs_needed > LB_REP_MAX_RUNS;
	if (o->runs_capped)
		o->runs_needed = 0;
	if (n < LB_REP_MIN) {
		o->why_none = "fewer than 3 blocks measured on both sides";
		goto out;
	}
	infer(o, mean, sd / sqrt((double)n), (double)n - 1, op);
	if (sd > 0)
		o->hedges_g = mean / sd * (1 - 3.0 / (4.0 * (double)(n - 1) - 1));
	o->mde = lb_rep_mde(sd, n, n, op->alpha, op->power, true);
out:
	free(ya);
	free(yb);
	free(dif);
	return rc;
}
