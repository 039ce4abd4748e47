// SPDX-License-Identifier: GPL-2.0
/* A/A false-positive rate and detection of a known shift, on measured samples. */
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "abstats.h"
#include "validate.h"

long lb_aa_pairs(const double *x, size_t n, size_t pairs, size_t half, double shift, double alpha,
		 unsigned resamples, unsigned long seed, struct lb_aa_result *out)
{
	double *a, *b;

	if (!pairs || !half || n < pairs * 2 * half)
		return -1;
	a = malloc((half + 1) * sizeof(*a));
	b = malloc((half + 1) * sizeof(*b));
	if (!a || !b) {
		free(a);
		free(b);
		return -1;
	}
	for (size_t k = 0; k < pairs; k++) {
		const double *blk = x + k * 2 * half;
		struct lb_mwu mwu;
		struct lb_ratio_ci ci;
		size_t na = 0, nb = 0;

		/*
		 * Repetitions 0,1 go to A, 2,3 to B, 4,5 to A ...: interleaved against drift, and
		 * each half gets as many even as odd repetitions, because some workloads
		 * alternate (mprotect toggles READ -> RW -> READ, and the two directions differ).
		 */
		for (size_t i = 0; i < 2 * half; i++) {
			if ((i / 2) % 2 == 0)
				a[na++] = blk[i];
			else
				b[nb++] = blk[i] * (1 + shift);
		}
		if (lb_mwu_test(a, na, b, nb, &mwu) ||
		    lb_bootstrap_median_ratio(a, na, b, nb, resamples, 1 - alpha, seed + k, &ci))
			continue;
		out->pairs++;
		out->positives += mwu.p < alpha && (ci.low > 1 || ci.high < 1);
	}
	free(a);
	free(b);
	return (long)pairs;
}

void lb_aa_finish(struct lb_aa_result *r)
{
	double k = (double)r->positives, n = (double)r->pairs;

	if (!r->pairs) {
		r->rate = r->low = r->high = 0;
		return;
	}
	r->rate = k / n;
	/* Clopper-Pearson: Beta(k, n-k+1) and Beta(k+1, n-k) quantiles. */
	r->low = r->positives ? gsl_cdf_beta_Pinv(0.025, k, n - k + 1) : 0.0;
	r->high = r->positives < r->pairs ? gsl_cdf_beta_Pinv(0.975, k + 1, n - k) : 1.0;
}
