// SPDX-License-Identifier: GPL-2.0
/*
 * lbtcg_marker_cost [ITERATIONS]: the native cost of one region-marker pair (open + close, the
 * NOPs of kmod/uapi/lazybench_marker.h) next to one clock_gettime(CLOCK_MONOTONIC) read, on
 * the machine it runs on. Best of 7 rounds each, ns per operation. A measurement, not a test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "lazybench_marker.h"

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static double per_op(long n, int which)
{
	double best = 1e300;

	for (int round = 0; round < 7; round++) {
		double t0 = now_ns(), t;
		struct timespec ts;

		for (long i = 0; i < n; i++) {
			if (which) {
				clock_gettime(CLOCK_MONOTONIC, &ts);
				__asm__ __volatile__("" : : "r"(ts.tv_nsec) : "memory");
			} else {
				lazybench_marker_open();
				lazybench_marker_close();
			}
		}
		t = (now_ns() - t0) / n;
		if (t < best)
			best = t;
	}
	return best;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 10000000;
	double empty, markers, clock;

	if (n <= 0) {
		fprintf(stderr, "usage: lbtcg_marker_cost [ITERATIONS > 0]\n");
		return 2;
	}
	/* An empty loop body costs the loop: subtract it from both. */
	{
		double best = 1e300;

		for (int round = 0; round < 7; round++) {
			double t0 = now_ns(), t;

			for (long i = 0; i < n; i++)
				__asm__ __volatile__("" : : : "memory");
			t = (now_ns() - t0) / n;
			if (t < best)
				best = t;
		}
		empty = best;
	}
	markers = per_op(n, 0);
	clock = per_op(n, 1);
	/* Per loop iteration, loop included: the markers' own cost is the difference to the empty
	 * loop, which can be below the resolution (even negative: NOPs fill decode slots). */
	printf("ns per iteration (best of 7 x %ld): empty loop %.3f; open+close markers (%s) %.3f; "
	       "clock_gettime(CLOCK_MONOTONIC) %.3f\n",
	       n, empty, LAZYBENCH_MARKERS ? "emitted" : "none on this arch", markers, clock);
	return 0;
}
