/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cost models (compare --cost-model FILE): cycles per event for one CPU model, each figure
 * with its published source, to turn the TCG plugin's exact counts into an ESTIMATED cost per
 * operation. An estimate from counts, never a measurement: the figures are per instruction in
 * isolation, and what an instruction costs in the kernel's code depends on what is in flight.
 *
 * File format (plain text, one fact per line; a line whose first non-blank character is # is a
 * comment, there are no comments at the end of a line, so a source may hold a URL with #):
 *
 *     model NAME                             the CPU model the figures are for (once)
 *     arch aarch64                           uname -m of its runs: aarch64 (arm64), x86_64,
 *                                            ppc64le, ppc64 (once)
 *     event tcg:ldxr 4 Title, Table A.8      EVENT CYCLES SOURCE: cycles per event, > 0, and
 *                                            the published source of that figure (the rest
 *                                            of the line, required; docs/cost-models/)
 *
 * EVENT is the counter's event exactly as run.json names it ("tcg:dsb.ishst", "tcg:hcall";
 * docs/results-format.md): names the plugin does not count are accepted (a newer plugin may),
 * but never matched loosely. A group total and one of its members ("tcg:dsb" and
 * "tcg:dsb.ish") cannot both have a figure: those counts would be summed twice.
 */
#ifndef LB_ANALYSIS_COST_MODEL_H
#define LB_ANALYSIS_COST_MODEL_H

#include <stdbool.h>
#include <stddef.h>

struct lb_cost_event {
	char *event;   /* "tcg:dsb.ishst" */
	double cycles; /* per event */
	char *source;  /* where the figure is published */
	size_t line;   /* in the file */
};

struct lb_cost_model {
	char *path; /* as given, for messages */
	char *name; /* CPU model */
	char *arch; /* normalised: aarch64, x86_64, ppc64le, ppc64 */
	struct lb_cost_event *events;
	size_t n_events;
};

/*
 * Parse a cost model from text (path only names it in messages). 0, or -1 with one line in
 * err: "PATH:LINE: what is wrong" (or "PATH: ..." for what is missing); m is then empty.
 */
int lb_cost_model_parse(const char *text, const char *path, struct lb_cost_model *m, char *err,
			size_t errlen);
/* Read path and parse it. 0 or -1 (message in err). */
int lb_cost_model_load(const char *path, struct lb_cost_model *m, char *err, size_t errlen);
void lb_cost_model_free(struct lb_cost_model *m);

/* "arm64" -> "aarch64"; every other name as it is. */
const char *lb_cost_arch_name(const char *arch);
/*
 * Whether the model is for the arch a run recorded (env.arch; NULL when it did not): 0, or -1
 * with the reason in err (the model's path, its arch and the run's).
 */
int lb_cost_model_check_arch(const struct lb_cost_model *m, const char *run, const char *arch,
			     char *err, size_t errlen);

/* The model's figure for event, NULL when it has none. */
const struct lb_cost_event *lb_cost_model_find(const struct lb_cost_model *m, const char *event);

/* One event's count per operation on one side (NAN: not available). */
struct lb_cost_count {
	const char *event;
	double per_op;
};

/*
 * The estimate: the sum over the model's events present in counts of per_op x cycles.
 * *n_costed (may be NULL) gets how many of counts had a figure. NAN when a count with a figure
 * is NAN (not available: no estimate, never a smaller one).
 */
double lb_cost_sum(const struct lb_cost_model *m, const struct lb_cost_count *counts, size_t n,
		   size_t *n_costed);

#endif
