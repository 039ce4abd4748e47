// SPDX-License-Identifier: GPL-2.0
/*
 * lazybench validate: how far compare's verdicts can be trusted on this machine.
 * A/A false-positive rate on a real run cut into interleaved halves, detection of a known
 * shift (the module's injected delay where it loads; a calibrated shift of the measured
 * samples always), and the harness overhead (timer and ioctl) against the smallest case.
 * These are benchmark figures, not pass/fail checks.
 */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "cli.h"
#include "model.h"
#include "validate.h"
#include "validate_kmod.h"
#include "stats.h"

extern char **environ;

#define VALIDATE_RESAMPLES 1000

static int spawn_run(const char *workload, const char *pages, size_t reps, const char *results_dir,
		     const char *label, unsigned long seed)
{
	char r[32], s[32];
	char *argv[] = {"lazybench", "run",	    "--workload",    (char *)workload,
			"--pages",   (char *)pages, "--reps",	     r,
			"--warmup",  "3",	    "--results-dir", (char *)results_dir,
			"--label",   (char *)label, "--seed",	     s,
			"-q",	     NULL};
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int status, err;

	snprintf(r, sizeof(r), "%zu", reps);
	snprintf(s, sizeof(s), "%lu", seed);
	/* The run's own table goes to stderr: stdout is validate's report. */
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, 2, 1);
	err = posix_spawn(&pid, "/proc/self/exe", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (err) {
		fprintf(stderr, "lazybench validate: cannot start lazybench run: %s\n",
			strerror(err));
		return -1;
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status)) {
		fprintf(stderr,
			"lazybench validate: the A/A run (lazybench run --workload %s "
			"--pages %s --reps %zu) did not finish\n",
			workload, pages, reps);
		return -1;
	}
	/* A run with failed or refused cases still has results for the others. */
	if (WEXITSTATUS(status))
		fprintf(stderr,
			"lazybench validate: the A/A run exited %d; using the cases it "
			"completed\n",
			WEXITSTATUS(status));
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

static void aa_section(FILE *f, const struct lb_rrun *run, size_t pairs, size_t half,
		       unsigned long seed, double *smallest, const char **smallest_id)
{
	static const double shifts[] = {0.0, 0.01, 0.02, 0.05};
	struct lb_aa_result tot[4] = {{0}};
	size_t cases = 0;

	*smallest = 0;
	fprintf(f,
		"A/A and shift detection (%zu pairs of %zu+%zu interleaved reps per case and "
		"metric; rule: Mann-Whitney p < 0.05 and bootstrap CI of the ratio excluding "
		"0%%):\n",
		pairs, half, half);
	fprintf(f, "  %-34s %-10s %8s %9s %9s %9s %9s\n", "case", "metric", "median", "A/A FP",
		"+1%", "+2%", "+5%");
	for (size_t i = 0; i < run->n_cases; i++) {
		const struct lb_rcase *c = &run->cases[i];

		if (c->refused || !c->n_metrics) {
			fprintf(f, "  %-34s unavailable: %s\n", c->id,
				c->refused ? c->refused : "no samples (the case failed)");
			continue;
		}
		for (size_t m = 0; m < c->n_metrics; m++) {
			const struct lb_rmetric *mt = &c->metrics[m];
			double med;
			char cells[4][16];

			if (mt->n < pairs * 2 * half) {
				fprintf(f, "  %-34s %-10s unavailable: %zu samples, %zu needed\n",
					c->id, mt->name, mt->n, pairs * 2 * half);
				continue;
			}
			med = lb_stats_median(mt->samples, mt->n);
			if (!*smallest || med < *smallest) {
				*smallest = med;
				*smallest_id = c->id;
			}
			for (size_t k = 0; k < 4; k++) {
				struct lb_aa_result r = {0};

				lb_aa_pairs(mt->samples, mt->n, pairs, half, shifts[k], 0.05,
					    VALIDATE_RESAMPLES, seed, &r);
				tot[k].pairs += r.pairs;
				tot[k].positives += r.positives;
				snprintf(cells[k], sizeof(cells[k]), "%zu/%zu", r.positives,
					 r.pairs);
			}
			fprintf(f, "  %-34s %-10s %8.0f %9s %9s %9s %9s\n", c->id, mt->name, med,
				cells[0], cells[1], cells[2], cells[3]);
			cases++;
		}
	}
	for (size_t k = 0; k < 4; k++)
		lb_aa_finish(&tot[k]);
	if (!cases)
		return;
	fprintf(f,
		"A/A false-positive rate: %zu/%zu = %.1f%% (95%% CI %.1f..%.1f%%; nominal 5%% "
		"or less)\n",
		tot[0].positives, tot[0].pairs, tot[0].rate * 100, tot[0].low * 100,
		tot[0].high * 100);
	for (size_t k = 1; k < 4; k++)
		fprintf(f,
			"detection of a +%.0f%% shift applied to the measured B halves: %zu/%zu = "
			"%.1f%% (95%% CI %.1f..%.1f%%)\n",
			shifts[k] * 100, tot[k].positives, tot[k].pairs, tot[k].rate * 100,
			tot[k].low * 100, tot[k].high * 100);
}

int cmd_validate(int argc, char **argv)
{
	const char *workload = "mprotect,munmap", *pages = "1,64", *from = NULL;
	const char *results_dir = "results", *smallest_id = "?";
	unsigned long pairs = 20, half = 30, seed = 1;
	const struct lb_opt opts[] = {
	    {.name = "pairs",
	     .kind = LB_OPT_ULONG,
	     .dest = &pairs,
	     .min = 1,
	     .max = 10000,
	     .arg = "N",
	     .help = "A/A pairs per case (default 20)"},
	    {.name = "half",
	     .kind = LB_OPT_ULONG,
	     .dest = &half,
	     .min = 3,
	     .max = 10000,
	     .arg = "N",
	     .help = "repetitions per half (default 30)"},
	    {.name = "workload",
	     .kind = LB_OPT_STR,
	     .dest = &workload,
	     .arg = "LIST",
	     .help = "workloads of the A/A run (default mprotect,munmap)"},
	    {.name = "pages",
	     .kind = LB_OPT_STR,
	     .dest = &pages,
	     .arg = "LIST",
	     .help = "pages of the A/A run (default 1,64)"},
	    {.name = "from",
	     .kind = LB_OPT_STR,
	     .dest = &from,
	     .arg = "RUN",
	     .help = "use an existing run instead of running one"},
	    {.name = "results-dir",
	     .kind = LB_OPT_STR,
	     .dest = &results_dir,
	     .arg = "DIR",
	     .help = "where the A/A run goes (default ./results)"},
	    {.name = "seed",
	     .kind = LB_OPT_ULONG,
	     .dest = &seed,
	     .arg = "N",
	     .help = "seed of the run and of the bootstrap (default 1)"},
	    {0},
	};
	const struct lb_cmd cmd = {
	    .name = "validate",
	    .synopsis = "[OPTIONS]",
	    .about =
		"Runs the workloads once with pairs x 2 x half repetitions, cuts every case into "
		"A/A pairs\n(repetitions 0,1 | 2,3 | 4,5 ... alternately to A and B in "
		"consecutive blocks) and reports how often compare calls a difference,\nhow "
		"often it detects a known 1/2/5% shift, the module's injected delay where the "
		"module loads,\nand the timer and ioctl cost against the smallest case.",
	    .opts = opts,
	};
	char err[1024], label[128], path[4096];
	double smallest = 0, timer;
	struct lb_rrun run;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int rc;

	if ((rc = lb_opt_parse(&cmd, argc, argv, NULL)) != LB_OPT_GO)
		return rc;
	if (!from) {
		time_t now = time(NULL);
		struct tm tm;

		gmtime_r(&now, &tm);
		strftime(label, sizeof(label), "validate-aa-%Y%m%d-%H%M%S", &tm);
		fprintf(stderr, "lazybench validate: A/A run %s/%s (%lu reps per case)\n",
			results_dir, label, pairs * 2 * half);
		if (spawn_run(workload, pages, pairs * 2 * half, results_dir, label, seed))
			return LB_EXIT_FAIL;
		from = label;
	}
	if (lb_run_load(from, results_dir, &run, err, sizeof(err))) {
		fprintf(stderr, "lazybench validate: %s\n", err);
		return LB_EXIT_FAIL;
	}
	{ /* Too few repetitions for one set of pairs anywhere: an error, not a table of n/a. */
		size_t most = 0;

		for (size_t i = 0; i < run.n_cases; i++)
			for (size_t m = 0; m < run.cases[i].n_metrics; m++)
				if (run.cases[i].metrics[m].n > most)
					most = run.cases[i].metrics[m].n;
		if (most < pairs * 2 * half) {
			fprintf(
			    stderr,
			    "lazybench validate: run %s has too few repetitions: at most %zu "
			    "per metric, %zu pairs x 2 x %zu = %zu needed (run with --reps %zu, "
			    "or lower --pairs/--half)\n",
			    run.label, most, pairs, half, pairs * 2 * half, pairs * 2 * half);
			lb_run_free(&run);
			return LB_EXIT_FAIL;
		}
	}
	f = open_memstream(&buf, &len);
	if (!f) {
		lb_run_free(&run);
		return LB_EXIT_FAIL;
	}
	{
		char rel[128], cpu[256], virt[64];

		fprintf(f, "lazybench validate on run %s (kernel %s, %s, virtualisation %s)\n",
			run.label,
			lb_run_env_or_unknown(&run, LB_ENV_KERNEL_RELEASE, rel, sizeof(rel)),
			lb_run_env_or_unknown(&run, LB_ENV_CPU_MODEL, cpu, sizeof(cpu)),
			lb_run_env_or_unknown(&run, LB_ENV_VIRT, virt, sizeof(virt)));
	}
	aa_section(f, &run, pairs, half, seed, &smallest, &smallest_id);
	lb_validate_kmod(f, pairs, half, VALIDATE_RESAMPLES, seed);
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
	/* Keep the report with the run it was computed from (reports/ never touches run.json). */
	snprintf(path, sizeof(path), "%s/reports", run.dir);
	if (mkdir(path, 0755) && errno != EEXIST) {
		fprintf(stderr, "lazybench validate: cannot create %s: %s\n", path,
			strerror(errno));
	} else {
		FILE *o;

		snprintf(path, sizeof(path), "%s/reports/validate.txt", run.dir);
		o = fopen(path, "w");
		if (o) {
			fputs(buf, o);
			fclose(o);
			fprintf(stderr, "lazybench validate: report written to %s\n", path);
		}
	}
	free(buf);
	lb_run_free(&run);
	return 0;
}
