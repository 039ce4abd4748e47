/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-case hygiene of the repetitions inside each replicate: drift (Mann-Kendall trend test),
 * lag-1 autocorrelation with the effective number of independent samples it implies, and a
 * bimodality warning (Sarle's bimodality coefficient). These are warnings for the report; the
 * A/B inference (replicates.h) does not depend on them, since it only uses replicate medians.
 */
#ifndef LB_ANALYSIS_HYGIENE_H
#define LB_ANALYSIS_HYGIENE_H

#include <stdbool.h>
#include <stddef.h>

#include "replicates.h"

/* Drift is flagged when the Bonferroni-adjusted Mann-Kendall p is below this. */
#define LB_HYG_DRIFT_ALPHA 0.01
/* Sarle's coefficient of a uniform distribution; above it suggests two modes. */
#define LB_HYG_BIMODAL_BC (5.0 / 9.0)

struct lb_mk {
	double s;   /* Mann-Kendall S: sum of sign(x_j - x_i), i < j */
	double z;   /* continuity-corrected normal score (ties corrected) */
	double p;   /* two-sided */
	double tau; /* Kendall's tau-a = S / (n (n - 1) / 2) */
};

/* Mann-Kendall trend test of x in the given order. -1 when n < 3. */
int lb_mann_kendall(const double *x, size_t n, struct lb_mk *out);

/* Sarle's bimodality coefficient (g1^2 + 1) / (g2 + 3 (n-1)^2 / ((n-2)(n-3))), g1 and g2
 * GSL's skewness and excess kurtosis; NAN when n < 4 or the spread is 0. */
double lb_bimodality_coefficient(const double *x, size_t n);

struct lb_hygiene {
	size_t replicates; /* replicates examined (with at least 3 samples for drift) */
	/* Drift: the replicate with the strongest trend. */
	double drift_tau, drift_p; /* p Bonferroni-adjusted over the replicates (capped at 1) */
	size_t drift_replicate;	   /* 1-based */
	bool drift;		   /* drift_p < LB_HYG_DRIFT_ALPHA */
	/* Lag-1 autocorrelation of the log samples, averaged over replicates (weighted by n). */
	double lag1;
	double n_eff;	   /* sum over replicates of n (1 - r) / (1 + r) for r > 0, else n */
	size_t n;	   /* samples */
	double bimodality; /* median over replicates of Sarle's coefficient of log samples */
	bool bimodal;	   /* bimodality > LB_HYG_BIMODAL_BC */
};

/* Hygiene of one side's replicates. 0, or -1 when no replicate has 3 positive samples. */
int lb_hygiene(const struct lb_rep_side *s, struct lb_hygiene *out);

#endif
