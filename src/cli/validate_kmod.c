// SPDX-License-Identifier: GPL-2.0
/*
 * Detection of the module's injected delay: the vmalloc workload in one lazy section per
 * repetition, with delay 0 and with a busy-wait calibrated to a relative slowdown of the
 * measured baseline, run in alternating blocks; compare's rule must call each pair different.
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "validate.h"
#include "validate_kmod.h"
#include "kmod_case.h"
#include "kmod_client.h"
#include "stats.h"

/* One RUN; the map timing (first metric) of each repetition into out[0..reps-1]. */
static int run_delay(int fd, uint64_t pages, uint32_t reps, uint32_t delay, double *out,
		     char *reason, size_t len)
{
	struct lb_kmod_case c = {.workload = LAZYBENCH_WL_VMALLOC,
				 .variant = LAZYBENCH_VARIANT_NONE,
				 .mode = LAZYBENCH_MODE_ON,
				 .pages = pages,
				 .batch = 0,
				 .reps = reps,
				 .warmup = 2,
				 .delay_ns = delay};
	unsigned nm = lb_kmod_nr_metrics(c.workload);
	uint64_t *s = calloc((size_t)reps * nm, sizeof(*s));
	struct lazybench_run run;
	int err;

	if (!s)
		return ENOMEM;
	err = lb_kmod_run_case(fd, &c, s, &run);
	if (err) {
		snprintf(reason, len, "RUN vmalloc pages=%llu delay=%u: %s%s%s",
			 (unsigned long long)pages, delay, strerror(err), *run.reason ? ": " : "",
			 run.reason);
		free(s);
		return err;
	}
	for (uint32_t i = 0; i < reps; i++)
		out[i] = (double)s[(size_t)i * run.nr_metrics];
	free(s);
	return 0;
}

int lb_validate_kmod(FILE *f, size_t pairs, size_t half, unsigned resamples, unsigned long seed)
{
	static const uint64_t sizes[] = {64, 512};
	/* 0: the same design with no delay, so its false-positive rate is shown too. */
	static const double shifts[] = {0, 0.01, 0.02, 0.05};
	struct lazybench_info info;
	char reason[512];
	int err = 0, fd = lb_kmod_fd(&err, reason, sizeof(reason));

	if (fd < 0) {
		fprintf(f, "injected delay: unavailable: %s\n", reason);
		return -1;
	}
	if (lb_kmod_info(fd, &info, reason, sizeof(reason))) {
		fprintf(f, "injected delay: unavailable: INFO ioctl failed: %s\n", reason);
		return -1;
	}
	fprintf(f,
		"injected delay inside ONE process (vmalloc map, mode on, one section per "
		"repetition, one\n  repetition per RUN, alternating delay 0 and delay d; %zu pairs "
		"of %zu+%zu reps; +0.0%% is this\n  design's A/A control; repetition-level "
		"Mann-Whitney + bootstrap, an in-process design, not\n  compare's rule across "
		"runs):\n",
		pairs, half, half);
	for (size_t si = 0; si < sizeof(sizes) / sizeof(sizes[0]); si++) {
		double *base = calloc(2 * half, sizeof(*base));
		double *pair = calloc(2 * half * pairs, sizeof(*pair));
		double med;

		if (!base || !pair) {
			free(base);
			free(pair);
			return -1;
		}
		if (run_delay(fd, sizes[si], (uint32_t)(2 * half), 0, base, reason,
			      sizeof(reason))) {
			fprintf(f, "  pages %llu: unavailable: %s\n", (unsigned long long)sizes[si],
				reason);
			free(base);
			free(pair);
			continue;
		}
		med = lb_stats_median(base, 2 * half);
		for (size_t k = 0; k < sizeof(shifts) / sizeof(shifts[0]); k++) {
			double want = med * shifts[k];
			uint32_t delay = (uint32_t)lround(want);
			struct lb_aa_result r = {0};
			bool ok = true;

			if (delay > info.max_delay_ns || (shifts[k] > 0 && delay == 0)) {
				fprintf(
				    f,
				    "  pages %4llu %+4.1f%%: unavailable: needs %u ns per section, "
				    "module allows 1..%u\n",
				    (unsigned long long)sizes[si], shifts[k] * 100, delay,
				    info.max_delay_ns);
				continue;
			}
			/*
			 * One repetition per RUN, alternating delay 0 and delay d, laid out as
			 * lb_aa_pairs reads (0,1 -> A; 2,3 -> B ...): blocks of RUNs would each
			 * carry their own offset and inflate the detection rate.
			 */
			for (size_t p = 0; p < pairs && ok; p++)
				for (size_t i = 0; i < 2 * half && ok; i++) {
					bool delayed = (i / 2) % 2 == 1;

					ok = !run_delay(fd, sizes[si], 1, delayed ? delay : 0,
							&pair[p * 2 * half + i], reason,
							sizeof(reason));
				}
			if (!ok) {
				fprintf(f, "  pages %4llu %+4.1f%%: unavailable: %s\n",
					(unsigned long long)sizes[si], shifts[k] * 100, reason);
				continue;
			}
			lb_aa_pairs(pair, 2 * half * pairs, pairs, half, 0, 0.05, resamples, seed,
				    &r);
			lb_aa_finish(&r);
			fprintf(
			    f,
			    "  pages %4llu %+4.1f%% (%u ns on a %.0f ns median): called different "
			    "in %zu/%zu pairs (%.0f%%, 95%% CI %.0f..%.0f%%)\n",
			    (unsigned long long)sizes[si], shifts[k] * 100, delay, med, r.positives,
			    r.pairs, r.rate * 100, r.low * 100, r.high * 100);
		}
		free(base);
		free(pair);
	}
	return 0;
}

unsigned lb_validate_max_delay(char *reason, size_t len)
{
	struct lazybench_info info;
	int err = 0, fd = lb_kmod_fd(&err, reason, len);

	if (fd < 0 || lb_kmod_info(fd, &info, reason, len))
		return 0;
	if (!info.max_delay_ns)
		snprintf(reason, len, "the module allows no injected delay (max_delay_ns 0)");
	return info.max_delay_ns;
}

int lb_validate_ioctl_cost(FILE *f, double smallest_ns)
{
	struct lazybench_info info;
	char reason[512];
	int err = 0, fd = lb_kmod_fd(&err, reason, sizeof(reason));
	double per[200];

	if (fd < 0) {
		fprintf(f, "ioctl cost: unavailable: %s\n", reason);
		return -1;
	}
	for (size_t b = 0; b < 200; b++) {
		struct timespec t0, t1;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (int i = 0; i < 100; i++)
			if (lb_kmod_info(fd, &info, reason, sizeof(reason))) {
				fprintf(f, "ioctl cost: unavailable: INFO failed: %s\n", reason);
				return -1;
			}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		per[b] =
		    ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec)) /
		    100;
	}
	fprintf(f, "ioctl cost (INFO, median of 200 x 100 calls): %.0f ns",
		lb_stats_median(per, 200));
	if (smallest_ns > 0)
		fprintf(f, " = %.2f%% of the smallest case",
			100 * lb_stats_median(per, 200) / smallest_ns);
	fprintf(f, "\n");
	return 0;
}
