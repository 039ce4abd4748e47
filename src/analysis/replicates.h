/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A/B inference with the replicate (a separately started process, or a boot) as the unit of
 * replication (issue 11).
 *
 * Repetitions inside one process share that process's page allocation, cache and TLB layout,
 * CPU frequency and the machine's load at that moment: they are not independent samples of
 * "the kernel". Tests that treat them as independent call A/A pairs different most of the time.
 * Here every replicate is reduced to one number, y = log(median of its repetitions), and the
 * two sides are compared on those numbers only:
 *
 * - estimator: the ratio of geometric means of the replicate medians, exp(mean y_B - mean y_A);
 * - test and CI: Welch's t on the y's; the CI is the set of log ratios the test does not
 *   reject, so p < alpha exactly when the CI excludes 1 (they cannot disagree);
 * - paired variant (in-process designs: two modes measured in the same replicate or round):
 *   one-sample t on the per-block differences y_B,i - y_A,i;
 * - no verdict with fewer than LB_REP_MIN replicates per side (the change and the runs needed
 *   are still reported);
 * - equivalence (TOST): the (1 - 2 alpha) CI inside +-X means "no change larger than X";
 * - effect size: Hedges' g on the replicate level; minimum detectable effect at the given
 *   power for the observed run-to-run noise, and the replicates per side needed for a target.
 *
 * Why not a rank test or a bootstrap at this level: with 3 replicates per side the smallest
 * exact Mann-Whitney p is 0.1, so it can never reject at 0.05, and a bootstrap of 3 replicates
 * has 10 distinct resamples. The t test on log medians (medians of 30 or so repetitions are
 * close to normal, the log makes a slowdown multiplicative) works from 3 per side, and its
 * false-positive rate and coverage are checked on synthetic hierarchical data (unit test) and
 * on real A/A runs (`lazybench validate`).
 *
 * Distributions, sorting, moments and quantiles are GSL's.
 */
#ifndef LB_ANALYSIS_REPLICATES_H
#define LB_ANALYSIS_REPLICATES_H

#include <stdbool.h>
#include <stddef.h>

/* Replicates per side below which no verdict is given. */
#define LB_REP_MIN 3
/* runs_needed gives up above this many replicates per side. */
#define LB_REP_MAX_RUNS 1000

/* One side of a comparison: k replicates of one metric, their samples back to back. */
struct lb_rep_side {
	const double *samples; /* counts[0] samples of replicate 1, then replicate 2, ... */
	const size_t *counts;  /* samples per replicate (a replicate with 0 is skipped) */
	size_t k;
};

struct lb_rep_summary {
	size_t k;	   /* replicates with at least one sample */
	size_t n;	   /* samples over all replicates */
	double median;	   /* median of the replicate medians (what a table prints) */
	double mean_log;   /* mean of log(replicate median) */
	double sd_between; /* SD of log(replicate median) ~ relative run-to-run SD; NAN if k < 2 */
	double sd_within; /* pooled within-replicate SD of log samples; NAN if no replicate has 2 */
	double sd_excess; /* run-to-run SD beyond what within-run noise explains:
			   * sqrt(max(0, sd_between^2 - (pi/2) sd_within^2 / mean n)); NAN when
			   * either is NAN */
};

enum lb_verdict {
	LB_VERDICT_NONE,	 /* fewer than LB_REP_MIN replicates on a side: no verdict */
	LB_VERDICT_DIFFERENT,	 /* p < alpha (CI of the ratio excludes 1) */
	LB_VERDICT_EQUIVALENT,	 /* not different, and no change larger than the margin */
	LB_VERDICT_INCONCLUSIVE, /* neither: more replicates needed */
};

struct lb_rep_opts {
	double alpha;  /* two-sided test level, e.g. 0.05 */
	double margin; /* equivalence margin X as a fraction, e.g. 0.05 for 5% */
	double target; /* change to plan the runs for, fraction, e.g. 0.05 */
	double power;  /* e.g. 0.80 */
};

struct lb_rep_ab {
	struct lb_rep_summary a, b;
	bool paired;
	size_t pairs; /* paired: blocks with both sides measured */
	double ratio; /* exp(mean y_B - mean y_A) (paired: exp(mean difference)); NAN if a side
		       * is empty */
	/* The rest is NAN (p, ci, eq, g, mde, df) / 0 (runs_needed) when it cannot be computed. */
	double t, df, p;
	double log_ratio, se;	/* the estimate and its standard error, on the log scale */
	double ci_low, ci_high; /* (1 - alpha) CI of the ratio */
	double eq_low, eq_high; /* (1 - 2 alpha) CI of the ratio (TOST) */
	double eq_bound;	/* smallest X with "no change larger than X" at level alpha */
	double sd_unit;		/* SD of the unit (pooled y SD, or SD of the differences) */
	double hedges_g;	/* standardized effect on the replicate level, bias corrected */
	double mde;		/* relative change detectable at opts.power with these k */
	size_t runs_needed;	/* replicates per side for opts.target at opts.power; 0: unknown
				 * (no noise estimate) or more than LB_REP_MAX_RUNS */
	bool runs_capped;	/* runs_needed would exceed LB_REP_MAX_RUNS */
	bool within_margin;	/* the (1 - 2 alpha) CI lies inside +-margin */
	enum lb_verdict verdict;
	const char *why_none; /* LB_VERDICT_NONE: the reason, for reports */
};

/* Summary of one side. 0, or -1 when it has no sample (out is then all NAN / 0). */
int lb_rep_summarize(const struct lb_rep_side *s, struct lb_rep_summary *out);

/* Independent replicates: Welch t on log replicate medians. 0, or -1 when a side is empty or a
 * median is not positive (out->why_none says which). */
int lb_rep_compare(const struct lb_rep_side *a, const struct lb_rep_side *b,
		   const struct lb_rep_opts *o, struct lb_rep_ab *out);

/* Paired blocks (replicate i or round i of side A with the same block of side B, as in
 * --mode-pairs where both modes run in the same process): one-sample t on the differences of
 * the log block medians. Blocks missing on either side are skipped. */
int lb_rep_compare_paired(const struct lb_rep_side *a, const struct lb_rep_side *b,
			  const struct lb_rep_opts *o, struct lb_rep_ab *out);

/* Smallest n per side (n >= LB_REP_MIN) with which a two-sided level-alpha t test detects a
 * log-ratio `delta` with the given power when the unit SD is sd; paired: one sample of n
 * differences. 0 when sd or delta is not positive and finite, LB_REP_MAX_RUNS + 1 when more
 * are needed. Uses the noncentral approximation t_{1-a/2,df} + t_{power,df}. */
size_t lb_rep_runs_needed(double sd, double delta, double alpha, double power, bool paired);

/* Relative change (fraction) detectable with the given power for these unit counts. */
double lb_rep_mde(double sd, size_t ka, size_t kb, double alpha, double power, bool paired);

/* The CI of the ratio at another two-sided level (--holm widens it to the test's Holm level).
 * NAN when the comparison gave no verdict. */
void lb_rep_ci(const struct lb_rep_ab *ab, double alpha, double *low, double *high);

/* Short name of a verdict for reports: "different", "equivalent", "inconclusive", "none". */
const char *lb_verdict_name(enum lb_verdict v);

#endif
