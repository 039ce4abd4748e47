/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace side of lazybench.ko: open /dev/lazybench (loading the module when it is not
 * loaded), and the three ioctls of kmod/uapi/lazybench.h with their structs sized and zeroed.
 * Every failure comes with a reason that says exactly what is missing.
 */
#ifndef LB_KMOD_CLIENT_H
#define LB_KMOD_CLIENT_H

#include <stdbool.h>
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

/* Workload x variant entries INFO can return (LAZYBENCH_WL_COUNT x variants, with room). */
#define LB_KMOD_WL_INFO_MAX 64

/* INFO into *info, with its wl_info entries kept for lb_kmod_wl_info(). 0, or an errno value
 * with reason (EPROTO for a module of ABI version 1). */
int lb_kmod_info(int fd, struct lazybench_info *info, char *reason, size_t len);
/* The entry of the last lb_kmod_info() for @workload/@variant; NULL when the module has none. */
const struct lazybench_wl_info *lb_kmod_wl_info(const struct lazybench_info *info,
						uint32_t workload, uint32_t variant);
/* "possible", "control: no effect expected" or "unknown" (enum lazybench_effect). */
const char *lb_kmod_effect_name(uint32_t effect);
/* RUN: *run prepared by the caller (size is set here). 0 or an errno value; run->reason says
 * why on EOPNOTSUPP (refused) and EPROTO (state check failed). */
int lb_kmod_run(int fd, struct lazybench_run *run);
/* TASK_LAZY op (enum lazybench_task_op); *out receives the task state. 0 or an errno value. */
int lb_kmod_task_lazy(int fd, uint32_t op, struct lazybench_task_lazy *out);

/* One kernel workload as kmod/uapi/lazybench_workloads.def describes it. */
struct lb_kmod_wl {
	const char *name, *description;
	bool needs_vma;	     /* runs on an mmap() of /dev/lazybench */
	unsigned variants;   /* bit v: enum lazybench_variant v accepted */
	unsigned nr_metrics; /* with the purge (RUN version 2) */
	const char *metrics[LAZYBENCH_MAX_METRICS];
};

/* NULL for an unknown id. */
const struct lb_kmod_wl *lb_kmod_wl(uint32_t id);
bool lb_kmod_variant_valid(uint32_t workload, uint32_t variant);

/* Names as used on the command line and in results; NULL / -1 when unknown. */
const char *lb_kmod_workload_name(uint32_t id);
int lb_kmod_workload_parse(const char *name);
/* Every workload name, space-separated, into @buf (the .def's order). */
const char *lb_kmod_workload_names(char *buf, size_t size);
const char *lb_kmod_variant_name(uint32_t id);
int lb_kmod_variant_parse(const char *name);
const char *lb_kmod_generation_name(uint32_t gen);
const char *lb_kmod_mmu_name(uint32_t mmu);
const char *lb_kmod_check_name(uint32_t result);

#endif
