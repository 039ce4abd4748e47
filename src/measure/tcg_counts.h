/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Exact event counts from the VM bed's TCG plugin (vm/plugin/lbtcg.c), as counters of a case.
 *
 * Under `lazybench vm` the plugin appends to the file named by LAZYBENCH_TCG_REGIONS (a 9p
 * share: the guest reads it while it runs) one "sum" line per sum marker: the totals of the
 * marked regions closed since the previous one, and their number. The module marks each timed
 * section and emits a sum after each metric's sections; the harness marks the timed regions of
 * syscall workloads and emits a sum at the start and the end of each repetition. Per repetition
 * the harness reads the lines that repetition added and checks that it finds one sum per metric
 * pass with exactly the number of timed sections that pass ran, else every TCG counter of the
 * case is unavailable with the reason (never misaligned samples). Counters are per metric for
 * kernel workloads, per repetition ("all") for syscall workloads; scope "vcpu" is the vCPU that
 * opened a region, "other_vcpus" the others while it was open.
 */
#ifndef LB_TCG_COUNTS_H
#define LB_TCG_COUNTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "results.h"

#define LB_TCG_MAX_EVENTS 128

/* One "sum" line of the plugin's file. */
struct lb_tcg_sum {
	unsigned long long regions, migrated;
	uint64_t own[LB_TCG_MAX_EVENTS], other[LB_TCG_MAX_EVENTS];
	/* The events the line named, [0] own, [1] other: the others are 0. Zeroing and summing
	 * only these keeps parsing cheap in an emulated guest. */
	uint8_t set[2][LB_TCG_MAX_EVENTS];
	size_t n_set[2];
};

/* The header line ("lbtcg 2 arch A vcpus N events insn ..."): event names into names[] (each
 * malloc'ed), their number, or -1 when the line is not a version-2 header. Pure. */
int lb_tcg_parse_header(const char *line, char **names, size_t max);
/* A "sum" line against the header's names: 1 when parsed, 0 when the line is not a sum line,
 * -1 when malformed or naming an unknown event (why in reason). Pure. *s must be zeroed before
 * its first use; it is then reused line after line. */
int lb_tcg_parse_sum(const char *line, char *const *names, size_t n, struct lb_tcg_sum *s,
		     char *reason, size_t len);

struct lb_tcg;

/* For one case: kernel workloads (kernel true) learn their regions from the RUN (lb_tcg_run),
 * syscall workloads have as many per repetition as the harness opened (lb_tcg_mark_open). Never
 * NULL (abort on no memory); unavailable outside the VM bed, with the reason. */
struct lb_tcg *lb_tcg_open(bool kernel, unsigned n_metrics, const char *const *metrics,
			   size_t max_reps);
bool lb_tcg_available(const struct lb_tcg *t);
/* "available: events insn dsb.ishst ..." or "unavailable: ERRNO reason" (for `list`). */
void lb_tcg_describe(const struct lb_tcg *t, char *buf, size_t len);
/* Syscall workloads: around each timed region (emit the markers, count the region). */
void lb_tcg_mark_open(struct lb_tcg *t);
void lb_tcg_mark_close(struct lb_tcg *t);
/* Around each harness repetition. Kernel workloads: the first one's begin skips to the file's
 * end (the RUN comes inside it); the ends only count the measured repetitions. Syscall
 * workloads: each begin and end emits a sum marker. */
void lb_tcg_rep_begin(struct lb_tcg *t);
void lb_tcg_rep_end(struct lb_tcg *t, bool keep);
/* Kernel workloads, right after the RUN, which ran n_reps repetitions (the first `warmup` of
 * them untimed): sections[r * n_metrics + m] is the number of timed sections (marked regions)
 * metric m ran in repetition r, 0 for a metric the module does not mark (the empty pass). The
 * plugin's sums since the first rep_begin are taken in that order, one per metric with
 * sections, the warmup's dropped; each must have exactly its pass's sections as regions, and
 * there must be no other sum, else the counters are unavailable with the reason. */
void lb_tcg_run(struct lb_tcg *t, const unsigned long *sections, unsigned n_reps, unsigned warmup);
/* Counters for run.json, appended to *out (n entries, realloc'ed); returns the new count. */
size_t lb_tcg_export(const struct lb_tcg *t, struct lb_counter_result **out, size_t n);
void lb_tcg_close(struct lb_tcg *t);

#endif
