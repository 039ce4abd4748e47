// SPDX-License-Identifier: GPL-2.0
/* Find (or mount) tracefs and read tracepoint ids; see tracefs.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "env_parse.h"
#include "tracefs.h"

static int have(const char *dir)
{
	return access(dir, R_OK | X_OK) == 0;
}

const char *lb_tracefs_events(char *reason, size_t len)
{
	static const char *found;
	static char why[256];
	static int tried;

	if (!tried) {
		tried = 1;
		if (have("/sys/kernel/tracing/events"))
			found = "/sys/kernel/tracing/events";
		else if (have("/sys/kernel/debug/tracing/events"))
			found = "/sys/kernel/debug/tracing/events";
		else if (mount("nodev", "/sys/kernel/tracing", "tracefs", 0, NULL) == 0 &&
			 have("/sys/kernel/tracing/events"))
			found = "/sys/kernel/tracing/events";
		else
			snprintf(why, sizeof(why),
				 "no tracefs (not mounted at /sys/kernel/tracing, and mounting it "
				 "failed: %s%s)",
				 strerror(errno), geteuid() ? "; run as root" : "");
	}
	if (!found)
		snprintf(reason, len, "%s", why);
	return found;
}

long lb_tracefs_id(const char *sys, const char *name, char *reason, size_t len)
{
	const char *events = lb_tracefs_events(reason, len);
	char path[512], line[64];

	if (!events) {
		errno = ENOTSUP;
		return -1;
	}
	snprintf(path, sizeof(path), "%s/%s/%s/id", events, sys, name);
	if (lb_read_line(path, line, sizeof(line))) {
		snprintf(reason, len,
			 "tracepoint %s:%s not in tracefs (this kernel has no such event)", sys,
			 name);
		errno = ENOENT;
		return -1;
	}
	return strtol(line, NULL, 10);
}
