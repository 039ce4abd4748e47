/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * lazybench: the one interface between lazybench.ko and userspace.
 *
 * The module exposes /dev/lazybench (mode 0600); every ioctl also requires
 * CAP_SYS_ADMIN. Each ioctl takes a struct whose first member is its size in
 * bytes, as the caller knows it. Structs only grow, at the end (as
 * openat2's), and each size they had is a LAZYBENCH_*_SIZE_VER<n>; the
 * reserved bytes inside them stay zero:
 *  - a caller with a shorter struct than the module's is served the prefix it
 *    knows (but a size below the first published version is -EINVAL);
 *  - a caller with a longer struct must leave the bytes the module does not
 *    know zero, else -E2BIG;
 *  - reserved bytes must be zero on input, else -EINVAL.
 * The ioctl number encodes the first published size; the module dispatches on
 * the type and number only, so a grown struct keeps the same command.
 *
 * Errors are plain errno values. When the module refuses a request it cannot
 * express on this kernel (-EOPNOTSUPP) or a run fails its state self-check
 * (-EPROTO), it still copies the struct back with reason[] filled.
 */
#ifndef _UAPI_LAZYBENCH_H
#define _UAPI_LAZYBENCH_H

#include <linux/const.h>
#include <linux/ioctl.h>
#include <linux/types.h>

#define LAZYBENCH_DEVICE "/dev/lazybench"
#define LAZYBENCH_ABI_VERSION 2
#define LAZYBENCH_REASON_LEN 128

/* Which lazy MMU API the module was compiled against. */
enum lazybench_generation {
	/* arch_{enter,leave,flush}_lazy_mmu_mode(), no nesting (<= 6.19). */
	LAZYBENCH_GEN_STATELESS = 1,
	/* lazy_mmu_state_t arch_enter_lazy_mmu_mode() (nesting series v1/v2). */
	LAZYBENCH_GEN_STATEFUL_V2 = 2,
	/* lazy_mmu_mode_{enable,disable,pause,resume}() (7.0 and later). */
	LAZYBENCH_GEN_NESTING = 3,
};

/* Only populate has variants; every other workload takes VARIANT_NONE. */
enum lazybench_variant {
	LAZYBENCH_VARIANT_NONE = 0,
	LAZYBENCH_VARIANT_PREALLOC = 1,
	LAZYBENCH_VARIANT_KASAN = 2,
	LAZYBENCH_VARIANT_COUNT = 3,
};

#define LAZYBENCH_VBIT(v) (1u << LAZYBENCH_VARIANT_##v)

/* The workloads, numbered from 0: lazybench_workloads.def, the one table. */
enum lazybench_workload {
#define LAZYBENCH_WL(ID, ...) LAZYBENCH_WL_##ID,
#include "lazybench_workloads.def"
#undef LAZYBENCH_WL
	LAZYBENCH_WL_COUNT
};

/* Timings per repetition of any workload (nr_metrics of the .def). */
#define LAZYBENCH_MAX_METRICS 3

enum lazybench_mode {
	LAZYBENCH_MODE_ON = 0,	   /* the operation as the kernel does it */
	LAZYBENCH_MODE_OFF = 1,	   /* wrapped in pause/resume */
	LAZYBENCH_MODE_NESTED = 2, /* wrapped in an outer enable/disable */
	LAZYBENCH_MODE_PAUSED = 3, /* outer enable, then pause/resume around it */
	LAZYBENCH_MODE_COUNT = 4,
};

/* lazybench_info.flags */
#define LAZYBENCH_INFO_ARCH_LAZY _BITUL(0)    /* arch implements the mode */
#define LAZYBENCH_INFO_KASAN_VMALLOC _BITUL(1) /* CONFIG_KASAN_VMALLOC */
#define LAZYBENCH_INFO_DEBUG_VM _BITUL(2)      /* CONFIG_DEBUG_VM */
#define LAZYBENCH_INFO_TASK_STATE _BITUL(3)    /* task_* fields are valid */
#define LAZYBENCH_INFO_STATE_CHECK _BITUL(4)   /* is_lazy_mmu_mode_active() exists */
#define LAZYBENCH_INFO_PREEMPT_OFF _BITUL(5)   /* arch disables preemption in the mode */

/* lazybench_info.mmu */
enum lazybench_mmu {
	LAZYBENCH_MMU_DEFAULT = 0, /* the only MMU of this arch */
	LAZYBENCH_MMU_HASH = 1,	   /* powerpc book3s64 hash page table */
	LAZYBENCH_MMU_RADIX = 2,   /* powerpc book3s64 radix */
};

/* lazybench_wl_info.effect[]: can the mode change this metric here? */
enum lazybench_effect {
	/* No rule for this arch: treat as possible. */
	LAZYBENCH_EFFECT_UNKNOWN = 0,
	/* The arch defers work this metric does while the mode is active. */
	LAZYBENCH_EFFECT_POSSIBLE = 1,
	/* Control: the arch defers nothing this metric does (an A/A pair). */
	LAZYBENCH_EFFECT_NONE = 2,
};

/*
 * One workload x variant as this module and kernel see it (INFO version 2,
 * through lazybench_info.wl_info). Entries come in workload, then variant
 * order, only for the variants the workload takes.
 */
struct lazybench_wl_info {
	__u32 workload;		/* enum lazybench_workload */
	__u32 variant;		/* enum lazybench_variant */
	__u32 modes;		/* bit m: a RUN in mode m can run here */
	__u32 nr_metrics;
	__u8 effect[4];		/* enum lazybench_effect per metric */
	__u32 pad;
	char name[16];		/* the workload's name, as in the .def */
	char metric[4][16];	/* metric names */
	/* The arch rule effect[] follows, stated once (or why unknown). */
	char effect_reason[LAZYBENCH_REASON_LEN];
	/* Why a mode is missing from modes (the first refusal), else "". */
	char refusal[LAZYBENCH_REASON_LEN];
};

struct lazybench_info {
	__u32 size;		/* in: sizeof as the caller knows it; out: module's */
	__u32 abi_version;	/* LAZYBENCH_ABI_VERSION of the module */
	char module_version[16];
	char machine[16];	/* UTS_MACHINE the module was built for */
	char release[65];	/* utsname()->release of the running kernel */
	__u8 task_enable_count; /* calling task's lazy_mmu_state */
	__u8 task_pause_count;
	__u8 task_paused_by_module; /* 1 when TASK_LAZY off is in force for it */
	__u32 generation;	/* enum lazybench_generation */
	__u32 flags;		/* LAZYBENCH_INFO_* */
	__u32 page_size;
	__u32 mmu;		/* enum lazybench_mmu */
	__u32 max_reps;		/* reps + warmup per RUN */
	__u64 max_pages;	/* pages per RUN allowed now (from available memory) */
	__u32 max_delay_ns;	/* injected delay per section */
	/*
	 * Version 1 only, frozen: bit m of avail_v1[w][v] set: workload w,
	 * variant v, mode m can run, for the first LAZYBENCH_INFO_V1_WL
	 * workloads. Version 2 callers read wl_info instead, which has no
	 * fixed count: adding a workload changes no struct size.
	 */
	__u8 avail_v1[7][3];
	__u8 pad1[7];
	__u8 reserved[64];
	/* Version 2 (LAZYBENCH_INFO_SIZE_VER2) */
	__u64 wl_info;		/* in: user pointer to lazybench_wl_info[], or 0 */
	__u32 wl_info_len;	/* in: entries there */
	__u32 nr_wl_info;	/* out: entries the module has (it writes the min) */
	__u64 max_work;		/* pages x (reps + warmup) per RUN */
	__u64 max_delay_total_ns; /* delay_ns x sections x passes x (reps + warmup) */
};

#define LAZYBENCH_INFO_V1_WL 7
#define LAZYBENCH_INFO_SIZE_VER1 232
#define LAZYBENCH_INFO_SIZE_VER2 264

/* lazybench_run.flags */
#define LAZYBENCH_RUN_DRY _BITUL(0) /* validate and report refusal only */
/*
 * Setup and teardown only, no repetition: the counters of this RUN are the
 * baseline a caller subtracts from a full RUN's (see lazybench_rep).
 */
#define LAZYBENCH_RUN_BASELINE _BITUL(1)
#define LAZYBENCH_RUN_FLAGS_ALL (LAZYBENCH_RUN_DRY | LAZYBENCH_RUN_BASELINE)

/* lazybench_state_check.result */
enum lazybench_check_result {
	LAZYBENCH_CHECK_NOT_APPLICABLE = 0, /* the module writes no PTE itself */
	LAZYBENCH_CHECK_PASSED = 1,
	LAZYBENCH_CHECK_FAILED = 2,
	LAZYBENCH_CHECK_UNAVAILABLE = 3, /* no is_lazy_mmu_mode_active() here */
};

/*
 * Where the module's own callback writes a PTE it records whether the mode
 * was active at that write and, for the variants that pause around the write
 * (populate/kasan, depopulate), once again after resuming. Counted over
 * warmup and timed repetitions.
 */
struct lazybench_state_check {
	__u64 writes;		   /* PTE writes by the module's callback */
	__u64 active_at_write;	   /* is_lazy_mmu_mode_active() at the write */
	__u64 resumes;		   /* resume() calls after a write */
	__u64 active_after_resume; /* is_lazy_mmu_mode_active() after resume() */
	__u32 expect_at_write;	   /* 1: every write active; 0: none active */
	__u32 expect_after_resume; /* same, after resume(); 2 when no resume */
	__u32 result;		   /* enum lazybench_check_result */
	__u32 pad;
};

/*
 * Every workload, every mode (RUN version 2): around every section the
 * module opens (timed, empty and purge ones, warmup included) it reads the
 * calling task's lazy_mmu_state: right after entering the mode and right
 * before leaving it, the state must be the mode's (on: 0/0; off: paused
 * 0/1; nested: 1/0 and active; paused: 1/1 and inactive), and after leaving
 * it the task must be neutral (0/0). Any miss fails the RUN (-EPROTO).
 */
struct lazybench_mode_check {
	__u64 sections;		/* sections checked */
	__u64 claimed_at_entry;	/* in the mode's state after entering */
	__u64 claimed_at_exit;	/* still in it before leaving */
	__u64 neutral_after;	/* 0/0 after leaving */
	__u32 result;		/* enum lazybench_check_result */
	__u32 pad;
};

/* lazybench_rep.flags */
#define LAZYBENCH_REP_CSW _BITUL(0)	 /* a context switch in the timed work */
#define LAZYBENCH_REP_IRQ _BITUL(1)	 /* an interrupt on its CPU meanwhile */
#define LAZYBENCH_REP_MIGRATED _BITUL(2) /* moved CPU in a section: irqs partial */

/*
 * One timed repetition (RUN version 2, through lazybench_run.rep_info).
 * "Timed work" is the timed sections of the repetition (its passes and the
 * purge), not the untimed fill/touch/flush between them.
 *
 * empty_ns: as many empty sections (clock pair, mode wrapper and state
 * check, no call, no delay) as one timed pass has, in the same mode, timed
 * right before the repetition. Subtracting it from a pass metric leaves the
 * calls and the injected delay; the purge is one section: subtract
 * empty_ns / sections.
 *
 * lazy_sections, lazy_ptes: the lazy MMU sections the kernel opened for the
 * first pass and the PTEs written in them, computed from the addresses the
 * pass wrote: the kernel's PTE loops (vmap/vunmap_pte_range,
 * apply_to_pte_range, zap_pte_range) open one section per page-table page,
 * i.e. per PMD-aligned range, whatever batch is. 0 in modes off and paused
 * (the kernel's enable is a no-op there). An upper bound for zap, which may
 * split a range further; powerpc hash also flushes every 192 invalidations
 * inside a section; the KASAN shadow's sections are not counted.
 *
 * csw: voluntary + involuntary context switches of the task during the
 * timed work; irqs: hard + soft interrupts kstat counted on its CPU meanwhile
 * (x86's local timer and IPIs are counted by the arch, not kstat: not seen).
 */
struct lazybench_rep {
	__u64 empty_ns;
	__u64 sections;		/* sections of one timed pass (pages / batch) */
	__u64 lazy_sections;
	__u64 lazy_ptes;
	__u32 max_ptes_per_section;
	__u32 csw;
	__u32 irqs;
	__u32 flags;		/* LAZYBENCH_REP_* */
};

struct lazybench_run {
	__u32 size;	   /* sizeof as the caller knows it */
	__u32 workload;	   /* enum lazybench_workload */
	__u32 variant;	   /* enum lazybench_variant */
	__u32 mode;	   /* enum lazybench_mode */
	__u64 pages;	   /* PTEs per repetition, 1..info.max_pages */
	/*
	 * Pages per call of the kernel API (one section of the mode wrapper
	 * each), 1..pages; 0 means pages. Not PTEs per lazy section: the
	 * kernel opens its own per PMD (lazybench_rep.lazy_sections).
	 */
	__u64 batch;
	__u32 reps;	   /* timed repetitions, >= 1 */
	__u32 warmup;	   /* untimed repetitions run first */
	__u32 flags;	   /* LAZYBENCH_RUN_* */
	__u32 delay_ns;	   /* busy-wait inside each section, 0..max_delay_ns */
	/* populate/depopulate/zap: the caller's mmap() of /dev/lazybench */
	__u64 addr;	   /* its start; it must be exactly pages long */
	__u64 samples;	   /* user pointer: __u64[reps][nr_metrics], ns */
	__u32 samples_len; /* entries (not bytes) in samples */
	__u32 nr_metrics;  /* out: timings per repetition */
	struct lazybench_state_check check; /* out */
	char reason[LAZYBENCH_REASON_LEN];   /* out: why refused or failed */
	__u8 reserved[64];
	/* Version 2 (LAZYBENCH_RUN_SIZE_VER2) */
	__u64 rep_info;	   /* user pointer: lazybench_rep[reps], or 0 */
	__u32 rep_info_len; /* entries there (0, or at least reps) */
	/*
	 * out: timed repetitions whose samples (and rep_info) were written;
	 * reps unless a signal interrupted the RUN (-EINTR).
	 */
	__u32 reps_done;
	struct lazybench_mode_check mode_check; /* out */
};

/*
 * Version 1 callers get the version 1 metrics: no purge (nr_metrics 2 for
 * the kernel-mapping workloads).
 */
#define LAZYBENCH_RUN_SIZE_VER1 312
#define LAZYBENCH_RUN_SIZE_VER2 368

/* lazybench_task_lazy.op */
enum lazybench_task_op {
	LAZYBENCH_TASK_LAZY_OFF = 0, /* pause the mode for the calling task */
	LAZYBENCH_TASK_LAZY_ON = 1,  /* undo this task's OFF */
	LAZYBENCH_TASK_LAZY_QUERY = 2, /* report only */
};

/*
 * TASK_LAZY pauses lazy MMU for the calling thread (not the process) until
 * that same thread asks for ON, execs or exits. OFF twice is -EALREADY; ON for
 * a thread the module did not pause is -ENOENT (resuming a pause_count of 0
 * would wrap). Threads and children created by a paused thread start
 * unpaused. Closing the device does not resume; while a thread is paused the
 * module cannot be unloaded. See docs/kmod.md, "TASK_LAZY".
 * Only the nesting generation with an arch that implements the mode can
 * pause: elsewhere -EOPNOTSUPP with reason[] filled.
 */
struct lazybench_task_lazy {
	__u32 size;
	__u32 op;		/* enum lazybench_task_op */
	__u8 enable_count;	/* out: after the operation */
	__u8 pause_count;	/* out */
	__u8 paused_by_module;	/* out */
	__u8 pad[5];
	char reason[LAZYBENCH_REASON_LEN]; /* out */
	__u8 reserved[32];
};

#define LAZYBENCH_TASK_LAZY_SIZE_VER1 176

#define LAZYBENCH_IOC_MAGIC 0xB7
#define LAZYBENCH_IOC_INFO _IOWR(LAZYBENCH_IOC_MAGIC, 1, struct lazybench_info)
#define LAZYBENCH_IOC_RUN _IOWR(LAZYBENCH_IOC_MAGIC, 2, struct lazybench_run)
#define LAZYBENCH_IOC_TASK_LAZY _IOWR(LAZYBENCH_IOC_MAGIC, 3, struct lazybench_task_lazy)

#endif /* _UAPI_LAZYBENCH_H */
