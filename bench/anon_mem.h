/* SPDX-License-Identifier: GPL-2.0 */
/* Anonymous memory for the syscall workloads: 4 KiB PTEs only, touched page by page. */
#ifndef LB_ANON_MEM_H
#define LB_ANON_MEM_H

#include <stddef.h>

#define LB_PAGE_SIZE 4096ul

/* mmap `pages` private anonymous pages (at `hint` with MAP_FIXED when hint is not NULL) and
 * forbid THP on them: a huge page would take the PMD path and never reach the PTE loops the
 * lazy MMU mode batches. NULL with errno set on failure. */
char *lb_anon_map(void *hint, size_t pages);
/* Write one byte per page so every PTE is present, private and dirty. */
void lb_anon_touch(char *addr, size_t pages);
/* Setup-failure helper for workloads: fills reason with "WHAT: strerror" and returns errno. */
int lb_anon_fail(char *reason, size_t len, const char *what);
/* The syscall workloads' availability rule: mode on always; off through the task hook. */
struct lb_case_params;
int lb_syscall_available(const struct lb_case_params *p, char *reason, size_t len);

#endif
