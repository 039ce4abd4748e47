// SPDX-License-Identifier: GPL-2.0
/* Per-case hygiene warnings; see hygiene.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "hygiene.h"

static double sign(double v)
{
	return (v > 0) - (v < 0);
}

int lb_mann_kendall(const double *x, size_t n, struct lb_mk *out)
{
	double s = 0, var, ties = 0, *c;

	if (n < 3 || !(c = malloc(n * sizeof(*c))))
		return -1;
	for (size_t i = 0; i + 1 < n; i++)
		for (size_t j = i + 1; j < n; j++)
			s += sign(x[j] - x[i]);
	/* Tie groups reduce the variance of S. */
	memcpy(c, x, n * sizeof(*c));
	gsl_sort(c, 1, n);
	for (size_t i = 0; i < n;) {
		size_t j = i;

		while (j < n && c[j] == c[i])
			j++;
		if (j - i > 1) {
			double t = (double)(j - i);

			ties += t * (t - 1) * (2 * t + 5);
		}
		i = j;
	}
	free(c);
	var = ((double)n * (double)(n - 1) * (2.0 * (double)n + 5) - ties) / 18.0;
	out->s = s;
	out->z = var > 0 && s != 0 ? (s - sign(s)) / sqrt(var) : 0;
	out->p = 2 * gsl_cdf_ugaussian_Q(fabs(out->z));
	out->p = out->p > 1 ? 1 : out->p;
	out->tau = s / ((double)n * (double)(n - 1) / 2);
	return 0;
}

double lb_bimodality_coefficient(const double *x, size_t n)
{
	double sd, g1, g2, nn = (double)n;

	if (n < 4)
		return NAN;
	sd = gsl_stats_sd(x, 1, n);
	if (!(sd > 0))
		return NAN;
	g1 = gsl_stats_skew(x, 1, n);
	g2 = gsl_stats_kurtosis(x, 1, n);
	return (g1 * g1 + 1) / (g2 + 3 * (nn - 1) * (nn - 1) / ((nn - 2) * (nn - 3)));
}

int lb_hygiene(const struct lb_rep_side *s, struct lb_hygiene *out)
{
	size_t off = 0, maxn = 0, nb = 0, w = 0;
	double *lx, *bc, best_p = 2, r_sum = 0;

	memset(out, 0, sizeof(*out));
	out->drift_tau = out->drift_p = out->lag1 = out->n_eff = out->bimodality = NAN;
	for (size_t i = 0; i < s->k; i++)
		maxn = s->counts[i] > maxn ? s->counts[i] : maxn;
	lx = malloc((maxn + 1) * sizeof(*lx));
	bc = malloc((s->k + 1) * sizeof(*bc));
	if (!lx || !bc) {
		free(lx);
		free(bc);
		return -1;
	}
	out->n_eff = 0;
	for (size_t i = 0; i < s->k; off += s->counts[i], i++) {
		size_t n = s->counts[i];
		struct lb_mk mk;
		bool ok = n >= 3;
		double r, b;

		for (size_t j = 0; j < n && ok; j++) {
			ok = s->samples[off + j] > 0;
			lx[j] = ok ? log(s->samples[off + j]) : 0;
		}
		if (!ok)
			continue;
		out->replicates++;
		out->n += n;
		if (!lb_mann_kendall(lx, n, &mk) && mk.p < best_p) {
			best_p = mk.p;
			out->drift_tau = mk.tau;
			out->drift_replicate = i + 1;
		}
		r = gsl_stats_sd(lx, 1, n) > 0 ? gsl_stats_lag1_autocorrelation(lx, 1, n) : 0;
		r_sum += r * (double)n;
		w += n;
		out->n_eff += r > 0 ? (double)n * (1 - r) / (1 + r) : (double)n;
		b = lb_bimodality_coefficient(lx, n);
		if (!isnan(b))
			bc[nb++] = b;
	}
	free(lx);
	if (!out->replicates) {
		free(bc);
		out->n_eff = NAN;
		return -1;
	}
	out->drift_p = fmin(1, best_p * (double)out->replicates);
	out->drift = out->drift_p < LB_HYG_DRIFT_ALPHA;
	out->lag1 = r_sum / (double)w;
	if (nb) {
		gsl_sort(bc, 1, nb);
		out->bimodality = gsl_stats_median_from_sorted_data(bc, 1, nb);
		out->bimodal = out->bimodality > LB_HYG_BIMODAL_BC;
	}
	free(bc);
	return 0;
}
