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
#include "vm_opts.h"

extern char **environ;

/* `lazybench vm` options ab sets itself per boot, or that a boot running `lazybench run` needs. */
static const char *const vm_skip[] = {"kernel", "results-dir", "no-lazybench", NULL};

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
	const char *kernel[2] = {NULL, NULL}, *results_dir = "results", *label_arg = NULL;
	char label[128] = "", err[512];
	unsigned long rounds = 3;
	bool dry = false;
	char **typed = calloc((size_t)argc + 1, sizeof(*typed));
	const char **vm_words = NULL;
	struct lb_vm_opts vo;
	struct lb_opt opts[4 + LB_VM_OPTS_MAX + 1] = {
	    {.name = "rounds",
	     .kind = LB_OPT_ULONG,
	     .dest = &rounds,
	     .min = 1,
	     .max = 100,
	     .arg = "R",
	     .help = "boots per kernel (default 3)"},
	    {.name = "label",
	     .kind = LB_OPT_STR,
	     .dest = &label_arg,
	     .arg = "L",
	     .help = "run id prefix (default ab-<UTC yyyymmdd-hhmmss>)"},
	    {.name = "results-dir",
	     .kind = LB_OPT_STR,
	     .dest = &results_dir,
	     .arg = "DIR",
	     .help = "where the rounds and the merged runs go (default ./results)"},
	    {.name = "dry-run",
	     .kind = LB_OPT_FLAG,
	     .dest = &dry,
	     .help = "print the lazybench vm commands instead of running them"},
	};
	const struct lb_cmd cmd = {
	    .name = "ab",
	    .synopsis = "KERNEL_A KERNEL_B [--rounds R] [--label L] [--results-dir DIR]\n"
			" [--dry-run] [lazybench vm options] -- run [run options]",
	    .about = "Boots A B, B A, A B, ... (R rounds, each boot one replicate; KERNEL is what "
		     "lazybench vm "
		     "--kernel takes:\n7, 6.12 or a PATH), runs the same `lazybench run` in each "
		     "boot, then merges the rounds\ninto DIR/L-A and DIR/L-B. Compare them with "
		     "`lazybench compare DIR/L-A DIR/L-B`.",
	    .opts = opts,
	    .min_args = 2,
	    .max_args = 2,
	    .args_error = "needs KERNEL_A and KERNEL_B",
	};
	int i, head, first, run_at, rc = 0;
	size_t n_vm;
	json_t *line;

	if (!typed || lb_vm_opts_init(&vo, argc)) {
		free(typed);
		return LB_EXIT_FAIL;
	}
	/* vm's own options (vm_opts.c), passed to every boot as lazybench vm's canonical words. */
	lb_vm_opts_table(&vo, vm_skip, opts + 4);
	/* As typed (getopt reorders argv): what reproduces the merged runs. */
	memcpy(typed, argv, (size_t)argc * sizeof(*typed));
	/* ab's own options and the kernels come before `--`, the guest's run after it. */
	for (head = 1; head < argc && strcmp(argv[head], "--"); head++)
		;
	rc = lb_opt_parse(&cmd, head, argv, &first);
	if (rc != LB_OPT_GO)
		goto out;
	if (lb_vm_opts_check(&vo, err, sizeof(err))) {
		rc = lb_usage_error("ab", err);
		goto out;
	}
	vm_words = calloc(lb_vm_opts_nwords(&vo), sizeof(*vm_words));
	if (!vm_words) {
		rc = LB_EXIT_FAIL;
		goto out;
	}
	n_vm = lb_vm_opts_words(&vo, vm_words);
	rc = 0;
	kernel[0] = argv[first];
	kernel[1] = argv[first + 1];
	if (label_arg)
		snprintf(label, sizeof(label), "%s", label_arg);
	run_at = head + 1;
	if (run_at >= argc || strcmp(argv[run_at], "run")) {
		rc = lb_usage_error("ab", "needs `-- run [run options]` after the kernels");
		goto out;
	}
	for (i = run_at; i < argc; i++)
		if (!strcmp(argv[i], "--label") || !strcmp(argv[i], "--results-dir") ||
		    !strncmp(argv[i], "--runs", 6)) {
			snprintf(err, sizeof(err),
				 strncmp(argv[i], "--runs", 6)
				     ? "%s belongs before `--` (ab names and places every round)"
				     : "%s: each boot is one replicate (one process); more "
				       "replicates: --rounds before `--`",
				 argv[i]);
			rc = lb_usage_error("ab", err);
			goto out;
		}
	if (!*label) {
		time_t now = time(NULL);
		struct tm tm;

		gmtime_r(&now, &tm);
		strftime(label, sizeof(label), "ab-%Y%m%d-%H%M%S", &tm);
	}

	/*
	 * A B, B A, A B, ...: each round's order is the previous one's reversed, so that a linear
	 * drift of the host hits both kernels alike (A B B A). Each boot is one replicate, the
	 * unit compare tests; `run` inside the boot makes one process (--runs 1).
	 */
	for (unsigned long r = 1; r <= rounds && !rc; r++)
		for (int step = 0; step < 2 && !rc; step++) {
			int side = r % 2 ? step : 1 - step;
			char rl[256];
			const char **v = calloc(n_vm + (size_t)(argc - run_at) + 16, sizeof(*v));
			size_t n = 0;

			if (!v) {
				rc = LB_EXIT_FAIL;
				break;
			}
			snprintf(rl, sizeof(rl), "%s-%c-r%lu", label, side ? 'B' : 'A', r);
			v[n++] = "lazybench";
			v[n++] = "vm";
			for (size_t k = 0; k < n_vm; k++)
				v[n++] = vm_words[k];
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
			v[n++] = "--runs";
			v[n++] = "1";
			if (!dry)
				fprintf(stderr, "lazybench ab: round %lu/%lu, kernel %c (%s)\n", r,
					rounds, side ? 'B' : 'A', kernel[side]);
			if (boot((char **)v, kernel[side], dry))
				rc = LB_EXIT_FAIL;
			free(v);
		}
	if (rc || dry)
		goto out;

	/* The ab command line, as the user typed it, is what reproduces the merged runs. */
	line = json_array();
	json_array_append_new(line, json_string("lazybench"));
	for (i = 0; i < argc; i++)
		json_array_append_new(line, json_string(typed[i]));
	if (merge_side(results_dir, label, 'A', (unsigned)rounds, line) ||
	    merge_side(results_dir, label, 'B', (unsigned)rounds, line))
		rc = LB_EXIT_FAIL;
	json_decref(line);
	if (!rc)
		printf("lazybench ab: merged %lu rounds per kernel into %s/%s-A and %s/%s-B\n"
		       "compare with: lazybench compare %s/%s-A %s/%s-B\n",
		       rounds, results_dir, label, results_dir, label, results_dir, label,
		       results_dir, label);
out:
	free(vm_words);
	lb_vm_opts_free(&vo);
	free(typed);
	return rc;
}
