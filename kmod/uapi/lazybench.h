/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * lazybench: the one interface between lazybench.ko and userspace.
 *
 * The module exposes /dev/lazybench (mode 0600); every ioctl also requires
 * CAP_SYS_ADMIN. Each ioctl takes a struct whose first member is its size in
 * bytes, as the caller knows it. Structs only grow, at the end, into their
 * reserved bytes:
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
#define LAZYBENCH_ABI_VERSION 1
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

enum lazybench_workload {
	LAZYBENCH_WL_VMALLOC = 0,   /* vmalloc + vfree; metrics map, unmap */
	LAZYBENCH_WL_VMAP = 1,	    /* vmap + vunmap; metrics map, unmap */
	LAZYBENCH_WL_VM_MAP_RAM = 2, /* vm_map_ram + vm_unmap_ram; map, unmap */
	LAZYBENCH_WL_POPULATE = 3,  /* apply_to_page_range on a user VMA; populate */
	LAZYBENCH_WL_DEPOPULATE = 4, /* KASAN-style depopulate of that VMA */
	LAZYBENCH_WL_ZAP = 5,	    /* zap the PTEs of that VMA; metric zap */
	LAZYBENCH_WL_KASAN = 6,	    /* vmalloc on a CONFIG_KASAN_VMALLOC kernel */
	LAZYBENCH_WL_COUNT = 7,
};

/* Only populate has variants; every other workload takes VARIANT_NONE. */
enum lazybench_variant {
	LAZYBENCH_VARIANT_NONE = 0,
	LAZYBENCH_VARIANT_PREALLOC = 1,
	LAZYBENCH_VARIANT_KASAN = 2,
	LAZYBENCH_VARIANT_COUNT = 3,
};

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
	/* Bit m of avail[w][v] set: RUN of workload w, variant v, mode m can run. */
	__u8 avail[LAZYBENCH_WL_COUNT][LAZYBENCH_VARIANT_COUNT];
	__u8 pad1[7];
	__u8 reserved[64];
};

#define LAZYBENCH_INFO_SIZE_VER1 232

/* lazybench_run.flags */
#define LAZYBENCH_RUN_DRY _BITUL(0) /* validate and report refusal only */
#define LAZYBENCH_RUN_FLAGS_ALL LAZYBENCH_RUN_DRY

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

struct lazybench_run {
	__u32 size;	   /* sizeof as the caller knows it */
	__u32 workload;	   /* enum lazybench_workload */
	__u32 variant;	   /* enum lazybench_variant */
	__u32 mode;	   /* enum lazybench_mode */
	__u64 pages;	   /* PTEs per repetition, 1..info.max_pages */
	__u64 batch;	   /* PTEs per section, 1..pages; 0 means pages */
	__u32 reps;	   /* timed repetitions, >= 1 */
	__u32 warmup;	   /* untimed repetitions run first */
	__u32 flags;	   /* LAZYBENCH_RUN_* */
	__u32 delay_ns;	   /* busy-wait inside each section, 0..max_delay_ns */
	/* populate/depopulate/zap: the caller's mmap() of /dev/lazybench */
	__u64 addr;	   /* its start; it must be exactly pages long */
	__u64 samples;	   /* user pointer: __u64[reps][nr_metrics], ns */
	__u32 samples_len; /* entries (not bytes) in samples */
	__u32 nr_metrics;  /* out: timings per repetition (1 or 2) */
	struct lazybench_state_check check; /* out */
	char reason[LAZYBENCH_REASON_LEN];   /* out: why refused or failed */
	__u8 reserved[64];
};

#define LAZYBENCH_RUN_SIZE_VER1 312

/* lazybench_task_lazy.op */
enum lazybench_task_op {
	LAZYBENCH_TASK_LAZY_OFF = 0, /* pause the mode for the calling task */
	LAZYBENCH_TASK_LAZY_ON = 1,  /* undo this task's OFF */
	LAZYBENCH_TASK_LAZY_QUERY = 2, /* report only */
};

/*
 * TASK_LAZY pauses lazy MMU for the calling thread (not the process) until
 * that same thread asks for ON. OFF twice is -EALREADY; ON for a thread the
 * module did not pause is -ENOENT (resuming a pause_count of 0 would wrap).
 * A child forked while paused inherits pause_count (fork copies task_struct)
 * and runs with the mode off for its whole life, but the module did not pause
 * it, so ON in the child is -ENOENT. Closing the device does not resume; a
 * thread that exits paused simply takes its state with it.
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
