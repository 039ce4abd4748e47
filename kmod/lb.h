/* SPDX-License-Identifier: GPL-2.0 */
/* lazybench.ko internals shared by the core, the mode wrappers and workloads. */
#ifndef LB_H
#define LB_H

#include <linux/fs.h>
#include <linux/mm_types.h>
#include <linux/types.h>

#include "uapi/lazybench.h"

#define LB_MODULE_VERSION "0.2.0"
#define LB_MAX_REPS 100000u
#define LB_MAX_DELAY_NS 1000000u
/* Never more than 4 GiB of 4 KiB pages per run, however much memory is free. */
#define LB_PAGES_CAP BIT(20)
/* PTEs written per RUN, pages x (reps + warmup): seconds, not hours. */
#define LB_MAX_WORK BIT_ULL(24)
/* Injected delay per RUN, all sections of all passes of all repetitions. */
#define LB_MAX_DELAY_TOTAL_NS (20ULL * NSEC_PER_SEC)

struct lb_run_ctx;

/*
 * How one kernel workload runs: one file wl_<name>.c defines
 * lb_wl_<ID>; its facts (id, name, metrics, needs a VMA, variants) are the
 * line of uapi/lazybench_workloads.def that wl_table.c joins it with.
 */
struct lb_kwl_ops {
	/* May allocate or sleep inside the mode wrapper: BIT(variant). */
	u32 sleeps;
	/* The last metric is the purge: version 1 callers do not get it. */
	bool has_purge;
	/* 0 when this kernel can run it, else errno with reason filled. */
	int (*available)(u32 variant, char *reason, size_t len);
	int (*setup)(struct lb_run_ctx *ctx);
	/* One repetition; ns[0..nr_metrics-1] get the timed sums. */
	int (*rep)(struct lb_run_ctx *ctx, u64 *ns);
	void (*teardown)(struct lb_run_ctx *ctx);
};

/* One kernel workload: a .def line and its implementation. */
struct lb_kwl {
	const char *name;
	u32 id;			/* enum lazybench_workload */
	u32 variants;		/* BIT(variant) for every variant accepted */
	u32 nr_metrics;		/* timings per repetition */
	bool needs_vma;		/* runs on the caller's mmap() of the device */
	const char *metrics[LAZYBENCH_MAX_METRICS];
	const struct lb_kwl_ops *ops;
};

/* State self-check counters, filled by the module's own PTE callbacks. */
struct lb_check_counts {
	u64 writes;
	u64 active_at_write;
	u64 resumes;
	u64 active_after_resume;
};

struct lb_run_ctx {
	const struct lb_kwl *wl;
	u32 variant;
	u32 mode;
	u32 delay_ns;
	u32 nr_metrics;		/* wl->nr_metrics, less the purge for v1 */
	unsigned long pages;
	unsigned long batch;
	/*
	 * Only for needs_vma workloads. mmap_lock is held for read during
	 * setup, each repetition and teardown, not between them: each time
	 * it is taken the mapping is looked up again.
	 */
	struct mm_struct *mm;
	struct vm_area_struct *vma;	/* NULL once it went away */
	void *vma_priv;		/* its state, referenced: recognises it */
	unsigned long addr;
	/* PTEs of the VMA were cleared since its TLB was last flushed. */
	bool unflushed_clears;
	/* Counted only while true: the untimed passes do not count. */
	bool recording;
	struct lb_check_counts check;
	struct lazybench_mode_check mode_check;
	/* The repetition running: its accounting (lazybench_rep). */
	struct lazybench_rep rep;
	/* Count the kernel's lazy sections of this pass (the first one). */
	bool count_lazy;
	void *priv;		/* the workload's own state */
	char *reason;		/* LAZYBENCH_REASON_LEN bytes */
};

/* wl_table.c; the implementations lb_wl_<ID>, one wl_<name>.c each. */
#define LAZYBENCH_WL(ID, ...) lb_wl_##ID,
extern const struct lb_kwl_ops
#include "uapi/lazybench_workloads.def"
	lb_wl_end;	/* never defined: ends the list */
#undef LAZYBENCH_WL
const struct lb_kwl *lb_workload_get(u32 id);

/* lb_mode_*.c: one generation is compiled in, chosen by lb_compat.h. */
u32 lb_mode_generation(void);	/* enum lazybench_generation */
unsigned long lb_mode_enter(u32 mode);
void lb_mode_exit(u32 mode, unsigned long token);
/* 0 if @mode can wrap @wl/@variant here, else -EOPNOTSUPP and a reason. */
int lb_mode_available(const struct lb_kwl *wl, u32 variant, u32 mode,
		      char *reason, size_t len);
/* KASAN-style pause/resume inside a PTE callback. */
void lb_lazy_pause(void);
void lb_lazy_resume(void);
/* Can lb_lazy_active() tell the truth on this kernel? */
bool lb_lazy_state_known(void);
bool lb_lazy_active(void);
bool lb_task_state(u8 *enable_count, u8 *pause_count);
/* Does entering the mode disable preemption here (powerpc hash, sparc)? */
bool lb_mode_disables_preemption(void);

/* lb_run.c */
long lb_ioctl_run(void __user *uarg);
/* Time @fn over each batch of the run, wrapped per mode, summed into *ns. */
typedef int (*lb_section_fn)(struct lb_run_ctx *ctx, unsigned long first,
			     unsigned long nr);
int lb_timed_sections(struct lb_run_ctx *ctx, lb_section_fn fn, u64 *ns);
/* One section around vm_unmap_aliases(): the purge metric. */
int lb_timed_purge(struct lb_run_ctx *ctx, u64 *ns);
/* The kernel's lazy sections over [addr, addr + nr pages) (count_lazy). */
void lb_count_lazy(struct lb_run_ctx *ctx, unsigned long addr,
		   unsigned long nr);
int lb_case_available(const struct lb_kwl *wl, u32 variant, u32 mode,
		      char *reason, size_t len);

/* lb_check.c */
void lb_check_write(struct lb_run_ctx *ctx);
void lb_check_resumed(struct lb_run_ctx *ctx);
/* Around every section: the task in the mode's state, neutral after. */
void lb_check_mode_entered(struct lb_run_ctx *ctx);
void lb_check_mode_leaving(struct lb_run_ctx *ctx);
void lb_check_mode_left(struct lb_run_ctx *ctx);
/* Fill @out; returns -EPROTO (reason filled) when the counts disagree. */
int lb_check_eval(const struct lb_run_ctx *ctx, u64 ops,
		  struct lazybench_state_check *out);
int lb_check_mode_eval(struct lb_run_ctx *ctx);

/* lb_ioctl.c */
long lb_ioctl(struct file *file, unsigned int cmd, unsigned long arg);
int lb_copy_struct_in(void *dst, size_t ksize, size_t min_size,
		      const void __user *src);
int lb_copy_struct_out(void __user *dst, const void *src, size_t ksize,
		       u32 usize);
bool lb_zero(const void *p, size_t len);

/* lb_info.c */
long lb_ioctl_info(void __user *uarg);
/* Can the mode change @metric of @wl here? enum lazybench_effect. */
u32 lb_effect(const struct lb_kwl *wl, u32 metric, char *why, size_t len);

/* lb_task.c */
long lb_ioctl_task_lazy(void __user *uarg);
bool lb_task_paused_by_module(struct task_struct *task);
bool lb_task_state_neutral(void);
void lb_task_init(void);
void lb_task_exit(void);

/* lb_limits.c */
unsigned long lb_max_pages(void);
int lb_pages_reserve(unsigned long pages);
void lb_pages_release(unsigned long pages);
void lb_delay(u32 ns);

/* lb_vma.c */
extern const struct vm_operations_struct lb_vm_ops;
int lb_mmap(struct file *file, struct vm_area_struct *vma);
unsigned long lb_get_unmapped_area(struct file *file, unsigned long addr,
				   unsigned long len, unsigned long pgoff,
				   unsigned long flags);
int lb_vma_claim(struct lb_run_ctx *ctx, u64 addr);
void lb_vma_unclaim(struct lb_run_ctx *ctx);
int lb_vma_create_tables(struct lb_run_ctx *ctx);
int lb_vma_fill(struct lb_run_ctx *ctx, struct page **pages,
		unsigned long first, unsigned long nr);
int lb_vma_touch(struct lb_run_ctx *ctx);
int lb_vma_flush(struct lb_run_ctx *ctx, struct page *dummy);
int lb_pte_install(struct lb_run_ctx *ctx, pte_t *ptep, unsigned long addr,
		   struct page *page);
void lb_pte_remove(struct lb_run_ctx *ctx, pte_t *ptep, unsigned long addr);

/* lb_map.c */
int lb_touch_kernel_range(void *addr, unsigned long nr);
struct page **lb_alloc_page_array(unsigned long nr);
void lb_free_page_array(struct page **pages, unsigned long nr);

static inline unsigned long lb_nr_sections(const struct lb_run_ctx *ctx)
{
	return DIV_ROUND_UP(ctx->pages, ctx->batch);
}

#endif /* LB_H */
