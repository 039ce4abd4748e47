// SPDX-License-Identifier: GPL-2.0
/*
 * Lazy MMU mode of the measuring task for syscall workloads; see task_lazy.h.
 * kmod area: replace the LB_MODE_OFF branches with the TASK_LAZY ioctl (pause on apply,
 * resume on restore) when the module is loaded; keep the refusal text when it is not.
 */
#include <errno.h>
#include <stdio.h>

#include "task_lazy.h"

int lb_task_lazy_check(enum lb_mode mode, char *reason, size_t len)
{
	switch (mode) {
	case LB_MODE_ON:
		/* The kernel's default: nothing to do. */
		return 0;
	case LB_MODE_OFF:
		snprintf(reason, len,
			 "needs the lazybench kernel module (TASK_LAZY ioctl), not loaded");
		return ENODEV;
	default:
		snprintf(reason, len,
			 "mode %s applies to kernel workloads only (syscall workloads: on, off)",
			 lb_mode_name(mode));
		return EINVAL;
	}
}

int lb_task_lazy_apply(enum lb_mode mode, char *reason, size_t len)
{
	return lb_task_lazy_check(mode, reason, len);
}

void lb_task_lazy_restore(enum lb_mode mode)
{
	(void)mode;
}
