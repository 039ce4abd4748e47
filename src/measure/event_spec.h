/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Counter names as users write them (--events) and the default set.
 *   cycles, dTLB-load-misses, arm_ac57::DSB_SPEC   any libpfm4 name
 *   tlb:tlb_flush, tlb:tlb_flush[reason == 4]      a tracepoint, optionally with a filter
 *   interrupts:TLB                                 a /proc/interrupts line, per-CPU delta
 * "sys:name" is looked up in tracefs first and handed to libpfm4 when tracefs lacks it
 * (libpfm names may also have one colon: EVENT:UMASK).
 */
#ifndef LB_EVENT_SPEC_H
#define LB_EVENT_SPEC_H

#include <stdbool.h>
#include <stddef.h>

enum lb_event_source { LB_SRC_PFM, LB_SRC_TRACEPOINT, LB_SRC_INTERRUPTS };

struct lb_event_spec {
	char event[128];  /* without the filter: "tlb:tlb_flush", "cycles", "interrupts:TLB" */
	char filter[128]; /* tracepoint filter, "" when none */
	char name[128];	  /* short name for tables and run.json */
	enum lb_event_source source; /* LB_SRC_TRACEPOINT: only a candidate until resolved */
	char sys[64], tp[64];	     /* tracepoint candidate parts; interrupts: tp = line label */
};

/* Parse one --events item. 0, or -1 with a one-line reason naming the problem. */
int lb_event_parse(const char *text, struct lb_event_spec *out, char *err, size_t len);
/* The default set (x86 adds interrupts:TLB). Returns how many were written (<= max). */
size_t lb_event_defaults(struct lb_event_spec *out, size_t max);

/* Events given as --events LIST, appended after those already in specs[0..*n-1]. */
struct lb_event_list {
	struct lb_event_spec *specs;
	size_t *n, max;
};
/* The LB_OPT_LIST item of --events (list: struct lb_event_list *): 0, or -1 with why. */
int lb_event_list_add(const char *text, size_t i, void *list, char *why, size_t len);

#endif
