/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The comparison model every report format prints: which cases matched across runs, the
 * per-metric A/B statistics, the counters per operation and the comparability findings.
 * Built once by lb_compare_build(), printed by one format_*() per output format.
 */
#ifndef LB_COMPARE_MODEL_H
#define LB_COMPARE_MODEL_H

#include <stdbool.h>
#include <stdio.h>

#include "abstats.h"
#include "cost_model.h"
#include "env_keys.h"
#include "hygiene.h"
#include "replicates.h"
#include "units.h"
#include "results_read.h"
#include "schema.h"
#include "validate.h"

/*
 * One metric of one matched case pair. The unit of replication is the replicate (a separately
 * started process or a boot; analysis/replicates.h), or with --mode-pairs the replicate or
 * round shared by both modes (paired).
 */
struct lb_cmp_metric {
	const struct lb_rmetric *a, *b;
	const struct lb_rcase *case_a, *case_b;
	size_t k_a, k_b;	   /* units per side */
	enum lb_unit_kind unit;	   /* what a unit is */
	double med_a, med_b;	   /* median of the unit medians */
	double cv_a, cv_b;	   /* run-to-run SD of log unit medians; NAN when k < 2 */
	double within_a, within_b; /* within-unit SD of log samples */
	bool tested;		   /* false: why_untested says why (no verdict) */
	const char *why_untested;
	struct lb_rep_ab ab;   /* estimate, test, CI, equivalence, effect size, planning */
	struct lb_ratio_ci ci; /* ratio and CI of ab, at the Holm level with --holm */
	double p_used;	       /* Holm-adjusted when --holm, raw otherwise */
	bool significant;      /* p_used < alpha (its CI then excludes 1) */
	/* Both runs say the mode cannot move this metric here ("control: no effect expected"). */
	bool control;
	struct lb_hygiene hyg_a, hyg_b;
	bool hyg_ok_a, hyg_ok_b;
};

/*
 * One counter in one scope of one matched case pair, per operation (= per repetition) and per
 * PTE. A counter is matched on its name and its scope (thread, cpu, remote_cpu, system): the
 * measuring CPU's count is never compared with the remote CPU's.
 */
struct lb_cmp_counter {
	const char *name;
	const char *scope;		 /* as recorded; "unknown" when the run did not say */
	const struct lb_rcounter *a, *b; /* NULL when the run did not record it */
	double per_op_a, per_op_b;	 /* median over repetitions; NAN when unavailable */
	double per_pte_a, per_pte_b;	 /* per_op / pages; NAN when unavailable */
};

/* One of the cost model's events found among a case's TCG counts (--cost-model). */
struct lb_cost_term {
	const struct lb_cost_event *ev;
	double per_op_a, per_op_b; /* median count per op; NAN when unavailable */
};

/*
 * --cost-model: the estimated cycles per operation of one TCG-marked metric in one scope, the
 * sum over the model's events of median count per op x cycles per event. An estimate from
 * counts, not a measurement; partial when events with counts have no figure (uncosted).
 */
struct lb_cost_est {
	char metric[64];	   /* of the counters tcg.<metric>.*; "" when the case has none */
	const char *scope;	   /* vcpu or other_vcpus */
	double cycles_a, cycles_b; /* NAN: unavailable, why_a / why_b say why */
	char why_a[512], why_b[512];
	char *uncosted;	   /* events counted (above 0 on a side) with no figure: "tcg:insn, ..." */
	char *not_counted; /* the model's events this case has no counter for */
	struct lb_cost_term *terms;
	size_t n_terms;
};

struct lb_cmp_case {
	const struct lb_rcase *a, *b;
	struct lb_cmp_metric *metrics;
	size_t n_metrics;
	struct lb_cmp_counter *counters;
	size_t n_counters;
	struct lb_cost_est *costs; /* --cost-model only */
	size_t n_costs;
};

/* Baseline against one other run (or one mode against another with --mode-pairs). */
struct lb_comparison {
	const struct lb_rrun *run_a, *run_b;
	const char *name_a, *name_b; /* run labels, or modes with --mode-pairs */
	const char *mode_a, *mode_b; /* only with --mode-pairs */
	struct lb_cmp_case *cases;
	size_t n_cases;
	char **unmatched; /* "only in <name>: <case id> [metric]" */
	size_t n_unmatched;
};

/* A comparability finding: refuse-class ones stop compare unless overridden. */
struct lb_cmp_issue {
	bool refuse;
	char *text;
};

struct lb_report {
	struct lb_rrun *runs;
	size_t n_runs;
	bool mode_pairs;
	struct lb_comparison *cmps;
	size_t n_cmps;
	size_t n_tests;
	bool holm;
	double alpha;
	double margin; /* equivalence margin, fraction (--equivalence) */
	double target; /* change the runs-needed figure is planned for (--target) */
	unsigned resamples;
	unsigned long seed;
	/*
	 * --mode-pairs: the tested control cells form a built-in A/A control: pairs = those
	 * cells, positives = those called significant, with the Clopper-Pearson interval.
	 */
	struct lb_aa_result control;
	struct lb_cmp_issue *issues;
	size_t n_issues;
	char **env_diff;      /* "key: A-value -> B-value" lines, baseline vs each run */
	size_t *env_diff_run; /* the run (index in runs) each line compares with the baseline */
	size_t n_env_diff;
	const struct lb_cost_model *cost_model; /* --cost-model, NULL without */
	int argc;				/* the compare command line, for "to reproduce" */
	char **argv;
};

/* Match cases, run the statistics, apply Holm when asked. 0 or -1 (message in err). */
int lb_compare_build(struct lb_report *r, char *err, size_t errlen);
/* Environment and parameter checks of every run against the baseline (fills issues/diff). */
void lb_compare_check_env(struct lb_report *r);
void lb_compare_free(struct lb_report *r);

/*
 * --cost-model: the estimates of one matched case (cc->costs), per TCG-marked metric, in the
 * vcpu scope and, where its estimate is above 0 on a side, other_vcpus; one unavailable entry
 * when neither run has TCG counts for the case. 0 or -1 (out of memory).
 */
int lb_cost_case(const struct lb_cost_model *m, const struct lb_comparison *c,
		 struct lb_cmp_case *cc);
void lb_cost_case_free(struct lb_cmp_case *cc);

/* A short env value for headers (path: one of env_keys.h's LB_ENV_*), "unknown" when absent. */
const char *lb_run_env_or_unknown(const struct lb_rrun *run, const char *path, char *buf,
				  size_t len);

#endif
