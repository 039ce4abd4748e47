/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one hook that gives real syscalls a lazy-MMU-off variant: the measuring task is paused
 * (lazy_mmu_state.pause_count 0 -> 1) through the lazybench module's TASK_LAZY ioctl for the
 * duration of a syscall case, and resumed after it. Until the module wires it, "off" is refused
 * with the reason. Kernel workloads pass their mode to the module themselves and do not use it.
 */
#ifndef LB_TASK_LAZY_H
#define LB_TASK_LAZY_H

#include <stddef.h>

#include "workload.h"

/* Can syscall workloads run under `mode` here? 0, or an errno value and a reason. */
int lb_task_lazy_check(enum lb_mode mode, char *reason, size_t len);
/* Can workload w run the case p here? The mode rule above for syscall workloads (the harness
 * owns the task's mode), then the workload's own available() when it has one. 0, or an errno
 * value and a reason. */
int lb_case_available(const struct lb_workload *w, const struct lb_case_params *p, char *reason,
		      size_t len);

/* Put the calling (measuring) task in `mode`; called after pinning, before setup. */
int lb_task_lazy_apply(enum lb_mode mode, char *reason, size_t len);
/* Undo lb_task_lazy_apply; called after teardown. */
void lb_task_lazy_restore(enum lb_mode mode);

#endif
