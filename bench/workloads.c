// SPDX-License-Identifier: GPL-2.0
/* The workload table and the mode names every workload shares. */
#include <string.h>

#include "workload.h"

#define LB_WORKLOAD(name) extern const struct lb_workload lb_workload_##name;
#define LAZYBENCH_WL(ID, name, ...) LB_WORKLOAD(name)
#include "workloads.def"
#include "lazybench_workloads.def"
#undef LB_WORKLOAD

const struct lb_workload *const lb_workloads[] = {
#define LB_WORKLOAD(name) &lb_workload_##name,
#include "workloads.def"
#include "lazybench_workloads.def"
#undef LB_WORKLOAD
#undef LAZYBENCH_WL
    NULL,
};

const struct lb_workload *lb_workload_find(const char *name)
{
	for (size_t i = 0; lb_workloads[i]; i++)
		if (!strcmp(lb_workloads[i]->name, name))
			return lb_workloads[i];
	return NULL;
}

static const char *const mode_names[] = {
    [LB_MODE_ON] = "on",
    [LB_MODE_OFF] = "off",
    [LB_MODE_NESTED] = "nested",
    [LB_MODE_PAUSED] = "paused",
};

const char *lb_mode_name(enum lb_mode mode)
{
	return mode_names[mode];
}

int lb_mode_parse(const char *s)
{
	for (int i = 0; i < (int)(sizeof(mode_names) / sizeof(mode_names[0])); i++)
		if (!strcmp(s, mode_names[i]))
			return i;
	return -1;
}
