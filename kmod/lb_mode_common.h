/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers every generation's mode wrapper shares. */
#ifndef LB_MODE_COMMON_H
#define LB_MODE_COMMON_H

#include <linux/kernel.h>

#include "lb.h"

/*
 * powerpc hash and sparc disable preemption in arch_enter_lazy_mmu_mode():
 * a workload that may sleep must never run inside a section we opened.
 */
static inline int lb_refuse_sleep_in_section(const struct lb_workload *wl,
					     u32 variant, char *reason,
					     size_t len)
{
	if (!(wl->sleeps & BIT(variant)) || !lb_mode_disables_preemption())
		return 0;
	snprintf(reason, len,
		 "%s may sleep, and this MMU (%s) disables preemption in an active lazy MMU section",
		 wl->name, IS_ENABLED(CONFIG_SPARC64) ? "sparc64" : "powerpc hash");
	return -EOPNOTSUPP;
}

#endif /* LB_MODE_COMMON_H */
