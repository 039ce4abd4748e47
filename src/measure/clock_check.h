/* SPDX-License-Identifier: GPL-2.0 */
/* Whether this machine's clock can time the operations `run` measures (a pure function, so
 * that the refusal is unit-tested; `run` applies it to clock_getres and the clocksource). */
#ifndef LB_CLOCK_CHECK_H
#define LB_CLOCK_CHECK_H

#include <stddef.h>

/* Coarser than this cannot time operations that take a microsecond or two. */
#define LB_MAX_CLOCK_RES_NS 1000

/* res_ns: CLOCK_MONOTONIC resolution (clock_getres; -1 when unknown); clocksource: the
 * current clocksource's name, or NULL when unknown. 0 when usable; -1 with a one-line reason
 * naming both in reason. */
int lb_clock_check(long res_ns, const char *clocksource, char *reason, size_t len);

#endif
