// SPDX-License-Identifier: GPL-2.0
/* See clock_check.h. */
#include <stdio.h>
#include <string.h>

#include "clock_check.h"

int lb_clock_check(long res_ns, const char *clocksource, char *reason, size_t len)
{
	const char *cs = clocksource && *clocksource ? clocksource : "unknown";

	if (res_ns <= 0) {
		snprintf(reason, len,
			 "CLOCK_MONOTONIC resolution unknown (clock_getres gave %ld; clocksource "
			 "%s): cannot tell whether it can time these operations",
			 res_ns, cs);
		return -1;
	}
	if (res_ns > LB_MAX_CLOCK_RES_NS) {
		snprintf(reason, len,
			 "CLOCK_MONOTONIC resolution is %ld ns (clocksource %s), coarser than %d "
			 "ns: cannot time these operations (check the clocksource)",
			 res_ns, cs, LB_MAX_CLOCK_RES_NS);
		return -1;
	}
	/* clock_getres reports the hrtimer resolution; jiffies still advances once per tick. */
	if (!strcmp(cs, "jiffies")) {
		snprintf(reason, len,
			 "clocksource is jiffies (one step per timer tick) although clock_getres "
			 "says %ld ns: cannot time these operations (check the clocksource)",
			 res_ns);
		return -1;
	}
	return 0;
}
