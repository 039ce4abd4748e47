/* SPDX-License-Identifier: GPL-2.0 */
/* The table `run` prints at the end: one row per case and metric, then what the counter
 * columns mean, then "results: PATH" (the run's directory) as the last line. */
#ifndef LB_SUMMARY_H
#define LB_SUMMARY_H

#include <stdio.h>

#include "results.h"

void lb_summary_print(FILE *f, const struct lb_run *run, const char *path);

#endif
