/* SPDX-License-Identifier: GPL-2.0 */
/* `lazybench run --runs K`: K separately started processes merged into one result. */
#ifndef LB_RUN_REPLICATES_H
#define LB_RUN_REPLICATES_H

#include "run_opts.h"

/*
 * Run o->runs replicates of `lazybench run argv[1..]` (each with --runs 1, its own label rI and
 * seed o->seed + I - 1, under DIR/LABEL/replicates/), merge them into DIR/LABEL and print the
 * merged summary. The exit status lazybench run returns (130 after Ctrl-C: the replicates
 * finished so far are merged, the run marked incomplete).
 */
int lb_run_replicates(struct lb_run_opts *o, int argc, char **argv);

/*
 * Create the run's results directory (cmd_run.c): --label, or the default id made unique
 * (-2, -3, ... for runs started in the same second). 0, or the exit status (2 when --label is
 * taken) with the message printed; path and o->label (pointing into label) are set on success.
 */
int lb_run_make_dir(struct lb_run_opts *o, char *label, size_t label_len, char *path,
		    size_t path_len);

#endif
