/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One RUN of the module from userspace, with the mapping the page-table workloads need
 * (a MAP_SHARED mmap of /dev/lazybench exactly `pages` long) made and removed around it.
 */
#ifndef LB_KMOD_CASE_H
#define LB_KMOD_CASE_H

#include <stdbool.h>
#include <stdint.h>

#include "lazybench.h"

struct lb_kmod_case {
	uint32_t workload, variant, mode;
	uint64_t pages, batch; /* batch 0: one section of all pages */
	uint32_t reps, warmup, delay_ns;
	bool dry;
	bool baseline;			/* setup and teardown only (LAZYBENCH_RUN_BASELINE) */
	struct lazybench_rep *rep_info; /* reps entries, or NULL */
};

/* Does this workload write PTEs of a user mapping (and so need one)? */
bool lb_kmod_needs_mapping(uint32_t workload);
/* Timings per repetition of the workload (1 to LAZYBENCH_MAX_METRICS). */
unsigned lb_kmod_nr_metrics(uint32_t workload);

/*
 * Run @c; @samples receives reps x nr_metrics ns (may be NULL when dry). *out holds the RUN
 * struct as the module returned it (reason, state check). 0 or an errno value.
 */
int lb_kmod_run_case(int fd, const struct lb_kmod_case *c, uint64_t *samples,
		     struct lazybench_run *out);

#endif
