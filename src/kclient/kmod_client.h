/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace side of lazybench.ko: open /dev/lazybench (loading the module when it is not
 * loaded), and the three ioctls of kmod/uapi/lazybench.h with their structs sized and zeroed.
 * Every failure comes with a reason that says exactly what is missing.
 */
#ifndef LB_KMOD_CLIENT_H
#define LB_KMOD_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "lazybench.h"

/*
 * The process-wide descriptor of /dev/lazybench, opened (and the module loaded from
 * $LAZYBENCH_KMOD or <source tree>/kmod/lazybench.ko) on first use. Returns the fd, or -1 with
 * an errno value in *err and the reason: no CONFIG_MODULES, no module built for this kernel,
 * not root, or the kernel refusing it.
 */
int lb_kmod_fd(int *err, char *reason, size_t len);
/* Close the descriptor (tests; the process exit does it otherwise). */
void lb_kmod_close(void);

/* The module file lb_kmod_fd() would load; NULL when none is found (reason filled). */
const char *lb_kmod_module_path(char *buf, size_t size, char *reason, size_t len);

/* INFO into *info. 0, or an errno value with reason. */
int lb_kmod_info(int fd, struct lazybench_info *info, char *reason, size_t len);
/* RUN: *run prepared by the caller (size is set here). 0 or an errno value; run->reason says
 * why on EOPNOTSUPP (refused) and EPROTO (state check failed). */
int lb_kmod_run(int fd, struct lazybench_run *run);
/* TASK_LAZY op (enum lazybench_task_op); *out receives the task state. 0 or an errno value. */
int lb_kmod_task_lazy(int fd, uint32_t op, struct lazybench_task_lazy *out);

/* Names as used on the command line and in results; NULL / -1 when unknown. */
const char *lb_kmod_workload_name(uint32_t id);
int lb_kmod_workload_parse(const char *name);
const char *lb_kmod_variant_name(uint32_t id);
int lb_kmod_variant_parse(const char *name);
const char *lb_kmod_generation_name(uint32_t gen);
const char *lb_kmod_mmu_name(uint32_t mmu);
const char *lb_kmod_check_name(uint32_t result);

#endif
