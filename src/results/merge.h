/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Merge the rounds of one kernel (runs of the same cases, e.g. from alternating boots) into
 * one run in the results format: samples, outlier flags and counter values concatenated in
 * round order, summaries recomputed, and the rounds recorded.
 */
#ifndef LB_RESULTS_MERGE_H
#define LB_RESULTS_MERGE_H

#include <stddef.h>

#include <jansson.h>

#include "results_read.h"

/*
 * A new run.json tree labelled `label` from rounds[0..n-1] (cases matched by id; a case not
 * in every round is dropped and named in *dropped). command_line is recorded as given.
 * NULL with err on failure.
 */
json_t *lb_merge_rounds(const struct lb_rrun *rounds, size_t n, const char *label,
			json_t *command_line, json_t **dropped, char *err, size_t errlen);

/* Create results_dir/label/ (refused when it exists) and write the run there through the
 * results writer (lb_results_write_tree: samples.csv, then run.json). */
int lb_merge_write(const char *results_dir, const char *label, json_t *run, char *err,
		   size_t errlen);

/*
 * One side of a comparison: RUN, or RUN1,RUN2,... (comma-separated) whose replicates are
 * pooled into one run labelled "RUN1+RUN2+..." (cases not in every run are left out; a note on
 * stderr names them). 0, or -1 with the reason in err.
 */
int lb_merge_load_side(const char *spec, const char *results_dir, struct lb_rrun *out, char *err,
		       size_t errlen);

#endif
