// SPDX-License-Identifier: GPL-2.0
/*
 * `lazybench vm [options] -- COMMAND`: boot a kernel in QEMU and run COMMAND inside. The
 * orchestration (kernel build, initramfs, QEMU) is shell under vm/; this is its one entry
 * point, so that users and scripts only ever call lazybench. The options are parsed and
 * checked here (vm_opts.c); the runner is handed them as canonical words.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "vm_opts.h"

int cmd_vm(int argc, char **argv)
{
	const char *script = getenv("LAZYBENCH_VM_SCRIPT");
	struct lb_opt opts[LB_VM_OPTS_MAX + 1] = {{0}};
	const struct lb_cmd cmd = {
	    .name = "vm",
	    .synopsis = "[options] -- COMMAND [ARG...]\n"
			"--ab KERNEL_A KERNEL_B ... (the same as lazybench ab; see its --help)",
	    .about = "Boots a kernel in QEMU with lazybench and its module, runs COMMAND inside "
		     "(under sh -c, cwd /;\na single argument is a shell command line), "
		     "streams its output and brings its results back\nover 9p. "
		     "The kernel is built once per version, arch and config, and cached.",
	    .footer = "\nExit status: COMMAND's; 125 when the guest failed (kernel panic, timeout, "
		      "no boot);\n2 on a usage mistake. vm/README.md has the details.",
	    .opts = opts,
	    .max_args = 0,
	};
	struct lb_vm_opts vo;
	const char **v = NULL;
	char self[PATH_MAX], why[256];
	int head, rc;
	size_t n = 0;
	ssize_t len;

	/* `vm --ab A B ...` is the alternating-boots A/B of two kernels (cmd_ab.c). */
	if (argc > 1 && !strcmp(argv[1], "--ab")) {
		argv[1] = "ab";
		return cmd_ab(argc - 1, argv + 1);
	}
	if (lb_vm_opts_init(&vo, argc))
		return LB_EXIT_FAIL;
	lb_vm_opts_table(&vo, NULL, opts);
	/* The options come before `--`, the guest's command after it. */
	for (head = 1; head < argc && strcmp(argv[head], "--"); head++)
		;
	rc = lb_opt_parse(&cmd, head, argv, NULL);
	if (rc != LB_OPT_GO)
		goto out;
	rc = LB_EXIT_USAGE;
	if (lb_vm_opts_check(&vo, why, sizeof(why))) {
		lb_usage_error("vm", why);
		goto out;
	}
	if (head + 1 >= argc) {
		lb_usage_error("vm", "no command given (lazybench vm [options] -- COMMAND)");
		goto out;
	}
	v = calloc(lb_vm_opts_nwords(&vo) + (size_t)(argc - head) + 1, sizeof(*v));
	rc = LB_EXIT_FAIL;
	if (!v)
		goto out;
	if (!script || !*script)
		script = LB_DATA_DIR "/vm/lazybench-vm";
	v[n++] = script;
	n += lb_vm_opts_words(&vo, v + n);
	for (int i = head; i < argc; i++) /* "--" COMMAND [ARG...] */
		v[n++] = argv[i];
	/*
	 * The guest gets this very binary when it suits the guest arch (the runner checks the
	 * ELF machine), so that `lazybench vm` tests the lazybench that was built, not another.
	 */
	len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (len > 0 && !getenv("LAZYBENCH_BIN")) {
		self[len] = '\0';
		setenv("LAZYBENCH_BIN", self, 1);
	}
	execv(script, (char **)v);
	fprintf(stderr, "lazybench vm: cannot run %s: %s\n", script, strerror(errno));
out:
	free(v);
	lb_vm_opts_free(&vo);
	return rc;
}
