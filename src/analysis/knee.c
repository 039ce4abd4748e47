// SPDX-License-Identifier: GPL-2.0
/* tune's rule: smallest batch whose CI upper bound of cost / best cost is <= 1 + tol. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "knee.h"
#include "abstats.h"

static size_t blocks_of(const struct lb_rep_side *s)
{
	size_t k = 0;

	for (size_t i = 0; i < s->k; i++)
		k += s->counts[i] > 0;
	return k;
}

static size_t total(const struct lb_rep_side *s)
{
	size_t n = 0;

	for (size_t i = 0; i < s->k; i++)
		n += s->counts[i];
	return n;
}

int lb_knee_ci(const struct lb_knee_point *pts, size_t n, double tol, double alpha,
	       unsigned resamples, unsigned long seed, double *ratio, double *ub,
	       struct lb_knee *out)
{
	struct lb_rep_opts o = {.alpha = alpha, .margin = tol, .target = tol, .power = 0.8};
	size_t min_blocks = SIZE_MAX;
	double *point;
	bool pick_set = false;

	if (!n || !(point = calloc(n, sizeof(*point))))
		return -1;
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		struct lb_rep_summary s;
		size_t b = blocks_of(&pts[i].cost);

		if (lb_rep_summarize(&pts[i].cost, &s)) {
			free(point);
			return -1;
		}
		min_blocks = b < min_blocks ? b : min_blocks;
		point[i] = s.mean_log;
	}
	out->method = min_blocks >= LB_REP_MIN ? LB_KNEE_PAIRED_BLOCKS : LB_KNEE_BOOTSTRAP;
	out->blocks = out->method == LB_KNEE_PAIRED_BLOCKS ? min_blocks : 1;
	/* Bootstrap: compare medians over all repetitions, not geometric means of blocks. */
	for (size_t i = 0; i < n && out->method == LB_KNEE_BOOTSTRAP; i++) {
		struct lb_rep_side all = pts[i].cost;
		size_t t = total(&all);
		struct lb_rep_summary s;

		all.counts = &t;
		all.k = 1;
		lb_rep_summarize(&all, &s);
		point[i] = s.mean_log;
	}
	for (size_t i = 1; i < n; i++)
		if (point[i] < point[out->best])
			out->best = i;
	for (size_t i = 0; i < n; i++) {
		const struct lb_rep_side *c = &pts[i].cost, *bc = &pts[out->best].cost;

		ratio[i] = exp(point[i] - point[out->best]);
		ub[i] = NAN;
		if (i == out->best) {
			ub[i] = 1;
		} else if (out->method == LB_KNEE_PAIRED_BLOCKS) {
			struct lb_rep_ab ab;

			if (!lb_rep_compare_paired(bc, c, &o, &ab) && ab.verdict != LB_VERDICT_NONE)
				ub[i] = ab.ci_high;
		} else {
			struct lb_ratio_ci ci;

			if (!lb_bootstrap_median_ratio(bc->samples, total(bc), c->samples, total(c),
						       resamples, 1 - alpha, seed, &ci))
				ub[i] = ci.high;
		}
		if (!(ub[i] <= 1 + tol))
			continue;
		if (!pick_set || pts[i].batch < pts[out->pick].batch) {
			out->pick = i;
			pick_set = true;
		}
	}
	free(point);
	return 0;
}
