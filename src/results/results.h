/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In-memory model of one run, filled by `run` and serialised by results_write.c into
 * results/<run-id>/ exactly as docs/results-format.md says (LB_SCHEMA_VERSION).
 */
#ifndef LB_RESULTS_H
#define LB_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "schema.h"
#include "stats.h"
#include "workload.h"

struct lb_metric_result {
	const char *name;
	double *samples; /* reps_done values, repetition order */
	bool *outlier;
	struct lb_summary summary; /* valid when reps_done > 0 */
	/* Kernel workloads: can the mode move this metric here? "possible", "control: no effect
	 * expected" (LB_EFFECT_CONTROL) or "unknown"; NULL when not stated. Static string. */
	const char *effect;
};

struct lb_counter_result {
	char *event;	   /* libpfm4 name, "sys:name" tracepoint, or "interrupts:TLB" */
	char *filter;	   /* tracepoint filter or NULL */
	char *name;	   /* short name shown to users */
	const char *scope; /* "thread" | "cpu" | "remote_cpu" | "system" */
	bool available;
	const char *err_name; /* "ENOENT" ... when unavailable */
	char *reason;	      /* human reason when unavailable */
	uint64_t *values;     /* reps_done values, summed over each repetition's timed regions */
	bool scaled;	      /* multiplexed: values were scaled by time_enabled/time_running */
	/* run --rounds: what made the rounds disagree about it (not written). */
	enum lb_rounds_state {
		LB_ROUNDS_AGREE,
		LB_ROUNDS_DIFFER,      /* the counters opened differ between rounds */
		LB_ROUNDS_AVAILABILITY /* available in some rounds only */
	} rounds;
};

struct lb_case_result {
	char id[192];
	const char *workload;
	enum lb_kind kind;
	const char *variant; /* NULL when none */
	enum lb_mode mode;
	unsigned long pages;
	long batch;	     /* -1: null */
	const char *remote;  /* none | smt | l2 | llc | package | numa */
	int cpu, remote_cpu; /* remote_cpu -1: null */
	unsigned delay_ns;   /* run --delay-ns: the module's busy-wait per section (0: none) */
	bool started;	     /* false: never reached (interrupted before); not written */
	bool complete;
	size_t reps_done;
	unsigned n_metrics;
	struct lb_metric_result metrics[LB_MAX_METRICS];
	size_t n_counters;
	struct lb_counter_result *counters;
	json_t *state_check; /* owned reference or NULL */
	json_t *kernel;	     /* kernel workloads: per-repetition accounting; owned or NULL */
	bool failed;	     /* setup or a repetition returned an error: see fail_err/fail_reason */
	const char *fail_err;
	char fail_reason[LB_REASON_LEN + 64];
	bool refused;
	const char *refused_err; /* errno name */
	char refused_reason[LB_REASON_LEN];
};

struct lb_run_settings {
	unsigned reps, warmup;
	int cpu;
	bool aslr_disabled;
	const char *aslr_reason; /* why not disabled, NULL when it is */
	unsigned long seed;
	unsigned bootstrap_resamples;
	double ci_level;
	const char *case_order; /* "shuffled" */
	unsigned rounds; /* --rounds: passes over the cases (0 in old callers: written as 1) */
};

struct lb_run {
	json_t *command_line; /* array of strings, borrowed */
	const char *label;
	char started_at[32], finished_at[32];
	bool complete;
	struct lb_run_settings settings;
	json_t *env;	   /* borrowed: exactly what `lazybench env --json` prints */
	json_t *run_order; /* borrowed: case ids in the order they ran ("ID#R": rounds > 1) */
	size_t n_cases;
	struct lb_case_result *cases; /* definition order */
};

/* Case id "workload/variant/mode/pPAGES/bBATCH/remote" ("-" for null variant and batch). */
void lb_case_id(struct lb_case_result *c);

/* Create DIR/LABEL (DIR made when missing); refuses an existing LABEL. 0, or an errno value
 * (EEXIST: the label is taken) with a one-line reason in err. path receives DIR/LABEL. */
int lb_results_create_dir(const char *dir, const char *label, char *path, size_t path_len,
			  char *err, size_t err_len);
/* JSON for the run (new reference). */
json_t *lb_results_to_json(const struct lb_run *run);
/* A metric's "summary" object; per_page_median null when pages is 0. */
json_t *lb_results_summary_json(const struct lb_summary *s, unsigned long pages);
/* Write samples.csv, then run.json (its presence means the directory is whole), each atomically
 * (temp, fsync, rename), from a run.json tree, whose schema_version is set to this version's
 * (the files are written in its format). 0, or -1 with a one-line reason in err. */
int lb_results_write_tree(const char *path, json_t *run, char *err, size_t err_len);
/* lb_results_write_tree() of lb_results_to_json(run). */
int lb_results_write(const char *path, const struct lb_run *run, char *err, size_t err_len);
/* A counter's unit from its event: "ns" for the software clocks (task-clock, cpu-clock: ns of
 * CPU time), "count" for everything else. NULL event: "count". */
const char *lb_counter_event_unit(const char *event);
/* ISO 8601 UTC "2026-11-21T13:40:00Z" of now. */
void lb_utc_now(char *buf, size_t len);

#endif
