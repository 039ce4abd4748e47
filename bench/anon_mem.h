/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Anonymous memory for the syscall workloads: base pages only (no THP), touched page by page.
 * --pages counts 4 KiB units (docs/results-format.md); on a kernel with bigger base pages
 * (ppc64 and arm64 can use 64 KiB) the length is rounded up to whole kernel pages.
 */
#ifndef LB_ANON_MEM_H
#define LB_ANON_MEM_H

#include <stdbool.h>
#include <stddef.h>

#define LB_PAGE_SIZE 4096ul

/* The kernel's base page size (sysconf). */
size_t lb_sys_page_size(void);
/* Bytes of `pages` 4 KiB units, rounded up to whole kernel pages. */
size_t lb_anon_len(size_t pages);

/* mmap `pages` private anonymous pages (at `hint` with MAP_FIXED when hint is not NULL) and
 * forbid THP on them: a huge page would take the PMD path and never reach the PTE loops the
 * lazy MMU mode batches. NULL with errno set on failure. */
/* Whether this kernel has transparent huge pages at all (CONFIG_TRANSPARENT_HUGEPAGE). */
bool lb_thp_configured(void);

char *lb_anon_map(void *hint, size_t pages);
/* Write one byte per kernel page so every PTE is present, private and dirty. */
void lb_anon_touch(char *addr, size_t pages);
/* Setup-failure helper for workloads: fills reason with "WHAT: strerror" and returns errno. */
int lb_anon_fail(char *reason, size_t len, const char *what);

struct lb_ctx;
/* A workload's memory: map and touch ctx's --pages and offer them to the remote reader (the
 * mapping stays readable). NULL on failure, with *err = errno and ctx->reason filled. */
char *lb_anon_prepare(struct lb_ctx *ctx, int *err);

#endif
