// SPDX-License-Identifier: GPL-2.0
/*
 * lazybench validate: how far compare's verdicts can be trusted on this machine, measured the
 * way compare is used (issue 11): separately started runs, K per side, compared with the
 * replicate-level rule. The A/A false-positive rate with its interval, the power to detect an
 * additive delay of 2/5/10% across runs, the run-to-run noise and what it costs; then the
 * module's injected delay inside one process (where the module loads) and the harness overhead
 * (timer and ioctl) against the smallest case. Benchmark figures, not pass/fail checks.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "model.h"
#include "run_opts.h"
#include "stats.h"
#include "validate.h"
#include "validate_kmod.h"
#include "validate_runs.h"

extern char **environ;

#define VALIDATE_RESAMPLES 1000

static int spawn_run(const char *workload, const char *pages, unsigned long reps, const char *dir,
		     const char *label, unsigned long seed)
{
	char r[32], s[32];
	char *argv[] = {"lazybench", "run",	    "--workload",    (char *)workload,
			"--pages",   (char *)pages, "--reps",	     r,
			"--runs",    "1",	    "--results-dir", (char *)dir,
			"--label",   (char *)label, "--seed",	     s,
			"-q",	     NULL};
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int status, err;

	snprintf(r, sizeof(r), "%lu", reps);
	snprintf(s, sizeof(s), "%lu", seed);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	err = posix_spawn(&pid, "/proc/self/exe", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (err) {
		fprintf(stderr, "lazybench validate: cannot start lazybench run: %s\n",
			strerror(err));
		return -1;
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    (WEXITSTATUS(status) && WEXITSTATUS(status) != LB_EXIT_FAIL)) {
		fprintf(stderr, "lazybench validate: run %s did not finish\n", label);
		return -1;
	}
	return 0;
}

/* Cost of one clock_gettime(CLOCK_MONOTONIC): median over 200 batches of 1000 calls. */
static double timer_cost_ns(void)
{
	double per[200];

	for (size_t b = 0; b < 200; b++) {
		struct timespec t0, t1, x;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (int i = 0; i < 1000; i++)
			clock_gettime(CLOCK_MONOTONIC, &x);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		per[b] =
		    ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec)) /
		    1000;
	}
	return lb_stats_median(per, 200);
}

static int by_start(const void *x, const void *y)
{
	const struct lb_rrun *a = x, *b = y;
	const char *sa = json_string_value(json_object_get(a->root, "started_at"));
	const char *sb = json_string_value(json_object_get(b->root, "started_at"));
	int c = sa && sb ? strcmp(sa, sb) : 0;

	return c ? c : strcmp(a->label, b->label);
}

/*
 * Every run directly under dir, in the order they started; a results directory of one run
 * stands for its replicates (replicates/rI of run --runs), or for itself when it has none.
 * -1 when none loads.
 */
static long load_dir(const char *dir, struct lb_rrun **out)
{
	struct dirent **names;
	char sub[4200], err[1024];
	int n;
	long k = 0;

	snprintf(sub, sizeof(sub), "%s/run.json", dir);
	if (!access(sub, R_OK)) {
		snprintf(sub, sizeof(sub), "%s/replicates", dir);
		if (!access(sub, R_OK))
			return load_dir(sub, out);
		*out = calloc(1, sizeof(**out));
		if (!*out || lb_run_load(dir, NULL, *out, err, sizeof(err)))
			return -1;
		return 1;
	}
	n = scandir(dir, &names, NULL, alphasort);

	*out = NULL;
	if (n < 0) {
		fprintf(stderr, "lazybench validate: cannot read %s: %s\n", dir, strerror(errno));
		return -1;
	}
	*out = calloc((size_t)n + 1, sizeof(**out));
	for (int i = 0; i < n; i++) {
		if (*out && names[i]->d_name[0] != '.' &&
		    !lb_run_load(names[i]->d_name, dir, &(*out)[k], err, sizeof(err)))
			k++;
		free(names[i]);
	}
	free(names);
	if (!*out || !k)
		return -1;
	qsort(*out, (size_t)k, sizeof(**out), by_start);
	return k;
}

static void smallest_case(const struct lb_rrun *run, double *smallest, const char **id)
{
	*smallest = 0;
	for (size_t i = 0; i < run->n_cases; i++)
		for (size_t m = 0; m < run->cases[i].n_metrics; m++) {
			const struct lb_rmetric *mt = &run->cases[i].metrics[m];
			double med = mt->n ? lb_stats_median(mt->samples, mt->n) : 0;

			if (med > 0 && (!*smallest || med < *smallest)) {
				*smallest = med;
				*id = run->cases[i].id;
			}
		}
}

static void runs_section(FILE *f, const struct lb_rrun *runs, long n, unsigned long k)
{
	static const double shifts[] = {0, 0.02, 0.05, 0.10};
	const struct lb_rep_opts o = {.alpha = 0.05, .margin = 0.05, .target = 0.05, .power = 0.8};
	struct vr_report v;

	fprintf(f,
		"A/A and detection across separately started runs (%ld runs, %lu per side, A B B A "
		"order;\n  rule: compare's Welch t on log replicate medians, p < 0.05; +N%%: an "
		"additive delay of N%% of the\n  case's median added to every B sample):\n",
		n, k);
	if (validate_runs(f, runs, (size_t)n, k, shifts, 4, &o, &v)) {
		fprintf(f, "  unavailable: %ld runs, %lu needed for one pair\n", n, 2 * k);
		return;
	}
	fprintf(f,
		"A/A false-positive rate: %zu/%zu = %.1f%% (95%% CI %.1f..%.1f%%; nominal 5%%); "
		"pairs with any positive: %zu/%zu\n",
		v.tests[0].positives, v.tests[0].pairs, v.tests[0].rate * 100, v.tests[0].low * 100,
		v.tests[0].high * 100, v.any[0].positives, v.any[0].pairs);
	for (size_t s = 1; s < v.n_shifts; s++)
		fprintf(f, "power to detect +%.0f%%: %zu/%zu = %.1f%% (95%% CI %.1f..%.1f%%)\n",
			v.shifts[s] * 100, v.tests[s].positives, v.tests[s].pairs,
			v.tests[s].rate * 100, v.tests[s].low * 100, v.tests[s].high * 100);
	{
		char need[48];

		if (v.runs_needed_median > LB_REP_MAX_RUNS)
			snprintf(need, sizeof(need), "more than %d", LB_REP_MAX_RUNS);
		else
			snprintf(need, sizeof(need), "%zu", v.runs_needed_median);
		fprintf(
		    f,
		    "run-to-run SD of the median (median over %zu case metrics): %.1f%%; "
		    "within-run SD: %.1f%%;\n  runs per side for 80%% power at +5%%: %s (median "
		    "over case metrics); one run: %.1f s\n",
		    v.metrics, v.sd_between_median * 100, v.sd_within_median * 100, need,
		    v.seconds_per_run);
	}
	fprintf(f, "(the tests of one pair share its runs: the interval assumes independence, "
		   "the per-pair count does not)\n");
}

int cmd_validate(int argc, char **argv)
{
	const char *workload = "mprotect,munmap", *pages = "1,64", *from = NULL;
	const char *results_dir = "results", *smallest_id = "?";
	unsigned long pairs = 20, k = LB_RUNS_DEFAULT, reps = 30, seed = 1;
	const struct lb_opt opts[] = {
	    {.name = "pairs",
	     .kind = LB_OPT_ULONG,
	     .dest = &pairs,
	     .min = 1,
	     .max = 10000,
	     .arg = "N",
	     .help = "A/A pairs (default 20)"},
	    {.name = "runs-per-side",
	     .kind = LB_OPT_ULONG,
	     .dest = &k,
	     .min = 1,
	     .max = 1000,
	     .arg = "K",
	     .help = "runs per side (default 5, as run --runs)"},
	    {.name = "reps",
	     .kind = LB_OPT_ULONG,
	     .dest = &reps,
	     .min = 1,
	     .max = 1000000,
	     .arg = "N",
	     .help = "repetitions per run (default 30)"},
	    {.name = "workload",
	     .kind = LB_OPT_STR,
	     .dest = &workload,
	     .arg = "LIST",
	     .help = "workloads of the runs (default mprotect,munmap)"},
	    {.name = "pages",
	     .kind = LB_OPT_STR,
	     .dest = &pages,
	     .arg = "LIST",
	     .help = "pages of the runs (default 1,64)"},
	    {.name = "from",
	     .kind = LB_OPT_STR,
	     .dest = &from,
	     .arg = "DIR",
	     .help = "use the runs under DIR (in the order they started), or the replicates "
		     "of the run DIR, instead of running"},
	    {.name = "results-dir",
	     .kind = LB_OPT_STR,
	     .dest = &results_dir,
	     .arg = "DIR",
	     .help = "where the runs go (default ./results; in validate-<time>/)"},
	    {.name = "seed",
	     .kind = LB_OPT_ULONG,
	     .dest = &seed,
	     .max = 0xffffffffUL,
	     .arg = "N",
	     .help = "seed of the first run; run i gets N + i (default 1)"},
	    {0},
	};
	const struct lb_cmd cmd = {
	    .name = "validate",
	    .synopsis = "[OPTIONS]",
	    .about =
		"Starts 2 x K x PAIRS separate `lazybench run --runs 1` processes one after the "
		"other, cuts them into\nPAIRS A/A pairs of K runs per side (A B B A order) and "
		"compares every case and metric with\ncompare's replicate-level rule: the A/A "
		"false-positive rate, the power to detect an additive\ndelay of 2/5/10% added to "
		"the B side's samples, the run-to-run noise and the runs it takes;\nthen the "
		"module's injected delay in one process where the module loads, and the timer "
		"and\nioctl cost against the smallest case.",
	    .opts = opts,
	};
	char dir[4096], path[4200];
	double smallest = 0, timer;
	struct lb_rrun *runs = NULL;
	char *buf = NULL;
	size_t len = 0;
	long n;
	FILE *f;
	int rc;

	if ((rc = lb_opt_parse(&cmd, argc, argv, NULL)) != LB_OPT_GO)
		return rc;
	if (!from) {
		time_t now = time(NULL);
		struct tm tm;
		char label[64];

		gmtime_r(&now, &tm);
		strftime(label, sizeof(label), "validate-%Y%m%d-%H%M%S", &tm);
		snprintf(dir, sizeof(dir), "%s/%s", results_dir, label);
		mkdir(results_dir, 0755);
		if (mkdir(dir, 0755)) {
			fprintf(stderr, "lazybench validate: cannot create %s: %s\n", dir,
				strerror(errno));
			return LB_EXIT_FAIL;
		}
		fprintf(stderr, "lazybench validate: %lu runs into %s\n", 2 * k * pairs, dir);
		for (unsigned long i = 0; i < 2 * k * pairs; i++) {
			char rl[32];

			snprintf(rl, sizeof(rl), "aa%04lu", i + 1);
			if (spawn_run(workload, pages, reps, dir, rl, seed + i))
				return LB_EXIT_FAIL;
		}
		from = dir;
	}
	/* A run id under --results-dir, as everywhere else. */
	if (access(from, R_OK)) {
		snprintf(dir, sizeof(dir), "%s/%s", results_dir, from);
		if (!access(dir, R_OK))
			from = dir;
	}
	n = load_dir(from, &runs);
	if (n < 0) {
		fprintf(stderr, "lazybench validate: no run under %s\n", from);
		free(runs);
		return LB_EXIT_FAIL;
	}
	/* Too few runs for one pair: an error, not a table of n/a. */
	if ((unsigned long)n < 2 * k) {
		fprintf(stderr,
			"lazybench validate: %s holds %ld run(s): too few runs for one A/A pair of "
			"%lu per side (%lu needed); lower --runs-per-side or add runs\n",
			from, n, k, 2 * k);
		for (long i = 0; i < n; i++)
			lb_run_free(&runs[i]);
		free(runs);
		return LB_EXIT_FAIL;
	}
	f = open_memstream(&buf, &len);
	if (!f)
		return LB_EXIT_FAIL;
	{
		char rel[128], cpu[256], virt[64];

		fprintf(f, "lazybench validate on %s (kernel %s, %s, virtualisation %s)\n", from,
			lb_run_env_or_unknown(&runs[0], LB_ENV_KERNEL_RELEASE, rel, sizeof(rel)),
			lb_run_env_or_unknown(&runs[0], LB_ENV_CPU_MODEL, cpu, sizeof(cpu)),
			lb_run_env_or_unknown(&runs[0], LB_ENV_VIRT, virt, sizeof(virt)));
	}
	runs_section(f, runs, n, k);
	smallest_case(&runs[0], &smallest, &smallest_id);
	lb_validate_kmod(f, 20, 30, VALIDATE_RESAMPLES, seed);
	timer = timer_cost_ns();
	fprintf(f,
		"timer cost (clock_gettime CLOCK_MONOTONIC, median of 200 x 1000 calls): "
		"%.1f ns",
		timer);
	if (smallest > 0)
		fprintf(f,
			"; two reads per timed operation = %.2f%% of the smallest case (%s, "
			"median %.0f ns)",
			200 * timer / smallest, smallest_id, smallest);
	fprintf(f, "\n");
	lb_validate_ioctl_cost(f, smallest);
	fclose(f);
	fputs(buf, stdout);
	/* Keep the report with the runs it was computed from. */
	snprintf(path, sizeof(path), "%s/validate.txt", from);
	{
		FILE *o = fopen(path, "w");

		if (o) {
			fputs(buf, o);
			fclose(o);
			fprintf(stderr, "lazybench validate: report written to %s\n", path);
		}
	}
	free(buf);
	for (long i = 0; i < n; i++)
		lb_run_free(&runs[i]);
	free(runs);
	return 0;
}
