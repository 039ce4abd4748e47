// SPDX-License-Identifier: GPL-2.0
/*
 * See summary.h. Counter columns are medians over the repetitions of a case of the count per
 * repetition (all timed regions of it): tlb_flush and IPIs from the measuring CPU (cpu scope, which
 * also sees a fork child), shootdown interrupts on the remote CPU, cycles of the thread.
 */
#include <stdlib.h>
#include <string.h>

#include "summary.h"

static const struct lb_counter_result *find(const struct lb_case_result *c, const char *name,
					    const char *scope)
{
	for (size_t i = 0; i < c->n_counters; i++)
		if (!strcmp(c->counters[i].name, name) && !strcmp(c->counters[i].scope, scope))
			return &c->counters[i];
	return NULL;
}

/* Median of a counter's per-repetition values, or "n/a" / "-". */
static void counter_cell(const struct lb_case_result *c, const char *name, const char *scope,
			 char *out, size_t len)
{
	const struct lb_counter_result *k = find(c, name, scope);
	double *v;

	if (!k) {
		snprintf(out, len, "-");
		return;
	}
	if (!k->available || !c->reps_done) {
		snprintf(out, len, "n/a");
		return;
	}
	v = malloc(c->reps_done * sizeof(*v));
	for (size_t r = 0; r < c->reps_done; r++)
		v[r] = (double)k->values[r];
	snprintf(out, len, "%.1f", lb_stats_median(v, c->reps_done));
	free(v);
}

static void ipi_cell(const struct lb_case_result *c, char *out, size_t len)
{
	const struct lb_counter_result *a = find(c, "ipi_send_cpu", "cpu"),
				       *b = find(c, "ipi_send_cpumask", "cpu");
	double *v;

	if (!a || !b || !a->available || !b->available || !c->reps_done) {
		snprintf(out, len, "n/a");
		return;
	}
	v = malloc(c->reps_done * sizeof(*v));
	for (size_t r = 0; r < c->reps_done; r++)
		v[r] = (double)(a->values[r] + b->values[r]);
	snprintf(out, len, "%.1f", lb_stats_median(v, c->reps_done));
	free(v);
}

/* "populate:kasan", or the workload alone when it has no variant. */
static void workload_cell(const struct lb_case_result *c, char *out, size_t len)
{
	snprintf(out, len, "%s%s%s", c->workload, c->variant ? ":" : "",
		 c->variant ? c->variant : "");
}

void lb_summary_print(FILE *f, const struct lb_run *run, const char *path)
{
	fprintf(f, "%-16s %-9s %7s %5s %-6s %-7s %11s %25s %9s %4s %14s %9s %14s %11s\n",
		"workload", "metric", "pages", "batch", "mode", "remote", "median_ns",
		"95% CI of median", "ns/page", "out", "tlb_flush/rep", "ipis/rep", "rmt_shtdn/rep",
		"cycles/rep");
	for (size_t i = 0; i < run->n_cases; i++) {
		const struct lb_case_result *c = &run->cases[i];
		char flush[32], ipis[32], shoot[32], cycles[32], wl[64], batch[24];

		if (!c->started)
			continue;
		workload_cell(c, wl, sizeof(wl));
		if (c->batch < 0)
			snprintf(batch, sizeof(batch), "-");
		else
			snprintf(batch, sizeof(batch), "%ld", c->batch);
		if (c->refused || c->reps_done == 0) {
			fprintf(f, "%-16s %-9s %7lu %5s %-6s %-7s %s%s\n", wl, "-", c->pages, batch,
				lb_mode_name(c->mode), c->remote,
				c->refused  ? "refused: "
				: c->failed ? "failed: "
					    : "interrupted before its first repetition",
				c->refused  ? c->refused_reason
				: c->failed ? c->fail_reason
					    : "");
			continue;
		}
		counter_cell(c, "tlb_flush", "cpu", flush, sizeof(flush));
		ipi_cell(c, ipis, sizeof(ipis));
		if (c->remote_cpu >= 0)
			counter_cell(c, "irq.tlb_shootdowns", "remote_cpu", shoot, sizeof(shoot));
		else
			snprintf(shoot, sizeof(shoot), "-");
		counter_cell(c, "cycles", "thread", cycles, sizeof(cycles));
		for (unsigned m = 0; m < c->n_metrics; m++) {
			const struct lb_summary *s = &c->metrics[m].summary;
			char ci[64];

			snprintf(ci, sizeof(ci), "[%.0f, %.0f]", s->ci_low, s->ci_high);
			/* pages, never batch: the time covers every section of the operation. */
			fprintf(
			    f,
			    "%-16s %-9s %7lu %5s %-6s %-7s %11.0f %25s %9.2f %4zu %14s %9s %14s "
			    "%11s%s\n",
			    m ? "" : wl, c->metrics[m].name, c->pages, batch, lb_mode_name(c->mode),
			    c->remote, s->median, ci, s->median / (double)c->pages, s->n_outliers,
			    m ? "" : flush, m ? "" : ipis, m ? "" : shoot, m ? "" : cycles,
			    c->complete ? "" : "  (incomplete)");
		}
	}
	fprintf(f,
		"ns/page: median_ns / pages (4 KiB pages per operation; with a batch the operation "
		"still covers all pages)\n"
		"/rep: median over the repetitions of the count in one repetition (all its timed "
		"regions; fork: fork + exit_reap, on its first row)\n"
		"tlb_flush, ipis (ipi_send_cpu + ipi_send_cpumask): on the measuring CPU; "
		"rmt_shtdn: TLB shootdown interrupts on the remote CPU; cycles: measuring thread; "
		"n/a: unavailable (reason in run.json)\n");
	fprintf(f, "results: %s\n", path);
}
