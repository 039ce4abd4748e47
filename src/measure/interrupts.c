// SPDX-License-Identifier: GPL-2.0
/* /proc/interrupts parsing; see interrupts.h. The header names the online CPUs ("CPU0 CPU1"),
 * which need not be contiguous, so the column is found through it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interrupts.h"

int lb_interrupts_parse(const char *text, const char *label, int cpu, uint64_t *count)
{
	const char *nl = strchr(text, '\n'), *p = text;
	size_t ll = strlen(label);
	int col = -1, k = 0;

	if (!nl)
		return -1;
	while ((p = strstr(p, "CPU")) && p < nl) {
		char *end;
		long c = strtol(p + 3, &end, 10);

		if (end != p + 3 && c == cpu)
			col = k;
		k++;
		p = end != p + 3 ? end : p + 3;
	}
	if (col < 0)
		return -1;
	for (p = nl + 1; *p; p = nl + 1) {
		const char *q = p;

		while (*q == ' ')
			q++;
		nl = strchr(p, '\n');
		if (!strncmp(q, label, ll) && q[ll] == ':') {
			q += ll + 1;
			for (int i = 0; i <= col; i++) {
				char *end;
				unsigned long long v = strtoull(q, &end, 10);

				if (end == q)
					return -1;
				if (i == col) {
					*count = v;
					return 0;
				}
				q = end;
			}
		}
		if (!nl)
			break;
	}
	return -1;
}
