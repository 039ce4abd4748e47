/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reader of results/<run-id>/run.json (docs/results-format.md, schema_version 1 and 2) into the
 * structures compare, plot, tune and validate work on. The jansson tree is kept so that the
 * environment (whose keys belong to `lazybench env`) can be read and diffed as it is.
 */
#ifndef LB_RESULTS_READ_H
#define LB_RESULTS_READ_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

struct lb_rmetric {
	const char *name;
	const char *unit;
	double *samples; /* reps_done raw values, in repetition order */
	size_t n;
	const char *effect; /* "effect" when the writer stated it, else NULL */
};

struct lb_rcounter {
	const char *name;  /* portable name, e.g. tlb_flush.remote_ipi_send */
	const char *event; /* perf event, e.g. tlb:tlb_flush */
	const char *scope;
	bool available;
	const char *reason; /* why unavailable (NULL when available) */
	double *values;	    /* one per repetition, summed over its timed regions */
	size_t n;
};

struct lb_rcase {
	const char *id;
	const char *workload;
	const char *kind;
	const char *variant; /* NULL when none */
	const char *mode;
	long pages;
	long batch; /* -1 when the workload has no batch */
	const char *remote;
	bool complete;
	const char *refused; /* reason the case could not run, NULL otherwise */
	struct lb_rmetric *metrics;
	size_t n_metrics;
	struct lb_rcounter *counters;
	size_t n_counters;
	/* Samples per replicate (run --runs, vm --ab boots, compare's merged runs), in replicate
	 * order; the samples of every metric and the counter values are these blocks back to back.
	 * n_replicates 0: the run has no replicate_reps (written before replicates, or one
	 * process): one replicate of all samples. */
	size_t *replicate_reps;
	size_t n_replicates;
};

struct lb_rrun {
	char *dir;	   /* results directory the run was read from */
	const char *label; /* run id */
	bool complete;
	json_t *root;	      /* whole run.json, owned */
	json_t *env;	      /* borrowed from root; may be an empty object */
	json_t *settings;     /* borrowed from root; may be NULL */
	json_t *command_line; /* borrowed array of strings; may be NULL */
	struct lb_rcase *cases;
	size_t n_cases;
	size_t n_replicates; /* entries of "replicates" (1 when absent) */
};

/*
 * Resolve RUN (a results directory, a run.json file, or a run id under results_dir) and load
 * it. On failure returns -1 with a one-line message in err naming the file and the field.
 */
int lb_run_load(const char *run, const char *results_dir, struct lb_rrun *out, char *err,
		size_t errlen);
void lb_run_free(struct lb_rrun *run);
/*
 * The same from a run.json tree already in memory (compare's merge of several runs per side).
 * Takes the reference to root (freed by lb_run_free, also on failure); dir is copied and names
 * the run in messages.
 */
int lb_run_from_json(json_t *root, const char *dir, struct lb_rrun *out, char *err, size_t errlen);

/* The env value at a dotted path ("kernel.release"), or NULL. */
json_t *lb_run_env_get(const struct lb_rrun *run, const char *dotted);
/* A string form of an env leaf at a dotted path (numbers and booleans printed), or NULL. */
const char *lb_run_env_str(const struct lb_rrun *run, const char *dotted, char *buf, size_t buflen);

/* Display helpers for one case: "p1024", "b-"/"b64", variant "-" when none. */
const char *lb_case_variant(const struct lb_rcase *c);

#endif
