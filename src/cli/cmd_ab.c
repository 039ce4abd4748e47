// SPDX-License-Identifier: GPL-2.0
/*
 * lazybench ab KERNEL_A KERNEL_B --rounds R [vm options] -- run ...  (alias of vm --ab):
 * boots A, B, A, B ... through `lazybench vm`, runs the same `lazybench run` in each boot,
 * then merges the rounds into one run per kernel, so that drift of the host hits both alike.
 */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "cli.h"
#include "merge.h"
#include "parse.h"

extern char **environ;

/* `lazybench vm` options passed through unchanged; these take a value. */
static const char *const vm_value_opts[] = {"--arch", "--mmu",	   "--config", "--cpus", "--memory",
					    "--kmod", "--timeout", "--accel",  NULL};
static const char *const vm_flag_opts[] = {"--no-kmod", NULL};

static void usage(FILE *f)
{
	fprintf(
	    f,
	    "usage: lazybench ab KERNEL_A KERNEL_B [--rounds R] [--label L] [--results-dir DIR]\n"
	    "                    [--dry-run] [lazybench vm options] -- run [run options]\n"
	    "Boots KERNEL_A, KERNEL_B, KERNEL_A, ... (R rounds; KERNEL is what lazybench vm "
	    "--kernel takes:\n7, 6.12 or a PATH), runs the same `lazybench run` in each boot, "
	    "then merges the rounds\ninto DIR/L-A and DIR/L-B. Compare them with `lazybench "
	    "compare DIR/L-A DIR/L-B`.\n\n"
	    "  --rounds R         boots per kernel (default 3)\n"
	    "  --label L          run id prefix (default ab-<UTC yyyymmdd-hhmmss>)\n"
	    "  --results-dir DIR  where the rounds and the merged runs go (default ./results)\n"
	    "  --dry-run          print the lazybench vm commands instead of running them\n"
	    "  vm options passed through: --arch --mmu --config --cpus --memory --kmod "
	    "--timeout --accel --no-kmod\n");
}

static bool in(const char *const *list, const char *s)
{
	for (size_t i = 0; list[i]; i++)
		if (!strcmp(list[i], s))
			return true;
	return false;
}

static int boot(char **argv, const char *kernel, bool dry)
{
	pid_t pid;
	int status, err;

	if (dry) {
		for (size_t i = 0; argv[i]; i++)
			printf("%s%s", i ? " " : "", argv[i]);
		printf("\n");
		return 0;
	}
	err = posix_spawn(&pid, "/proc/self/exe", NULL, NULL, argv, environ);
	if (err) {
		fprintf(stderr, "lazybench ab: cannot start lazybench vm: %s\n", strerror(err));
		return -1;
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "lazybench ab: lazybench vm --kernel %s failed (exit %d)\n", kernel,
			WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		return -1;
	}
	return 0;
}

static int merge_side(const char *results_dir, const char *label, char side, unsigned rounds,
		      json_t *cmd)
{
	struct lb_rrun *runs = calloc(rounds, sizeof(*runs));
	char err[1024], name[256], release[128] = "";
	json_t *merged, *dropped;
	int rc = -1;
	unsigned r;

	if (!runs)
		return -1;
	for (r = 0; r < rounds; r++) {
		char rl[256];
		json_t *rel;

		snprintf(rl, sizeof(rl), "%s-%c-r%u", label, side, r + 1);
		if (lb_run_load(rl, results_dir, &runs[r], err, sizeof(err))) {
			fprintf(stderr, "lazybench ab: %s\n", err);
			goto out;
		}
		rel = lb_run_env_get(&runs[r], "kernel.release");
		if (r && json_is_string(rel) && strcmp(release, json_string_value(rel)))
			fprintf(stderr,
				"lazybench ab: warning: round %u of kernel %c runs %s, round 1 ran "
				"%s\n",
				r + 1, side, json_string_value(rel), release);
		if (!r && json_is_string(rel))
			snprintf(release, sizeof(release), "%s", json_string_value(rel));
	}
	snprintf(name, sizeof(name), "%s-%c", label, side);
	merged = lb_merge_rounds(runs, rounds, name, cmd, &dropped, err, sizeof(err));
	if (!merged) {
		fprintf(stderr, "lazybench ab: %s\n", err);
		goto out;
	}
	for (size_t i = 0; i < json_array_size(dropped); i++)
		fprintf(stderr,
			"lazybench ab: case %s is not in every round of kernel %c: left out\n",
			json_string_value(json_array_get(dropped, i)), side);
	if (lb_merge_write(results_dir, name, merged, err, sizeof(err)))
		fprintf(stderr, "lazybench ab: %s\n", err);
	else
		rc = 0;
	json_decref(merged);
	json_decref(dropped);
out:
	for (unsigned i = 0; i < r && i < rounds; i++)
		lb_run_free(&runs[i]);
	free(runs);
	return rc;
}

int cmd_ab(int argc, char **argv)
{
	const char *kernel[2] = {NULL, NULL}, *results_dir = "results";
	char label[128] = "", err[512];
	unsigned long rounds = 3;
	const char **pass = calloc((size_t)argc + 1, sizeof(*pass));
	size_t n_pass = 0;
	int i, run_at = -1, rc = 0;
	bool dry = false;
	json_t *cmd;

	if (!pass)
		return LB_EXIT_FAIL;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--")) {
			run_at = i + 1;
			break;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			free(pass);
			return 0;
		}
		if (!strcmp(a, "--dry-run")) {
			dry = true;
		} else if (!strcmp(a, "--rounds") || !strcmp(a, "--label") ||
			   !strcmp(a, "--results-dir") || in(vm_value_opts, a)) {
			if (i + 1 >= argc) {
				snprintf(err, sizeof(err), "%s needs a value", a);
				free(pass);
				return lb_usage_error("ab", err);
			}
			if (!strcmp(a, "--rounds")) {
				if (parse_ulong_in(argv[i + 1], 1, 100, &rounds)) {
					free(pass);
					return lb_usage_error("ab", "--rounds: expected 1..100");
				}
			} else if (!strcmp(a, "--label")) {
				snprintf(label, sizeof(label), "%s", argv[i + 1]);
			} else if (!strcmp(a, "--results-dir")) {
				results_dir = argv[i + 1];
			} else {
				pass[n_pass++] = a;
				pass[n_pass++] = argv[i + 1];
			}
			i++;
		} else if (in(vm_flag_opts, a)) {
			pass[n_pass++] = a;
		} else if (a[0] == '-') {
			snprintf(err, sizeof(err), "unknown option '%s'", a);
			free(pass);
			return lb_usage_error("ab", err);
		} else if (!kernel[0]) {
			kernel[0] = a;
		} else if (!kernel[1]) {
			kernel[1] = a;
		} else {
			snprintf(err, sizeof(err), "unexpected argument '%s' (two kernels only)",
				 a);
			free(pass);
			return lb_usage_error("ab", err);
		}
	}
	if (!kernel[1]) {
		free(pass);
		return lb_usage_error("ab", "needs KERNEL_A and KERNEL_B");
	}
	if (run_at < 0 || run_at >= argc || strcmp(argv[run_at], "run")) {
		free(pass);
		return lb_usage_error("ab", "needs `-- run [run options]` after the kernels");
	}
	for (i = run_at; i < argc; i++)
		if (!strcmp(argv[i], "--label") || !strcmp(argv[i], "--results-dir")) {
			snprintf(err, sizeof(err),
				 "%s belongs before `--` (ab names and places every round)",
				 argv[i]);
			free(pass);
			return lb_usage_error("ab", err);
		}
	if (!*label) {
		time_t now = time(NULL);
		struct tm tm;

		gmtime_r(&now, &tm);
		strftime(label, sizeof(label), "ab-%Y%m%d-%H%M%S", &tm);
	}

	for (unsigned long r = 1; r <= rounds && !rc; r++)
		for (int side = 0; side < 2 && !rc; side++) {
			char rl[256];
			const char **v = calloc(n_pass + (size_t)(argc - run_at) + 16, sizeof(*v));
			size_t n = 0;

			if (!v) {
				rc = LB_EXIT_FAIL;
				break;
			}
			snprintf(rl, sizeof(rl), "%s-%c-r%lu", label, side ? 'B' : 'A', r);
			v[n++] = "lazybench";
			v[n++] = "vm";
			for (size_t k = 0; k < n_pass; k++)
				v[n++] = pass[k];
			v[n++] = "--kernel";
			v[n++] = kernel[side];
			v[n++] = "--results-dir";
			v[n++] = results_dir;
			v[n++] = "--";
			v[n++] = "lazybench";
			for (i = run_at; i < argc; i++)
				v[n++] = argv[i];
			v[n++] = "--results-dir";
			v[n++] = "/results"; /* the guest's view of results_dir */
			v[n++] = "--label";
			v[n++] = rl;
			if (!dry)
				fprintf(stderr, "lazybench ab: round %lu/%lu, kernel %c (%s)\n", r,
					rounds, side ? 'B' : 'A', kernel[side]);
			if (boot((char **)v, kernel[side], dry))
				rc = LB_EXIT_FAIL;
			free(v);
		}
	free(pass);
	if (rc || dry)
		return rc;

	/* The ab command line, as the user typed it, is what reproduces the merged runs. */
	cmd = json_array();
	json_array_append_new(cmd, json_string("lazybench"));
	for (i = 0; i < argc; i++)
		json_array_append_new(cmd, json_string(argv[i]));
	if (merge_side(results_dir, label, 'A', (unsigned)rounds, cmd) ||
	    merge_side(results_dir, label, 'B', (unsigned)rounds, cmd))
		rc = LB_EXIT_FAIL;
	json_decref(cmd);
	if (!rc)
		printf("lazybench ab: merged %lu rounds per kernel into %s/%s-A and %s/%s-B\n"
		       "compare with: lazybench compare %s/%s-A %s/%s-B\n",
		       rounds, results_dir, label, results_dir, label, results_dir, label,
		       results_dir, label);
	return rc;
}
