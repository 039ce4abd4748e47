// SPDX-License-Identifier: GPL-2.0
/*
 * `lazybench run --runs K` (issue 11): the whole case set K times, each time in a separately
 * started process (its own mm, page allocation, pinning, ASLR re-exec), stored as one result
 * with K replicates. The replicates' own results stay in results/<run-id>/replicates/rI/; the
 * merged run.json (results/<run-id>/run.json) lists them under "replicates" and every case has
 * "replicate_reps" (docs/results-format.md).
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "replicates.h"
#include "units.h"
#include "cli.h"
#include "merge.h"
#include "run_opts.h"
#include "run_replicates.h"

extern char **environ;

static volatile sig_atomic_t stop;

static void on_sigint(int sig)
{
	(void)sig;
	stop = 1;
}

/* Options the parent sets for each replicate; the user's value is dropped from the copy. */
static const char *const owned[] = {"--runs", "--label", "--results-dir", "--seed", NULL};

static size_t owned_len(const char *a)
{
	for (size_t i = 0; owned[i]; i++) {
		size_t n = strlen(owned[i]);

		if (!strncmp(a, owned[i], n) && (a[n] == 0 || a[n] == '='))
			return a[n] == '=' ? 1 : 2;
	}
	return 0;
}

/* argv of replicate i: `lazybench run` + the user's options + the parent's. */
static char **child_argv(int argc, char **argv, const char *dir, unsigned i, unsigned long seed,
			 char *bufs)
{
	char **v = calloc((size_t)argc + 12, sizeof(*v));
	size_t n = 0;

	if (!v)
		return NULL;
	v[n++] = "lazybench";
	v[n++] = "run";
	for (int k = 1; k < argc; k++) {
		size_t skip = owned_len(argv[k]);

		if (!strcmp(argv[k], "--")) /* getopt stops here; nothing after it is ours */
			break;
		if (skip) {
			k += (int)skip - 1;
			continue;
		}
		v[n++] = argv[k];
	}
	snprintf(bufs, 32, "r%u", i);
	snprintf(bufs + 32, 32, "%lu", seed);
	v[n++] = "--runs";
	v[n++] = "1";
	v[n++] = "--label";
	v[n++] = bufs;
	v[n++] = "--seed";
	v[n++] = bufs + 32;
	v[n++] = "--results-dir";
	v[n++] = (char *)dir;
	return v;
}

/* Run one replicate; its exit status, or -1 when it could not start or died. */
static int spawn_wait(char **v)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int status, err;

	/* The replicate's own table would repeat K times: the parent prints the merged one. */
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	err = posix_spawn(&pid, "/proc/self/exe", &fa, NULL, v, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (err) {
		fprintf(stderr, "lazybench run: cannot start a replicate: %s\n", strerror(err));
		return -1;
	}
	for (bool sent = false;;) {
		if (waitpid(pid, &status, 0) == pid)
			break;
		if (errno != EINTR)
			return -1;
		/* Ctrl-C reaches the whole group; a kill of the parent alone is passed on. */
		if (stop && !sent) {
			kill(pid, SIGINT);
			sent = true;
		}
	}
	if (WIFSIGNALED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* One line per case and metric: median of the replicate medians and the run-to-run CV. */
static void print_summary(FILE *f, const struct lb_rrun *run, const char *path)
{
	fprintf(f, "%-34s %-10s %4s %6s %12s %12s %10s\n", "case", "metric", "runs", "reps",
		"median_ns", "ns/page", "run-to-run");
	for (size_t i = 0; i < run->n_cases; i++) {
		const struct lb_rcase *c = &run->cases[i];

		if (c->refused) {
			fprintf(f, "%-34s refused: %s\n", c->id, c->refused);
			continue;
		}
		for (size_t m = 0; m < c->n_metrics; m++) {
			struct lb_units u;
			struct lb_rep_summary s;
			char cv[16] = "n/a";

			if (lb_units_of(run, c, &c->metrics[m], false, &u))
				continue;
			if (!lb_rep_summarize(&u.side, &s)) {
				if (!isnan(s.sd_between))
					snprintf(cv, sizeof(cv), "%.1f%%", s.sd_between * 100);
				fprintf(f, "%-34s %-10s %4zu %6zu %12.0f %12.2f %10s%s\n", c->id,
					c->metrics[m].name, s.k, s.n, s.median,
					c->pages > 0 ? s.median / (double)c->pages : NAN, cv,
					c->complete ? "" : "  (incomplete)");
			}
			lb_units_free(&u);
		}
	}
	fprintf(f,
		"median_ns: median of the replicates' medians; run-to-run: SD of the log replicate "
		"medians (~ relative SD between separately started runs); per-replicate tables: "
		"lazybench run's own, in replicates/rI/\n"
		"results: %s\n",
		path);
}

int lb_run_replicates(struct lb_run_opts *o, int argc, char **argv)
{
	char err[1024], path[4096], rdir[4200], bufs[64], label_buf[200];
	const char *label;
	struct lb_rrun *reps = calloc(o->runs + 1, sizeof(*reps));
	unsigned done = 0;
	struct sigaction sa, old;
	json_t *cmd, *merged, *dropped;
	int rc = 0, last = 0, failed = 0;

	if (!reps)
		return LB_EXIT_FAIL;
	rc = lb_run_make_dir(o, label_buf, sizeof(label_buf), path, sizeof(path));
	if (rc) {
		free(reps);
		return rc;
	}
	label = o->label;
	snprintf(rdir, sizeof(rdir), "%s/replicates", path);
	if (mkdir(rdir, 0755)) {
		fprintf(stderr, "lazybench run: cannot create %s: %s\n", rdir, strerror(errno));
		free(reps);
		return LB_EXIT_FAIL;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint; /* no SA_RESTART: waitpid returns to pass it on */
	sigaction(SIGINT, &sa, &old);
	for (unsigned i = 1; i <= o->runs && !stop; i++) {
		char **v;

		if (!o->quiet)
			fprintf(stderr, "lazybench run: replicate %u/%u (a new process)\n", i,
				o->runs);
		/* Notes and warnings are the same in every replicate: the first says them. */
		snprintf(bufs, sizeof(bufs), "%u", i);
		setenv("LAZYBENCH_REPLICATE", bufs, 1);
		v = child_argv(argc, argv, rdir, i, o->seed + i - 1, bufs);
		if (!v) {
			rc = LB_EXIT_FAIL;
			break;
		}
		last = spawn_wait(v);
		free(v);
		if (last == LB_EXIT_USAGE && !done) {
			/* The replicate found a usage error (its own message is out): nothing was
			 * measured, so nothing is left behind, as a plain run would. */
			rmdir(rdir);
			rmdir(path);
			sigaction(SIGINT, &old, NULL);
			free(reps);
			return LB_EXIT_USAGE;
		}
		snprintf(bufs, sizeof(bufs), "r%u", i);
		if (lb_run_load(bufs, rdir, &reps[done], err, sizeof(err))) {
			fprintf(stderr, "lazybench run: replicate %u wrote no result: %s\n", i,
				err);
			rc = LB_EXIT_FAIL;
			break;
		}
		done++;
		failed |= last == LB_EXIT_FAIL;
		if (last == 130)
			stop = 1;
		else if (last && last != LB_EXIT_FAIL)
			break; /* a usage error or a crash: the next replicate would do the same */
	}
	sigaction(SIGINT, &old, NULL);
	unsetenv("LAZYBENCH_REPLICATE");
	if (!done) {
		free(reps);
		return rc ? rc : LB_EXIT_FAIL;
	}
	/* After Ctrl-C the unfinished replicate is merged only when it is the only one. */
	if (stop && done > 1 && !reps[done - 1].complete) {
		lb_run_free(&reps[done - 1]);
		done--;
	}
	cmd = json_array();
	json_array_append_new(cmd, json_string("lazybench"));
	for (int i = 0; i < argc; i++)
		json_array_append_new(cmd, json_string(argv[i]));
	merged = lb_merge_rounds(reps, done, label, cmd, &dropped, err, sizeof(err));
	json_decref(cmd);
	if (merged && done < o->runs)
		json_object_set_new(merged, "complete", json_false());
	if (!merged || lb_results_write_tree(path, merged, err, sizeof(err))) {
		fprintf(stderr, "lazybench run: %s\n", err);
		rc = LB_EXIT_FAIL;
	} else {
		struct lb_rrun m;

		for (size_t i = 0; i < json_array_size(dropped); i++)
			fprintf(stderr,
				"lazybench run: case %s is not in every replicate: left out of the "
				"merged result\n",
				json_string_value(json_array_get(dropped, i)));
		if (done < o->runs && !o->quiet)
			fprintf(stderr, "lazybench run: %u of %u replicates merged\n", done,
				o->runs);
		if (!lb_run_load(path, NULL, &m, err, sizeof(err))) {
			print_summary(stdout, &m, path);
			lb_run_free(&m);
		}
	}
	json_decref(merged);
	json_decref(dropped);
	for (unsigned i = 0; i < done; i++)
		lb_run_free(&reps[i]);
	free(reps);
	if (rc)
		return rc;
	/* As a plain run: 130 after Ctrl-C, 1 when a case failed in any replicate. */
	return stop ? 130 : failed || last < 0 ? LB_EXIT_FAIL : last;
}
