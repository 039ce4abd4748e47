/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The unit of replication of one metric of one case, as the inference (replicates.h) needs it:
 * - its replicates: separately started processes (`run --runs K`), boots (`vm --ab`), or runs
 *   merged by `compare A1,A2,A3 ...`; a run written before replicates existed is one replicate;
 * - for in-process designs (`compare --mode-pairs`, tune), its rounds (`run --rounds R`) when
 *   the run has one replicate: round i of every case ran in the same pass of the same process.
 */
#ifndef LB_ANALYSIS_UNITS_H
#define LB_ANALYSIS_UNITS_H

#include <stdbool.h>
#include <stddef.h>

#include "replicates.h"
#include "results_read.h"

enum lb_unit_kind {
	LB_UNIT_REPLICATE, /* separately started processes or boots */
	LB_UNIT_ROUND,	   /* passes of one process (in-process designs only) */
};

struct lb_units {
	enum lb_unit_kind kind;
	struct lb_rep_side side;
	size_t *counts; /* owned */
};

/*
 * Units of metric m of case c in run. With rounds_ok, a run with one replicate and
 * settings.rounds >= 2 whose case is complete is cut into its rounds. 0, or -1 when out of
 * memory or the replicate counts do not add up to the samples (then one unit of all samples).
 */
int lb_units_of(const struct lb_rrun *run, const struct lb_rcase *c, const struct lb_rmetric *m,
		bool rounds_ok, struct lb_units *u);
void lb_units_free(struct lb_units *u);
/* "replicate" | "round" (a unit), for reports. */
const char *lb_unit_name(enum lb_unit_kind k);

#endif
