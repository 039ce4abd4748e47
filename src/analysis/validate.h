/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Self-validation of compare's statistics on real samples: A/A pairs cut from one long series
 * (interleaved halves of consecutive blocks, so drift hits both halves alike), the false-
 * positive rate with its exact (Clopper-Pearson) interval, and the detection rate of a known
 * relative shift applied to the second half.
 */
#ifndef LB_COMPARE_VALIDATE_H
#define LB_COMPARE_VALIDATE_H

#include <stddef.h>

struct lb_aa_result {
	size_t pairs;	  /* A/A pairs tested */
	size_t positives; /* pairs compare called a difference */
	double rate;	  /* positives / pairs */
	double low, high; /* 95% Clopper-Pearson interval of the rate */
};

/*
 * Cut x[0..n-1] into `pairs` consecutive blocks of 2*half samples; in each block samples
 * 0,1,4,5,... form A and 2,3,6,7,... form B (balanced in parity, interleaved against drift),
 * B multiplied by (1 + shift). A pair is positive when
 * compare's rule (Mann-Whitney p < alpha and the bootstrap CI of the median ratio excluding 1)
 * fires. Accumulates into *out (zero it first). Returns pairs tested, or -1 when n is short.
 */
long lb_aa_pairs(const double *x, size_t n, size_t pairs, size_t half, double shift, double alpha,
		 unsigned resamples, unsigned long seed, struct lb_aa_result *out);

/* Fill rate and its exact 95% interval from pairs and positives (GSL beta quantiles). */
void lb_aa_finish(struct lb_aa_result *r);

#endif
