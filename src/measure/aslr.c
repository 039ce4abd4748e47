// SPDX-License-Identifier: GPL-2.0
/* See aslr.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <unistd.h>

#include "aslr.h"
#include "env_parse.h"

#define REEXEC_MARK "LAZYBENCH_ASLR_REEXEC"

bool lb_aslr_disable(char **argv, char *reason, size_t len)
{
	int pers = personality(0xffffffff);
	char sysctl[16];

	if (pers != -1 && (pers & ADDR_NO_RANDOMIZE))
		return true;
	if (!lb_read_line("/proc/sys/kernel/randomize_va_space", sysctl, sizeof(sysctl)) &&
	    !strcmp(sysctl, "0"))
		return true;
	if (getenv(REEXEC_MARK)) {
		snprintf(reason, len, "personality(ADDR_NO_RANDOMIZE) did not hold after re-exec");
		return false;
	}
	if (pers == -1 || personality((unsigned long)pers | ADDR_NO_RANDOMIZE) == -1) {
		snprintf(reason, len, "personality: %s", strerror(errno));
		return false;
	}
	/* The new layout only applies to a fresh exec. */
	setenv(REEXEC_MARK, "1", 1);
	execv("/proc/self/exe", argv);
	snprintf(reason, len, "re-exec of /proc/self/exe failed: %s", strerror(errno));
	return false;
}
