/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `validate` across separately started runs (issue 11): what compare is used for. The runs
 * (each one or more replicates, in the order they ran) are cut into pairs of 2k consecutive
 * runs; inside a pair, positions 0,3,4,7,... are side A and 1,2,5,6,... side B (A B B A: linear
 * drift hits both sides alike). Every case and metric of a pair is compared with
 * lb_rep_compare, as `compare` does:
 * - A/A: the false-positive rate, with its Clopper-Pearson 95% interval, and how many pairs had
 *   at least one positive among their cases (the family-wise rate);
 * - an additive delay d = shift x (the case's median over all runs) added to every B sample:
 *   the detection rate (power) for each shift. On the host this is the only way to inject a
 *   known slowdown (no module); the VM bed's module knob injects it for real.
 * Tests of the cases of one pair share runs, so they are not independent: the interval is
 * a guide, the per-pair rate the conservative figure.
 */
#ifndef LB_ANALYSIS_VALIDATE_RUNS_H
#define LB_ANALYSIS_VALIDATE_RUNS_H

#include <stdbool.h>
#include <stdio.h>

#include "replicates.h"
#include "validate.h"
#include "results_read.h"

#define VR_MAX_SHIFTS 8

/* A B B A A B B A ...: position p of a pair is side B when p % 4 is 1 or 2. */
bool vr_side_b(size_t p);

struct vr_report {
	size_t pairs, k;
	size_t n_shifts;
	double shifts[VR_MAX_SHIFTS];
	struct lb_aa_result tests[VR_MAX_SHIFTS]; /* per case and metric and pair */
	struct lb_aa_result any[VR_MAX_SHIFTS];	  /* per pair: any case positive */
	size_t metrics;				  /* case-metric series used */
	double sd_between_median;		  /* median over series of the run-to-run SD */
	double sd_within_median;		  /* median over series of the within-run SD */
	size_t runs_needed_median;		  /* median over series, for opts.target */
	double seconds_per_run;			  /* from started_at/finished_at; NAN if unknown */
};

/*
 * runs[0..n-1] in the order they ran; k runs per side. Per-case lines go to f (may be NULL).
 * 0, or -1 when fewer than 2k runs are given or out of memory.
 */
int validate_runs(FILE *f, const struct lb_rrun *runs, size_t n, size_t k, const double *shifts,
		  size_t n_shifts, const struct lb_rep_opts *o, struct vr_report *out);

/*
 * The same for runs whose B side already carries a known slowdown (the module's delay, run
 * --delay-ns): shift only labels it (a positive is "different" with B slower); only metric
 * index `metric` of each case is tested (-1: every metric), the one the delay was calibrated on.
 */
int validate_runs_injected(FILE *f, const struct lb_rrun *runs, size_t n, size_t k, double shift,
			   int metric, const struct lb_rep_opts *o, struct vr_report *out);

/*
 * The module delay per section that adds shift x median_ns to a metric made of `sections`
 * sections: round(shift x median / sections) ns, or 0 when it is below 1 ns or above max_ns
 * (the module's max_delay_ns), or an input is not positive.
 */
unsigned vr_delay_ns(double median_ns, double shift, double sections, unsigned max_ns);

#endif
