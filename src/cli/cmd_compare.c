// SPDX-License-Identifier: GPL-2.0
/* lazybench compare RUN_A RUN_B [RUN_C ...]: A/B statistics between runs (or modes). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "format.h"
#include "parse.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: lazybench compare [OPTIONS] RUN_A RUN_B [RUN_C ...]\n"
		"       lazybench compare --mode-pairs [OPTIONS] RUN [RUN ...]\n"
		"RUN is a results directory or a run id under --results-dir; the first is the "
		"baseline.\n\n"
		"  --format F            text (default) | email | markdown | json | csv\n"
		"  -o, --output FILE     write the report to FILE instead of stdout\n"
		"  --results-dir DIR     where run ids are looked up (default ./results)\n"
		"  --mode-pairs          compare modes within each run: off->on, on->nested, "
		"on->paused\n"
		"  --holm                Holm-adjust the p-values over all tests of the report\n"
		"  --alpha A             significance level (default 0.05)\n"
		"  --resamples N         bootstrap resamples for the CI (default 2000)\n"
		"  --seed N              bootstrap seed (default 1; printed in the report)\n"
		"  --allow-incomparable  compare runs from different machines/CPUs/virtualisation/"
		"page sizes/settings\n"
		"                        (refused otherwise); the report then warns loudly\n");
}

static const struct {
	const char *name;
	void (*fn)(FILE *, const struct report *);
} formats[] = {
    {"text", format_text}, {"email", format_email}, {"markdown", format_markdown},
    {"json", format_json}, {"csv", format_csv},
};

int cmd_compare(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"format", required_argument, NULL, 'f'},
	    {"output", required_argument, NULL, 'o'},
	    {"results-dir", required_argument, NULL, 'r'},
	    {"mode-pairs", no_argument, NULL, 'm'},
	    {"holm", no_argument, NULL, 'H'},
	    {"alpha", required_argument, NULL, 'a'},
	    {"resamples", required_argument, NULL, 'R'},
	    {"seed", required_argument, NULL, 's'},
	    {"allow-incomparable", no_argument, NULL, 'A'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct report r = {.alpha = 0.05, .resamples = 2000, .seed = 1, .argc = argc, .argv = argv};
	const char *results_dir = "results", *out_path = NULL;
	void (*fmt)(FILE *, const struct report *) = format_text;
	bool allow = false, refused = false;
	char err[1024];
	int c, rc = 0;
	FILE *out = stdout;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			fmt = NULL;
			for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
				if (!strcmp(optarg, formats[i].name))
					fmt = formats[i].fn;
			if (!fmt) {
				snprintf(err, sizeof(err),
					 "--format: unknown format '%s' (text, email, markdown, "
					 "json, csv)",
					 optarg);
				return lb_usage_error("compare", err);
			}
			break;
		case 'o':
			out_path = optarg;
			break;
		case 'r':
			results_dir = optarg;
			break;
		case 'm':
			r.mode_pairs = true;
			break;
		case 'H':
			r.holm = true;
			break;
		case 'a':
			if (parse_double_in(optarg, 1e-6, 0.5, &r.alpha))
				return lb_usage_error("compare",
						      "--alpha: expected a number in (0, 0.5]");
			break;
		case 'R':
			if (parse_ulong_in(optarg, 100, 1000000, &(unsigned long){0}) ||
			    parse_uint(optarg, &r.resamples))
				return lb_usage_error(
				    "compare", "--resamples: expected an integer 100..1000000");
			break;
		case 's':
			if (parse_ulong_in(optarg, 0, ~0UL, &r.seed))
				return lb_usage_error("compare", "--seed: expected an integer");
			break;
		case 'A':
			allow = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			return lb_getopt_error("compare", c, argv);
		}
	}
	r.n_runs = (size_t)(argc - optind);
	if (r.n_runs < (r.mode_pairs ? 1u : 2u))
		return lb_usage_error("compare", r.mode_pairs
						     ? "--mode-pairs needs at least one RUN"
						     : "needs at least two RUNs (baseline "
						       "first)");
	r.runs = calloc(r.n_runs, sizeof(*r.runs));
	if (!r.runs) {
		fprintf(stderr, "lazybench compare: out of memory\n");
		return LB_EXIT_FAIL;
	}
	for (size_t i = 0; i < r.n_runs; i++)
		if (lb_run_load(argv[optind + (int)i], results_dir, &r.runs[i], err, sizeof(err))) {
			fprintf(stderr, "lazybench compare: %s\n", err);
			rc = LB_EXIT_FAIL;
			r.n_runs = i;
			goto done;
		}
	if (!r.mode_pairs)
		compare_check_env(&r);
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
	if (compare_build(&r, err, sizeof(err))) {
		fprintf(stderr, "lazybench compare: %s\n", err);
		rc = LB_EXIT_FAIL;
		goto done;
	}
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
	compare_free(&r);
	for (size_t i = 0; i < r.n_runs; i++)
		lb_run_free(&r.runs[i]);
	free(r.runs);
	return rc;
}
