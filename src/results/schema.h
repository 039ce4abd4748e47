/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The results format (docs/results-format.md) in one place: the schema version, the file names,
 * every run.json key and the samples.csv header. The writer, the merge of rounds and the reader
 * all spell the format with these names.
 */
#ifndef LB_RESULTS_SCHEMA_H
#define LB_RESULTS_SCHEMA_H

/* 2: samples.csv in long form, counters included (run.json itself is as in 1). The writer writes
 * LB_SCHEMA_VERSION; the reader accepts LB_SCHEMA_VERSION_MIN..LB_SCHEMA_VERSION. */
#define LB_SCHEMA_VERSION 2
#define LB_SCHEMA_VERSION_MIN 1

#define LB_RUN_JSON "run.json"
#define LB_SAMPLES_CSV "samples.csv"
/*
 * One row per value: the case and its parameters, then what was measured (a timed metric's name
 * or a counter's name), its scope, the repetition, the value (integers exactly, others "%.17g"),
 * its unit, and for counters whether it was scaled (multiplexed: an estimate). Timed metrics
 * have scope LB_SCOPE_ELAPSED, unit "ns" and an empty `scaled`. Unavailable counters have no
 * rows.
 */
#define LB_SAMPLES_CSV_HEADER                                                                      \
	"case_id,workload,variant,mode,pages,batch,remote,metric,scope,rep,value,unit,scaled"
/* samples.csv scope of a timed metric: the elapsed time between the two clock reads around the
 * timed region (whatever ran on the CPU meanwhile included), not one thread's CPU time. */
#define LB_SCOPE_ELAPSED "elapsed"
#define LB_UNIT_NS "ns"
#define LB_UNIT_COUNT "count"

/* run.json keys: top level, settings, cases, metrics and their summary, counters. */
#define LB_K_SCHEMA_VERSION "schema_version"
#define LB_K_TOOL "tool"
#define LB_K_NAME "name"
#define LB_K_VERSION "version"
#define LB_K_GIT_COMMIT "git_commit"
#define LB_K_COMMAND_LINE "command_line"
#define LB_K_LABEL "label"
#define LB_K_STARTED_AT "started_at"
#define LB_K_FINISHED_AT "finished_at"
#define LB_K_COMPLETE "complete"
#define LB_K_SETTINGS "settings"
#define LB_K_ENV "env"
#define LB_K_CASES "cases"
#define LB_K_MERGED_FROM "merged_from"
/* Replicates (run --runs, vm --ab, compare's merged sides): the top-level list, settings.runs,
 * and each case's samples per replicate. */
#define LB_K_REPLICATES "replicates"
#define LB_K_RUNS "runs"
#define LB_K_REPLICATE_REPS "replicate_reps"
#define LB_K_DIR "dir"
#define LB_K_REPS "reps"
#define LB_K_WARMUP "warmup"
#define LB_K_ROUNDS "rounds"
#define LB_K_CPU "cpu"
#define LB_K_ASLR_DISABLED "aslr_disabled"
#define LB_K_ASLR_REASON "aslr_reason"
#define LB_K_SEED "seed"
#define LB_K_BOOTSTRAP_RESAMPLES "bootstrap_resamples"
#define LB_K_CI_LEVEL "ci_level"
#define LB_K_CASE_ORDER "case_order"
#define LB_K_RUN_ORDER "run_order"
/* run --delay-ns: settings {case id: ns} and the case's own ns, only when nonzero */
#define LB_K_DELAY_NS "delay_ns"
#define LB_K_ID "id"
#define LB_K_WORKLOAD "workload"
#define LB_K_KIND "kind"
#define LB_K_VARIANT "variant"
#define LB_K_MODE "mode"
#define LB_K_PAGES "pages"
#define LB_K_BATCH "batch"
#define LB_K_REMOTE "remote"
#define LB_K_REMOTE_CPU "remote_cpu"
#define LB_K_REPS_DONE "reps_done"
#define LB_K_METRICS "metrics"
#define LB_K_COUNTERS "counters"
#define LB_K_STATE_CHECK "state_check"
#define LB_K_KERNEL "kernel" /* kernel workloads: per-repetition accounting */
#define LB_K_ERROR "error"
#define LB_K_REFUSED "refused"
#define LB_K_ERRNO "errno"
#define LB_K_REASON "reason"
#define LB_K_UNIT "unit"
#define LB_K_SAMPLES "samples"
#define LB_K_OUTLIER "outlier"
#define LB_K_SUMMARY "summary"
#define LB_K_EFFECT "effect" /* kernel metrics: can the mode move it here */
/* LB_K_EFFECT's value for a cell the mode cannot move here: an A/A control for compare. */
#define LB_EFFECT_CONTROL "control: no effect expected"
#define LB_K_N "n"
#define LB_K_MEDIAN "median"
#define LB_K_MEAN "mean"
#define LB_K_STDDEV "stddev"
#define LB_K_MIN "min"
#define LB_K_MAX "max"
#define LB_K_MAD "mad"
#define LB_K_CI_LOW "ci_low"
#define LB_K_CI_HIGH "ci_high"
#define LB_K_N_OUTLIERS "n_outliers"
#define LB_K_PER_PAGE_MEDIAN "per_page_median"
#define LB_K_EVENT "event"
#define LB_K_FILTER "filter"
#define LB_K_SCOPE "scope"
#define LB_K_AVAILABLE "available"
#define LB_K_VALUES "values"
#define LB_K_SCALED "scaled"

#endif
