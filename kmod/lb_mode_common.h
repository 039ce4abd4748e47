/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers every generation's mode wrapper shares. */
#ifndef LB_MODE_COMMON_H
#define LB_MODE_COMMON_H

#include <linux/kernel.h>

#include "lb.h"

/*
 * Nested keeps the mode active around the whole operation. Generic code must
 * not sleep in the mode, on any arch: powerpc hash and sparc disable
 * preemption in it, and Xen PV only queues its TLB-flush hypercalls while it
 * is active, so reclaim entered from an allocation inside it could free a
 * page before the flush that drops its last translation is issued. So a
 * workload that may allocate or sleep is never nested, whatever the arch.
 */
static inline int lb_refuse_sleep_in_section(const struct lb_kwl *wl,
					     u32 variant, char *reason,
					     size_t len)
{
	if (!(wl->ops->sleeps & BIT(variant)))
		return 0;
	snprintf(reason, len,
		 "%s may allocate or sleep, which is forbidden in an active lazy MMU section (nested would hold it across the call)",
		 wl->name);
	return -EOPNOTSUPP;
}

#endif /* LB_MODE_COMMON_H */
