/* SPDX-License-Identifier: GPL-2.0 */
/* Per-CPU counts of one /proc/interrupts line (x86 "TLB: ... TLB shootdowns"). */
#ifndef LB_INTERRUPTS_H
#define LB_INTERRUPTS_H

#include <stdint.h>

/* Count of line `label` (e.g. "TLB") for CPU `cpu` in /proc/interrupts text. 0, or -1 when
 * the line or the CPU column is missing. */
int lb_interrupts_parse(const char *text, const char *label, int cpu, uint64_t *count);

#endif
