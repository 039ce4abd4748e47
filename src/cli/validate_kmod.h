/* SPDX-License-Identifier: GPL-2.0 */
/* validate's parts that need lazybench.ko; each says exactly why when it is unavailable. */
#ifndef LB_COMPARE_VALIDATE_KMOD_H
#define LB_COMPARE_VALIDATE_KMOD_H

#include <stddef.h>
#include <stdio.h>

/* Detection rate of injected delays of 1%, 2%, 5% at a few sizes. -1 when unavailable. */
int lb_validate_kmod(FILE *f, size_t pairs, size_t half, unsigned resamples, unsigned long seed);
/* Cost of one INFO ioctl, and its share of smallest_ns. -1 when unavailable. */
int lb_validate_ioctl_cost(FILE *f, double smallest_ns);

/* The module's max_delay_ns (INFO), or 0 with the reason when the module does not open. */
unsigned lb_validate_max_delay(char *reason, size_t len);

#endif
