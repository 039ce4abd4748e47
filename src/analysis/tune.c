// SPDX-License-Identifier: GPL-2.0
/* Knee of the per-PTE cost curve over batch sizes. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "abstats.h"
#include "knee.h"
#include "ptes.h"
#include "stats.h"
#include "tune.h"
#include "units.h"

long lb_tune_knee(const long *batch, const double *cost, size_t n, double tol, size_t *best)
{
	size_t b = 0;
	long pick = -1;

	if (!n)
		return -1;
	for (size_t i = 1; i < n; i++)
		if (cost[i] < cost[b])
			b = i;
	*best = b;
	for (size_t i = 0; i < n; i++) {
		if (cost[i] > (1 + tol) * cost[b])
			continue;
		if (pick < 0 || batch[i] < batch[pick])
			pick = (long)i;
	}
	return pick;
}

static bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

/* Same sweep group: everything but the batch. */
static bool same_group(const struct lb_rcase *a, const struct lb_rcase *b)
{
	return str_eq(a->workload, b->workload) && str_eq(a->variant, b->variant) &&
	       str_eq(a->mode, b->mode) && a->pages == b->pages && str_eq(a->remote, b->remote);
}

static const struct lb_rmetric *metric_of(const struct lb_rcase *c, const char *name)
{
	for (size_t i = 0; i < c->n_metrics; i++)
		if (!strcmp(c->metrics[i].name, name))
			return &c->metrics[i];
	return NULL;
}

/*
 * The pick of one sweep by the CI rule (knee.h): units are the cases' replicates, or their
 * rounds in a one-process run, paired across batches; otherwise the bootstrap over repetitions.
 * Returns the pick's index, or -1.
 */
static long knee_of(const struct lb_rrun *run, const struct lb_rcase **members, const char *name,
		    const long *batch, size_t n, unsigned resamples, unsigned long seed,
		    size_t *best, struct lb_knee *kn, double *ub)
{
	struct lb_knee_point *pts = calloc(n, sizeof(*pts));
	struct lb_units *u = calloc(n, sizeof(*u));
	double *ratio = calloc(n, sizeof(*ratio));
	long pick = -1;
	size_t k = 0;

	for (k = 0; pts && u && ratio && k < n; k++) {
		if (lb_units_of(run, members[k], metric_of(members[k], name), true, &u[k]))
			break;
		pts[k] = (struct lb_knee_point){.batch = batch[k], .cost = u[k].side};
	}
	if (k == n &&
	    !lb_knee_ci(pts, n, LB_TUNE_TOLERANCE, 0.05, resamples, seed, ratio, ub, kn)) {
		pick = (long)kn->pick;
		*best = kn->best;
	}
	for (size_t i = 0; u && i < k; i++)
		lb_units_free(&u[i]);
	free(pts);
	free(u);
	free(ratio);
	return pick;
}

/* One group's scratch arrays: the cases that differ only in batch, their costs and bounds. */
struct tune_group {
	const struct lb_rcase **members;
	long *batch;
	double *cost;
	double *ub;
};

static void tune_group_free(struct tune_group *g)
{
	free(g->members);
	free(g->batch);
	free(g->cost);
	free(g->ub);
}

long lb_tune_run(const struct lb_rrun *run, unsigned resamples, double level, unsigned long seed,
		 struct lb_tune_row **rows)
{
	bool *done = calloc(run->n_cases + 1, sizeof(*done));
	size_t n_rows = 0, cap = 0;

	*rows = NULL;
	if (!done)
		return -1;
	for (size_t i = 0; i < run->n_cases; i++) {
		const struct lb_rcase *lead = &run->cases[i];

		if (done[i] || lead->batch < 0 || lead->refused || !lead->n_metrics)
			continue;
		for (size_t m = 0; m < lead->n_metrics; m++) {
			const char *name = lead->metrics[m].name;
			struct tune_group g = {
			    .members = calloc(run->n_cases, sizeof(*g.members)),
			    .batch = calloc(run->n_cases, sizeof(*g.batch)),
			    .cost = calloc(run->n_cases, sizeof(*g.cost)),
			    .ub = calloc(run->n_cases, sizeof(*g.ub)),
			};
			const struct lb_rcase **members = g.members;
			long *batch = g.batch;
			double *cost = g.cost;
			double *ub = g.ub;
			size_t n = 0, best = 0;
			struct lb_knee kn = {0};
			long pick;

			if (!members || !batch || !cost || !ub) {
				tune_group_free(&g);
				free(done);
				return -1;
			}
			for (size_t j = i; j < run->n_cases; j++) {
				const struct lb_rcase *c = &run->cases[j];
				const struct lb_rmetric *mm;

				if (c->batch < 0 || c->refused || !same_group(lead, c))
					continue;
				mm = metric_of(c, name);
				if (!mm || !mm->n || c->pages <= 0)
					continue;
				members[n] = c;
				batch[n] = c->batch;
				cost[n] =
				    lb_stats_median(mm->samples, mm->n) / lb_case_ptes(run, c);
				n++;
				if (m + 1 == lead->n_metrics)
					done[j] = true;
			}
			pick = n >= 2 ? knee_of(run, members, name, batch, n, resamples, seed,
						&best, &kn, ub)
				      : -1;
			if (pick >= 0) {
				const struct lb_rmetric *mm = metric_of(members[pick], name);
				struct lb_tune_row *r;
				double lo = NAN, hi = NAN;

				if (n_rows == cap) {
					struct lb_tune_row *grown =
					    realloc(*rows, (cap * 2 + 8) * sizeof(*grown));

					if (!grown) {
						tune_group_free(&g);
						free(done);
						return -1;
					}
					*rows = grown;
					cap = cap * 2 + 8;
				}
				r = &(*rows)[n_rows++];
				lb_stats_bootstrap_median_ci(mm->samples, mm->n, resamples, level,
							     seed, &lo, &hi);
				r->chosen = members[pick];
				r->best = members[best];
				r->metric = name;
				r->n_batches = n;
				r->cost = cost[pick];
				r->cost_low = lo / lb_case_ptes(run, members[pick]);
				r->cost_high = hi / lb_case_ptes(run, members[pick]);
				r->best_cost = cost[best];
				r->ratio_high = ub[pick];
				r->method = kn.method;
				r->blocks = kn.blocks;
			}
			tune_group_free(&g);
		}
		done[i] = true;
	}
	free(done);
	return (long)n_rows;
}
