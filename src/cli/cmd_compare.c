// SPDX-License-Identifier: GPL-2.0
/* lazybench compare RUN_A RUN_B [RUN_C ...]: A/B statistics between runs (or modes). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "format.h"
#include "schema.h"
#include "merge.h"

/* Indexed like --format's words. */
static void (*const formats[])(FILE *, const struct lb_report *) = {
    lb_format_text, lb_format_email, lb_format_markdown, lb_format_json, lb_format_csv,
};

/* The same results directory, or a copy of it (same run id and start time). */
static bool same_run(const struct lb_rrun *a, const struct lb_rrun *b)
{
	char ra[PATH_MAX], rb[PATH_MAX];
	const char *sa = json_string_value(json_object_get(a->root, LB_K_STARTED_AT));
	const char *sb = json_string_value(json_object_get(b->root, LB_K_STARTED_AT));

	if (realpath(a->dir, ra) && realpath(b->dir, rb) && !strcmp(ra, rb))
		return true;
	return sa && sb && !strcmp(sa, sb) && !strcmp(a->label, b->label);
}

int cmd_compare(int argc, char **argv)
{
	static const char *const format_names[] = {"text", "email", "markdown",
						   "json", "csv",   NULL};
	struct lb_report r = {.alpha = 0.05,
			      .margin = 0.05,
			      .target = 0.05,
			      .resamples = 2000,
			      .seed = 1,
			      .argc = argc,
			      .argv = argv};
	double margin_pct = 5, target_pct = 5;
	const char *results_dir = "results", *out_path = NULL, *cost_path = NULL;
	struct lb_cost_model cost = {0};
	bool allow = false, refused = false;
	int format = 0, first, rc;
	const struct lb_opt opts[] = {
	    {.name = "format",
	     .kind = LB_OPT_CHOICE,
	     .dest = &format,
	     .choices = format_names,
	     .arg = "F",
	     .help = "text (default) | email | markdown | json | csv"},
	    {.name = "output",
	     .short_name = 'o',
	     .kind = LB_OPT_STR,
	     .dest = &out_path,
	     .arg = "FILE",
	     .help = "write the report to FILE instead of stdout"},
	    {.name = "results-dir",
	     .kind = LB_OPT_STR,
	     .dest = &results_dir,
	     .arg = "DIR",
	     .help = "where run ids are looked up (default ./results)"},
	    {.name = "mode-pairs",
	     .kind = LB_OPT_FLAG,
	     .dest = &r.mode_pairs,
	     .help = "compare modes within each run: off->on, on->nested, on->paused"},
	    {.name = "holm",
	     .kind = LB_OPT_FLAG,
	     .dest = &r.holm,
	     .help = "Holm-adjust the p-values over all tests of the report"},
	    {.name = "alpha",
	     .kind = LB_OPT_DOUBLE,
	     .dest = &r.alpha,
	     .dmin = 1e-6,
	     .dmax = 0.5,
	     .why = "want a number in (0, 0.5]",
	     .arg = "A",
	     .help = "significance level (default 0.05)"},
	    {.name = "equivalence",
	     .kind = LB_OPT_DOUBLE,
	     .dest = &margin_pct,
	     .dmin = 0.01,
	     .dmax = 100,
	     .why = "want a percentage in [0.01, 100]",
	     .arg = "X",
	     .help = "margin in % of the verdict \"no change larger than X%\" (default 5)"},
	    {.name = "target",
	     .kind = LB_OPT_DOUBLE,
	     .dest = &target_pct,
	     .dmin = 0.01,
	     .dmax = 100,
	     .why = "want a percentage in [0.01, 100]",
	     .arg = "X",
	     .help = "change in % that \"runs needed\" plans for (default 5)"},
	    {.name = "resamples",
	     .kind = LB_OPT_UINT,
	     .dest = &r.resamples,
	     .min = 100,
	     .max = 1000000,
	     .arg = "N",
	     .help = "accepted for old scripts (the replicate-level test does not resample)"},
	    {.name = "seed",
	     .kind = LB_OPT_ULONG,
	     .dest = &r.seed,
	     .arg = "N",
	     .help = "accepted for old scripts (the replicate-level test does not resample)"},
	    {.name = "cost-model",
	     .kind = LB_OPT_STR,
	     .dest = &cost_path,
	     .arg = "FILE",
	     .help = "add the ESTIMATED cycles per op from the TCG counts x FILE's cycles per\n"
		     "event (a CPU model's published figures, each with its source; shipped:\n"
		     "docs/cost-models/); not measured, and partial where events have no figure"},
	    {.name = "allow-incomparable",
	     .kind = LB_OPT_FLAG,
	     .dest = &allow,
	     .help = "compare runs from different machines/CPUs/virtualisation/page sizes/"
		     "settings\n(refused otherwise); the report then warns loudly"},
	    {0},
	};
	const struct lb_cmd cmd = {
	    .name = "compare",
	    .synopsis = "[OPTIONS] RUN_A RUN_B [RUN_C ...]\n--mode-pairs [OPTIONS] RUN [RUN ...]",
	    .about = "RUN is a results directory or a run id under --results-dir; the first is the "
		     "baseline.\nRUN may list several runs of one side, comma-separated "
		     "(base1,base2,base3): their\nreplicates are pooled. The unit of the test is "
		     "the replicate (run --runs K: K separately\nstarted processes; vm --ab: one "
		     "boot each); fewer than 3 per side give the change but\nno verdict.",
	    .opts = opts,
	    .min_args = 1,
	    .max_args = LB_OPT_ANY,
	    .args_error = "needs at least two RUNs (baseline first)",
	};
	void (*fmt)(FILE *, const struct lb_report *);
	char err[1024];
	FILE *out = stdout;

	if ((rc = lb_opt_parse(&cmd, argc, argv, &first)) != LB_OPT_GO)
		return rc;
	rc = 0;
	fmt = formats[format];
	r.margin = margin_pct / 100;
	r.target = target_pct / 100;
	r.n_runs = (size_t)(argc - first);
	if (r.n_runs < (r.mode_pairs ? 1u : 2u))
		return lb_usage_error("compare", r.mode_pairs
						     ? "--mode-pairs needs at least one RUN"
						     : "needs at least two RUNs (baseline "
						       "first)");
	if (cost_path) {
		if (lb_cost_model_load(cost_path, &cost, err, sizeof(err))) {
			fprintf(stderr, "lazybench compare: --cost-model %s\n", err);
			return LB_EXIT_FAIL;
		}
		r.cost_model = &cost;
	}
	r.runs = calloc(r.n_runs, sizeof(*r.runs));
	if (!r.runs) {
		fprintf(stderr, "lazybench compare: out of memory\n");
		lb_cost_model_free(&cost);
		return LB_EXIT_FAIL;
	}
	for (size_t i = 0; i < r.n_runs; i++)
		if (lb_merge_load_side(argv[first + (int)i], results_dir, &r.runs[i], err,
				       sizeof(err))) {
			fprintf(stderr, "lazybench compare: %s\n", err);
			rc = LB_EXIT_FAIL;
			r.n_runs = i;
			goto done;
		}
	if (!r.mode_pairs)
		lb_compare_check_env(&r);
	for (size_t i = 0; i < r.n_issues; i++)
		if (r.issues[i].refuse && !allow) {
			fprintf(stderr, "lazybench compare: runs are not comparable: %s\n",
				r.issues[i].text);
			refused = true;
		}
	if (refused) {
		fprintf(stderr, "lazybench compare: refusing to compare (--allow-incomparable "
				"overrides)\n");
		rc = LB_EXIT_FAIL;
		goto done;
	}
	if (!r.mode_pairs)
		for (size_t i = 1; i < r.n_runs; i++)
			if (same_run(&r.runs[0], &r.runs[i]))
				fprintf(
				    stderr,
				    "lazybench compare: warning: %s is compared with itself: every "
				    "difference is resampling noise\n",
				    r.runs[i].label);
	if (lb_compare_build(&r, err, sizeof(err))) {
		fprintf(stderr, "lazybench compare: %s\n", err);
		rc = LB_EXIT_FAIL;
		goto done;
	}
	/*
	 * A report of 0 tests is not a result: say why and fail. A/B: every run must share a
	 * case with the baseline. --mode-pairs: a pair of modes that no case ran in both (say,
	 * nested refused everywhere) is noted, and only a report with no pair at all fails.
	 */
	{
		size_t empty = 0;

		for (size_t i = 0; i < r.n_cmps; i++)
			empty += !r.cmps[i].n_cases;
		for (size_t i = 0; i < r.n_cmps; i++) {
			if (r.cmps[i].n_cases)
				continue;
			if (r.mode_pairs)
				fprintf(
				    stderr,
				    "lazybench compare: %s: run %s: no case ran in both mode %s "
				    "and mode %s\n",
				    empty == r.n_cmps ? "error" : "note", r.cmps[i].run_a->label,
				    r.cmps[i].name_a, r.cmps[i].name_b);
			else
				fprintf(
				    stderr,
				    "lazybench compare: no case of %s matches a case of %s that "
				    "ran in both (cases match on workload, variant, mode, pages, "
				    "batch and remote): nothing to compare\n",
				    r.cmps[i].name_b, r.cmps[i].name_a);
		}
		if (empty && (!r.mode_pairs || empty == r.n_cmps))
			rc = LB_EXIT_FAIL;
	}
	if (rc)
		goto done;
	if (out_path) {
		out = fopen(out_path, "w");
		if (!out) {
			fprintf(stderr, "lazybench compare: cannot write %s: %s\n", out_path,
				strerror(errno));
			rc = LB_EXIT_FAIL;
			goto done;
		}
	}
	fmt(out, &r);
	if (out != stdout && fclose(out)) {
		fprintf(stderr, "lazybench compare: writing %s failed: %s\n", out_path,
			strerror(errno));
		rc = LB_EXIT_FAIL;
	}
done:
	lb_compare_free(&r);
	for (size_t i = 0; i < r.n_runs; i++)
		lb_run_free(&r.runs[i]);
	free(r.runs);
	lb_cost_model_free(&cost);
	return rc;
}
