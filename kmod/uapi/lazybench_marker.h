/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * lazybench region markers: architectural no-ops placed around a timed
 * section. Natively they do nothing (one NOP each); under QEMU TCG the
 * lazybench plugin (vm/plugin/) recognises them and counts the instructions,
 * barriers, TLB maintenance and hypercalls executed between them.
 *
 * The plugin adds up the regions closed since the last "sum" marker and
 * writes the totals, with the number of regions, when it meets the next
 * one: the module emits a sum after each metric's sections, the harness
 * around each of its repetitions. One line per metric and repetition
 * instead of one per section keeps the guest's reading cheap (a batch-1
 * case of 512 pages has 512 sections per metric).
 *
 *  - arm64: HINT #0x7e (open), HINT #0x7f (close), HINT #0x7d (sum):
 *    unallocated hint space, which the architecture requires to execute as
 *    NOP.
 *  - ppc64: xori 30,30,0 (open), xori 31,31,0 (close), xori 29,29,0 (sum):
 *    an exclusive or with zero into the same register. Not a priority or
 *    yield hint (those are "or Rx,Rx,Rx"), not the group-ending "ori 1,1,0"
 *    / "ori 2,2,0" nops, not xnop ("xori 0,0,0").
 *  - x86: nopl disp32(%rax), encoded 0f 1f 80 <disp32>, with the
 *    displacements below: the 7-byte multi-byte NOP.
 *
 * Usable from the module and from userspace; on any other architecture the
 * markers compile to nothing. The "memory" clobber keeps the compiler from
 * moving memory accesses across them.
 */
#ifndef _UAPI_LAZYBENCH_MARKER_H
#define _UAPI_LAZYBENCH_MARKER_H

/* The encodings, for the decoder and its tests. */
#define LAZYBENCH_MARKER_ARM64_OPEN 0xd5032fdfU
#define LAZYBENCH_MARKER_ARM64_CLOSE 0xd5032fffU
#define LAZYBENCH_MARKER_ARM64_SUM 0xd5032fbfU
#define LAZYBENCH_MARKER_PPC64_OPEN 0x6bde0000U
#define LAZYBENCH_MARKER_PPC64_CLOSE 0x6bff0000U
#define LAZYBENCH_MARKER_PPC64_SUM 0x6bbd0000U
#define LAZYBENCH_MARKER_X86_OPEN_DISP 0x4c420001U
#define LAZYBENCH_MARKER_X86_CLOSE_DISP 0x4c420002U
#define LAZYBENCH_MARKER_X86_SUM_DISP 0x4c420003U

#if defined(__aarch64__)
#define LAZYBENCH_MARKER_OPEN_ASM "hint #0x7e"
#define LAZYBENCH_MARKER_CLOSE_ASM "hint #0x7f"
#define LAZYBENCH_MARKER_SUM_ASM "hint #0x7d"
#elif defined(__powerpc64__)
#define LAZYBENCH_MARKER_OPEN_ASM "xori 30,30,0"
#define LAZYBENCH_MARKER_CLOSE_ASM "xori 31,31,0"
#define LAZYBENCH_MARKER_SUM_ASM "xori 29,29,0"
#elif defined(__x86_64__) || defined(__i386__)
#define LAZYBENCH_MARKER_OPEN_ASM ".byte 0x0f,0x1f,0x80,0x01,0x00,0x42,0x4c"
#define LAZYBENCH_MARKER_CLOSE_ASM ".byte 0x0f,0x1f,0x80,0x02,0x00,0x42,0x4c"
#define LAZYBENCH_MARKER_SUM_ASM ".byte 0x0f,0x1f,0x80,0x03,0x00,0x42,0x4c"
#endif

#ifdef LAZYBENCH_MARKER_OPEN_ASM
#define LAZYBENCH_MARKERS 1
static inline void lazybench_marker_open(void)
{
	__asm__ __volatile__(LAZYBENCH_MARKER_OPEN_ASM : : : "memory");
}

static inline void lazybench_marker_close(void)
{
	__asm__ __volatile__(LAZYBENCH_MARKER_CLOSE_ASM : : : "memory");
}

static inline void lazybench_marker_sum(void)
{
	__asm__ __volatile__(LAZYBENCH_MARKER_SUM_ASM : : : "memory");
}
#else
#define LAZYBENCH_MARKERS 0
static inline void lazybench_marker_open(void)
{
}

static inline void lazybench_marker_close(void)
{
}

static inline void lazybench_marker_sum(void)
{
}
#endif

#endif /* _UAPI_LAZYBENCH_MARKER_H */
