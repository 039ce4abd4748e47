// SPDX-License-Identifier: GPL-2.0
/* `lazybench list`: workloads with the modes each supports here, and every default counter
 * (per scope) with "available" or the reason it is not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "counters.h"
#include "event_spec.h"
#include "tcg_counts.h"
#include "task_lazy.h"
#include "topo.h"
#include "workload.h"

static void list_workloads(int cpu)
{
	printf("workloads:\n");
	for (size_t i = 0; lb_workloads[i]; i++) {
		const struct lb_workload *w = lb_workloads[i];

		printf("  %-12s %-7s %s\n", w->name,
		       w->kind == LB_KIND_KERNEL ? "kernel" : "syscall", w->description);
		printf("  %-12s metrics:", "");
		for (unsigned m = 0; m < w->n_metrics; m++) {
			struct lb_case_params p = {.variant = w->variants ? w->variants[0] : NULL,
						   .pages = 1,
						   .batch = -1,
						   .cpu = cpu,
						   .remote_cpu = -1};
			const char *effect = w->effect ? w->effect(&p, m) : NULL;

			printf(" %s%s%s%s", w->metrics[m], effect ? " (" : "", effect ? effect : "",
			       effect ? ")" : "");
		}
		if (w->variants) {
			printf("; variants:");
			for (size_t v = 0; w->variants[v]; v++)
				printf(" %s", w->variants[v]);
		}
		printf("\n");
		for (int m = LB_MODE_ON; m <= LB_MODE_PAUSED; m++) {
			struct lb_case_params p = {.variant = w->variants ? w->variants[0] : NULL,
						   .mode = m,
						   .pages = 1,
						   .batch = w->has_batch ? 1 : -1,
						   .cpu = cpu,
						   .remote_cpu = -1};
			char reason[LB_REASON_LEN];
			int e = lb_case_available(w, &p, reason, sizeof(reason));

			printf("  %-12s   mode %-6s %s%s\n", "", lb_mode_name(m),
			       e ? "unavailable: " : "available", e ? reason : "");
		}
	}
}

static void list_placements(int cpu)
{
	char reason[LB_REASON_LEN];
	hwloc_topology_t t = lb_topo_load(reason, sizeof(reason));

	printf("remote placements (--remote) relative to CPU %d:\n", cpu);
	if (!t) {
		printf("  unavailable: %s\n", reason);
		return;
	}
	for (int p = LB_PLACE_SMT; p < LB_PLACE_COUNT; p++) {
		int remote;

		if (lb_topo_pick_remote(t, cpu, p, &remote, reason, sizeof(reason)))
			printf("  %-8s unavailable: %s\n", lb_placement_name(p), reason);
		else
			printf("  %-8s available (CPU %d)\n", lb_placement_name(p), remote);
	}
	hwloc_topology_destroy(t);
}

/* Exact counts from the VM bed's TCG plugin: per metric of each kernel workload (per repetition
 * of syscall workloads), scopes vcpu (the section's vCPU) and other_vcpus. */
static void list_tcg(void)
{
	static const char *const metric[] = {"op"};
	struct lb_tcg *t = lb_tcg_open(true, 1, metric, 1);
	char desc[2048];

	lb_tcg_describe(t, desc, sizeof(desc));
	lb_tcg_close(t);
	printf("exact event counts (TCG plugin, counters tcg.<metric>.<event>, scopes vcpu and "
	       "other_vcpus):\n  %s\n",
	       desc);
}
int cmd_list(int argc, char **argv)
{
	static struct lb_event_spec specs[64];
	size_t n = lb_event_defaults(specs, 64);
	struct lb_event_list ev = {specs, &n, 64};
	int cpu = 0;
	const struct lb_opt opts[] = {
	    {.name = "cpu",
	     .kind = LB_OPT_INT,
	     .dest = &cpu,
	     .max = 65535,
	     .why = "want a CPU number",
	     .arg = "N",
	     .help = "CPU the modes and counters are checked on (default 0)"},
	    {.name = "events",
	     .kind = LB_OPT_LIST,
	     .dest = &ev,
	     .item = lb_event_list_add,
	     .arg = "LIST",
	     .help = "more counters: libpfm4 names, sys:tracepoint[FILTER],\ninterrupts:LABEL"},
	    {0},
	};
	const struct lb_cmd cmd = {
	    .name = "list",
	    .synopsis = "[--cpu N] [--events LIST]",
	    .about =
		"Workloads, the lazy MMU modes each can run under here (or why not), and every\n"
		"counter (defaults plus --events) with \"available\" or the exact reason.",
	    .opts = opts,
	};
	struct lb_counter_result *res;
	struct lb_counters *cs;
	size_t nres;
	int rc;

	if ((rc = lb_opt_parse(&cmd, argc, argv, NULL)) != LB_OPT_GO)
		return rc;
	{ /* The same check as run --cpu: a CPU this machine lacks is a usage error. */
		char err[LB_REASON_LEN];
		hwloc_topology_t t = lb_topo_load(err, sizeof(err));

		if (t && !lb_topo_has_cpu(t, cpu)) {
			snprintf(err, sizeof(err), "--cpu %d: no such CPU usable here (%d PUs)",
				 cpu, hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_PU));
			hwloc_topology_destroy(t);
			return lb_usage_error("list", err);
		}
		if (t)
			hwloc_topology_destroy(t);
	}
	list_workloads(cpu);
	list_placements(cpu);
	/* Scope thread and cpu on the measuring CPU; remote_cpu is the same test on another CPU. */
	cs = lb_counters_open(specs, n, cpu, -1, 1);
	if (!cs)
		return LB_EXIT_FAIL;
	nres = lb_counters_export(cs, &res);
	lb_counters_close(cs);
	printf("counters (scope thread = measuring thread, cpu = whole CPU %d):\n", cpu);
	for (size_t i = 0; i < nres; i++) {
		char ev[300];

		snprintf(ev, sizeof(ev), "%s%s%s%s", res[i].event, res[i].filter ? "[" : "",
			 res[i].filter ? res[i].filter : "", res[i].filter ? "]" : "");
		printf("  %-28s %-6s %-36s %s%s%s%s\n", res[i].name, res[i].scope, ev,
		       res[i].available ? "available" : "unavailable: ",
		       res[i].available ? "" : res[i].err_name, res[i].available ? "" : " ",
		       res[i].available ? "" : res[i].reason);
	}
	lb_counter_results_free(res, nres);
	list_tcg();
	return 0;
}
