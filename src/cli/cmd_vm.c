// SPDX-License-Identifier: GPL-2.0
/*
 * `lazybench vm [options] -- COMMAND`: boot a kernel in QEMU and run COMMAND inside. The
 * orchestration (kernel build, initramfs, QEMU) is shell under vm/; this is its one entry
 * point, so that users and scripts only ever call lazybench.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"

int cmd_vm(int argc, char **argv)
{
	const char *script = getenv("LAZYBENCH_VM_SCRIPT");
	char self[PATH_MAX];
	ssize_t n;

	/* `vm --ab A B ...` is the alternating-boots A/B of two kernels (cmd_ab.c). */
	if (argc > 1 && !strcmp(argv[1], "--ab")) {
		argv[1] = "ab";
		return cmd_ab(argc - 1, argv + 1);
	}
	if (!script || !*script)
		script = LB_DATA_DIR "/vm/lazybench-vm";
	/*
	 * The guest gets this very binary when it suits the guest arch (the runner checks the
	 * ELF machine), so that `lazybench vm` tests the lazybench that was built, not another.
	 */
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0 && !getenv("LAZYBENCH_BIN")) {
		self[n] = '\0';
		setenv("LAZYBENCH_BIN", self, 1);
	}
	argv[0] = (char *)script;
	execv(script, argv);
	fprintf(stderr, "lazybench vm: cannot run %s: %s\n", script, strerror(errno));
	return LB_EXIT_FAIL;
}
