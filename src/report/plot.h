/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lazybench plot: data files per figure (plot_data.c) drawn by gnuplot templates in plots/
 * (plot_gnuplot.c). A figure is made only when its data exists; otherwise it is reported as
 * skipped with the reason.
 */
#ifndef LB_COMPARE_PLOT_H
#define LB_COMPARE_PLOT_H

#include <stdbool.h>
#include <stdio.h>

#include "results_read.h"

struct lb_plot_ctx {
	struct lb_rrun *runs;
	size_t n_runs;
	const char *outdir;
	const char *fmt; /* png | svg | ascii */
	const char *ext; /* png | svg | txt */
	const char *plotdir;
	char suffix[512]; /* " (kernel ..., arch, QEMU TCG)" for every title */
	size_t made, skipped, failed;
	FILE *log;
};

/* Draw figure `name` from template `tmpl` (plots/<tmpl>.gp) with extra gnuplot -e settings. */
int lb_plot_draw(struct lb_plot_ctx *p, const char *tmpl, const char *name, const char *datafile,
		 const char *title, const char *ylabel, const char *extra);
void lb_plot_skip(struct lb_plot_ctx *p, const char *name, const char *reason);
/* Path of a data file of this figure in the output directory. */
void lb_plot_data_path(const struct lb_plot_ctx *p, const char *name, char *buf, size_t len);
/* Make a string safe as a file name and as a gnuplot single-quoted string. */
void lb_plot_sanitize(char *s, bool filename);

/* The figures (plot_data.c). */
void lb_plot_bars(struct lb_plot_ctx *p, const char *workload, const char *metric,
		  const char *unit);
void lb_plot_boxes(struct lb_plot_ctx *p, const char *workload, const char *metric,
		   const char *unit);
void lb_plot_batch(struct lb_plot_ctx *p, const char *workload, const char *metric,
		   const char *unit);
void lb_plot_pages(struct lb_plot_ctx *p, const char *workload, const char *metric,
		   const char *unit);
void lb_plot_remote(struct lb_plot_ctx *p, const char *workload);
/* An exact count of the TCG plugin (counter `name`, scope vcpu) per PTE against batch size. */
void lb_plot_counter_batch(struct lb_plot_ctx *p, const char *workload, const char *counter);
/* Median count per operation of counter NAME in SCOPE of a case; NAN when not measured. */
double lb_plot_remote_value(const struct lb_rcase *c, const char *name, const char *scope);

#endif
