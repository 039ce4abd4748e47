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
#include "workload.h"
#include "schema.h"

extern char **environ;

#define VALIDATE_RESAMPLES 1000

/* One `lazybench run --runs 1`; delay: its --delay-ns, or NULL for none. */
static int spawn_run(const char *workload, const char *pages, unsigned long reps, const char *dir,
		     const char *label, unsigned long seed, const char *delay)
{
	char r[32], s[32];
	char *argv[] = {"lazybench",
			"run",
			"--workload",
			(char *)workload,
			"--pages",
			(char *)pages,
			"--reps",
			r,
			"--runs",
			"1",
			"--results-dir",
			(char *)dir,
			"--label",
			(char *)label,
			"--seed",
			s,
			"-q",
			NULL,
			NULL,
			NULL};
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int status, err;

	snprintf(r, sizeof(r), "%lu", reps);
	snprintf(s, sizeof(s), "%lu", seed);
	if (delay) {
		size_t end = 0;

		while (argv[end])
			end++;
		argv[end] = "--delay-ns";
		argv[end + 1] = (char *)delay;
	}
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
		"order;\n  rule: compare's Welch t on log replicate medians, p < 0.05; +N%%: SHIFT "
		"ADDED TO SAMPLES,\n  N%% of the case's median added to every measured B sample "
		"afterwards, not a slower kernel):\n",
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
		fprintf(
		    f,
		    "power to detect +%.0f%% (shift added to samples): %zu/%zu = %.1f%% (95%% CI "
		    "%.1f..%.1f%%)\n",
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

/* The module delays of validate --delay module: +2/5/10% of side A's median, across runs. */
static const double module_shifts[] = {0.02, 0.05, 0.10};
#define N_MODULE_SHIFTS (sizeof(module_shifts) / sizeof(module_shifts[0]))

/* Median over the runs of each run's median of metric 0 of case id; NAN when missing. */
static double case_median(const struct lb_rrun *runs, long n, const char *id)
{
	double *per = calloc((size_t)n, sizeof(*per)), med = NAN;
	size_t k = 0;

	for (long r = 0; per && r < n; r++)
		for (size_t i = 0; i < runs[r].n_cases; i++) {
			const struct lb_rcase *c = &runs[r].cases[i];

			if (!strcmp(c->id, id) && !c->refused && c->n_metrics && c->metrics[0].n)
				per[k++] = lb_stats_median(c->metrics[0].samples, c->metrics[0].n);
		}
	if (k)
		med = lb_stats_median(per, k);
	free(per);
	return med;
}

/* Sections of one timed pass of case id (its "kernel" accounting in run.json); 1 if absent. */
static double case_sections(const struct lb_rrun *r, const char *id)
{
	json_t *cases = json_object_get(r->root, LB_K_CASES), *c;
	size_t i;

	json_array_foreach(cases, i, c)
	{
		json_t *sec = json_object_get(json_object_get(c, LB_K_KERNEL), "sections");

		if (!strcmp(json_string_value(json_object_get(c, LB_K_ID))
				? json_string_value(json_object_get(c, LB_K_ID))
				: "",
			    id) &&
		    json_integer_value(json_array_get(sec, 0)) > 0)
			return (double)json_integer_value(json_array_get(sec, 0));
	}
	return 1;
}

/*
 * --delay-ns of side B for one shift: "ID=D,..." for every case that ran in the A/A runs, D
 * calibrated on the case's first metric (its median over the A/A runs). Each calibration is
 * printed. -1 when a case cannot be given its delay (too small or above max).
 */
static int delay_spec(FILE *f, const struct lb_rrun *runs, long n, double shift, unsigned max,
		      char *out, size_t len)
{
	size_t o = 0;

	out[0] = 0;
	for (size_t i = 0; i < runs[0].n_cases; i++) {
		const struct lb_rcase *c = &runs[0].cases[i];
		double med = case_median(runs, n, c->id), sec;
		unsigned d;

		if (c->refused || isnan(med))
			continue;
		sec = case_sections(&runs[0], c->id);
		d = vr_delay_ns(med, shift, sec, max);
		if (!d) {
			fprintf(
			    stderr,
			    "lazybench validate: %s: +%.0f%% of %.0f ns over %.0f section(s) is "
			    "not a delay the module takes (1..%u ns)\n",
			    c->id, shift * 100, med, sec, max);
			return -1;
		}
		fprintf(f,
			"  +%.0f%%: %s %s: median %.0f ns (A/A runs), %.0f section(s) -> %u ns "
			"per section\n",
			shift * 100, c->id, c->metrics[0].name, med, sec, d);
		o += (size_t)snprintf(out + o, o < len ? len - o : 0, "%s%s=%u", o ? "," : "",
				      c->id, d);
	}
	return o && o < len ? 0 : -1;
}

/* The module-delay runs of one shift, in DIR/delay-N: A without delay, B with spec. */
static int module_runs(const char *dir, unsigned long pairs, unsigned long k, double shift,
		       const char *spec, const char *workload, const char *pages,
		       unsigned long reps, unsigned long *seed)
{
	char sub[4200];

	snprintf(sub, sizeof(sub), "%s/delay-%.0f", dir, shift * 100);
	if (mkdir(sub, 0755)) {
		fprintf(stderr, "lazybench validate: cannot create %s: %s\n", sub, strerror(errno));
		return -1;
	}
	for (unsigned long i = 0; i < 2 * k * pairs; i++) {
		char rl[32];

		snprintf(rl, sizeof(rl), "d%04lu", i + 1);
		if (spawn_run(workload, pages, reps, sub, rl, (*seed)++,
			      vr_side_b(i % (2 * k)) ? spec : NULL))
			return -1;
	}
	return 0;
}

/* Detection of the module's delay across runs, from DIR/delay-N (made by module_runs). */
static void module_section(FILE *f, const char *dir, unsigned long k)
{
	const struct lb_rep_opts o = {.alpha = 0.05, .margin = 0.05, .target = 0.05, .power = 0.8};

	fprintf(f,
		"MODULE DELAY across separately started runs (run --delay-ns: the module "
		"busy-waits inside\n  every section of side B, calibrated to +N%% of side A's "
		"median of the case's first metric;\n  %lu runs per side, A B B A; only that "
		"metric is counted):\n",
		k);
	for (size_t s = 0; s < N_MODULE_SHIFTS; s++) {
		char sub[4200];
		struct lb_rrun *runs = NULL;
		struct vr_report v;
		long n;

		snprintf(sub, sizeof(sub), "%s/delay-%.0f", dir, module_shifts[s] * 100);
		if (access(sub, R_OK)) {
			fprintf(f, "  +%.0f%%: unavailable: no runs in %s\n",
				module_shifts[s] * 100, sub);
			continue;
		}
		n = load_dir(sub, &runs);
		if (n < 0 ||
		    validate_runs_injected(f, runs, (size_t)n, k, module_shifts[s], 0, &o, &v)) {
			fprintf(f,
				"  +%.0f%%: unavailable: %ld runs in %s, %lu needed for a pair\n",
				module_shifts[s] * 100, n, sub, 2 * k);
		} else {
			char *d = n > 1
				      ? json_dumps(json_object_get(runs[1].settings, LB_K_DELAY_NS),
						   JSON_COMPACT | JSON_SORT_KEYS)
				      : NULL;

			fprintf(
			    f,
			    "power to detect +%.0f%% (module delay, B's --delay-ns %s): %zu/%zu = "
			    "%.1f%% (95%% CI %.1f..%.1f%%); pairs %zu\n",
			    module_shifts[s] * 100, d ? d : "?", v.tests[0].positives,
			    v.tests[0].pairs, v.tests[0].rate * 100, v.tests[0].low * 100,
			    v.tests[0].high * 100, v.pairs);
			free(d);
		}
		for (long i = 0; i < n; i++)
			lb_run_free(&runs[i]);
		free(runs);
	}
}

/* Every workload of the comma list is a kernel workload. */
static bool all_kernel(const char *list)
{
	char buf[512], *save = NULL;

	snprintf(buf, sizeof(buf), "%s", list);
	for (char *w = strtok_r(buf, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		const struct lb_workload *wl = lb_workload_find(w);

		if (!wl || wl->kind != LB_KIND_KERNEL)
			return false;
	}
	return true;
}

int cmd_validate(int argc, char **argv)
{
	const char *workload = "mprotect,munmap", *pages = "1,64", *from = NULL;
	const char *results_dir = "results", *smallest_id = "?";
	unsigned long pairs = 20, k = LB_RUNS_DEFAULT, reps = 30, seed = 1, delay_pairs = 0;
	static const char *const delay_kinds[] = {"auto", "shift", "module", NULL};
	int delay_kind = 0;
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
	    {.name = "delay",
	     .kind = LB_OPT_CHOICE,
	     .dest = &delay_kind,
	     .choices = delay_kinds,
	     .arg = "KIND",
	     .help = "how B is slowed by +2/5/10%: shift (added to the measured B\nsamples), "
		     "module (run --delay-ns: the module busy-waits in\nevery section of B's "
		     "separately started runs; kernel workloads),\nauto (module when every "
		     "workload is a kernel one and the\nmodule loads; default)"},
	    {.name = "delay-pairs",
	     .kind = LB_OPT_ULONG,
	     .dest = &delay_pairs,
	     .min = 1,
	     .max = 10000,
	     .arg = "N",
	     .help = "--delay module: pairs per delay (default --pairs)"},
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
		"false-positive rate, the power to detect +2/5/10%\nas a shift added to the B "
		"side's samples, the run-to-run noise and the runs it takes. With\nkernel "
		"workloads and lazybench.ko (--delay module): 3 x 2 x K x DELAY-PAIRS more runs, "
		"B with\nrun --delay-ns at +2/5/10% of the A/A runs' median (the module's "
		"busy-wait, across runs).\nThen the module's delay in one process, and the timer "
		"and ioctl cost against the smallest case.",
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
	unsigned max_delay = 0;
	bool made = false;
	char why[512] = "--delay shift";

	if ((rc = lb_opt_parse(&cmd, argc, argv, NULL)) != LB_OPT_GO)
		return rc;
	if (!delay_pairs)
		delay_pairs = pairs;
	if (delay_kind != 1 && !from) {
		bool kernel = all_kernel(workload);

		max_delay = kernel ? lb_validate_max_delay(why, sizeof(why)) : 0;
		if (!kernel)
			snprintf(why, sizeof(why), "the workloads are not all kernel workloads");
		if (delay_kind == 2 && !max_delay && !kernel)
			return lb_usage_error("validate",
					      "--delay module: the workloads must all be "
					      "kernel workloads (the delay is the module's)");
		if (delay_kind == 2 && !max_delay) {
			fprintf(stderr, "lazybench validate: --delay module: %s\n", why);
			return LB_EXIT_FAIL;
		}
	}
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
			if (spawn_run(workload, pages, reps, dir, rl, seed + i, NULL))
				return LB_EXIT_FAIL;
		}
		from = dir;
		made = true;
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
	if (made && max_delay) {
		unsigned long next = seed + 2 * k * pairs;

		fprintf(stderr, "lazybench validate: %lu more runs with the module's delay\n",
			N_MODULE_SHIFTS * 2 * k * delay_pairs);
		fprintf(f, "module delay calibration (side A = the A/A runs above):\n");
		for (size_t s = 0; s < N_MODULE_SHIFTS; s++) {
			char spec[4096];

			if (delay_spec(f, runs, n, module_shifts[s], max_delay, spec,
				       sizeof(spec)) ||
			    module_runs(from, delay_pairs, k, module_shifts[s], spec, workload,
					pages, reps, &next)) {
				fprintf(f, "  +%.0f%%: stopped (see stderr)\n",
					module_shifts[s] * 100);
				break;
			}
		}
	}
	{
		char sub[4200];

		snprintf(sub, sizeof(sub), "%s/delay-%.0f", from, module_shifts[0] * 100);
		if ((made && max_delay) || !access(sub, R_OK))
			module_section(f, from, k);
		else
			fprintf(f, "module delay across runs: not measured (%s)\n",
				made ? why : "no delay-N runs under --from");
	}
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
