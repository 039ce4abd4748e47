// SPDX-License-Identifier: GPL-2.0
/*
 * Lazy MMU mode of the measuring task for syscall workloads; see task_lazy.h.
 * LB_MODE_OFF is lazybench.ko's TASK_LAZY ioctl: pause on apply, resume on restore. When the
 * module cannot be opened or the kernel cannot pause a task, "off" is refused with the reason.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "kmod_client.h"
#include "task_lazy.h"

/* Can TASK_LAZY pause a task here? 0, or an errno value with the reason. */
static int task_lazy_supported(char *reason, size_t len)
{
	struct lazybench_info info;
	int err = 0, fd = lb_kmod_fd(&err, reason, len);

	if (fd < 0)
		return err;
	if ((err = lb_kmod_info(fd, &info, reason, len)))
		return err;
	if (info.generation != LAZYBENCH_GEN_NESTING ||
	    !(info.flags & LAZYBENCH_INFO_STATE_CHECK)) {
		snprintf(reason, len,
			 "pausing a task needs the 7.x lazy MMU API (this kernel: %s) on an arch "
			 "that implements the mode (here: %s)",
			 lb_kmod_generation_name(info.generation),
			 info.flags & LAZYBENCH_INFO_ARCH_LAZY ? "yes" : "no");
		return EOPNOTSUPP;
	}
	return 0;
}

int lb_task_lazy_check(enum lb_mode mode, char *reason, size_t len)
{
	switch (mode) {
	case LB_MODE_ON:
		/* The kernel's default: nothing to do. */
		return 0;
	case LB_MODE_OFF:
		return task_lazy_supported(reason, len);
	default:
		snprintf(reason, len,
			 "mode %s applies to kernel workloads only (syscall workloads: on, off)",
			 lb_mode_name(mode));
		return EINVAL;
	}
}

int lb_task_lazy_apply(enum lb_mode mode, char *reason, size_t len)
{
	struct lazybench_task_lazy t;
	int err = lb_task_lazy_check(mode, reason, len), fd;

	if (err || mode != LB_MODE_OFF)
		return err;
	fd = lb_kmod_fd(&err, reason, len);
	if (fd < 0)
		return err;
	err = lb_kmod_task_lazy(fd, LAZYBENCH_TASK_LAZY_OFF, &t);
	if (err)
		snprintf(reason, len, "TASK_LAZY off: %s", t.reason[0] ? t.reason : strerror(err));
	return err;
}

void lb_task_lazy_restore(enum lb_mode mode)
{
	struct lazybench_task_lazy t;
	char reason[256];
	int err = 0, fd;

	if (mode != LB_MODE_OFF)
		return;
	fd = lb_kmod_fd(&err, reason, sizeof(reason));
	/* Only reached after a successful apply, so the fd is open; a failure here is a bug. */
	if (fd < 0 || (err = lb_kmod_task_lazy(fd, LAZYBENCH_TASK_LAZY_ON, &t)))
		fprintf(stderr, "lazybench: TASK_LAZY on failed: %s\n",
			fd < 0 ? reason : (t.reason[0] ? t.reason : strerror(err)));
}

int lb_case_available(const struct lb_workload *w, const struct lb_case_params *p, char *reason,
		      size_t len)
{
	int e = 0;

	if (w->kind == LB_KIND_SYSCALL)
		e = lb_task_lazy_check(p->mode, reason, len);
	if (!e && w->available)
		e = w->available(p, reason, len);
	return e;
}
