/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page-table entries per operation of a case, for every "per PTE" figure. `--pages` counts
 * 4 KiB pages on every arch (so that cases compare across kernels); a kernel's PTE maps one of
 * its own pages (64 KiB on ppc64le here), and the harness asks the module for
 * ceil(pages x 4 KiB / page size) of them (bench/kernel_common.c), as the syscall workloads map
 * that many bytes.
 */
#ifndef LB_ANALYSIS_PTES_H
#define LB_ANALYSIS_PTES_H

#include "results_read.h"

/* PTEs of pages 4 KiB pages with base pages of page_size bytes (<= 4096: pages). */
double lb_ptes_of(long pages, long page_size);
/* PTEs one operation of case c touches, with the page size run's env recorded; 0 without pages. */
double lb_case_ptes(const struct lb_rrun *run, const struct lb_rcase *c);

#endif
