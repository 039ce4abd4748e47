/* SPDX-License-Identifier: GPL-2.0 */
/* Tracepoint ids from tracefs (libpfm 4.13 only looks under debugfs). */
#ifndef LB_TRACEFS_H
#define LB_TRACEFS_H

#include <stddef.h>

/* Events directory of a mounted tracefs, mounting /sys/kernel/tracing when missing and
 * permitted. NULL with the reason when there is none. The answer is cached. */
const char *lb_tracefs_events(char *reason, size_t len);
/* Id of tracepoint sys:name, or -1 (errno ENOENT: no such event; other: no tracefs). */
long lb_tracefs_id(const char *sys, const char *name, char *reason, size_t len);

#endif
