/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The options of `lazybench vm`, defined once: the table both `lazybench vm` and `lazybench ab`
 * parse with the option layer (opt.h), the checks between options, and the canonical words
 * vm/lazybench-vm is handed (it maps them; it does not validate or document them).
 */
#ifndef LB_VM_OPTS_H
#define LB_VM_OPTS_H

#include <stdbool.h>
#include <stddef.h>

#include "opt.h"

/* The guest architectures, as --arch takes them. */
enum lb_vm_arch { LB_VM_X86_64, LB_VM_ARM64, LB_VM_PPC64LE };

/* A repeatable option's values; v has room for argc entries. */
struct lb_vm_list {
	const char **v;
	size_t n;
};

struct lb_vm_opts {
	int arch, mmu, accel;			   /* index among the choices; -1: not given */
	const char *kernel, *results_dir, *append; /* NULL: not given */
	unsigned cpus, memory, timeout;		   /* 0: not given */
	struct lb_vm_list configs, kmods;
	bool no_kmod, no_lazybench, no_tcg_plugin;
	char num[3][16]; /* the numbers as canonical words */
};

/* The most entries lb_vm_opts_table() writes (without the terminator). */
#define LB_VM_OPTS_MAX 16

/* Nothing given; room for argc repeated values. 0, or -1 when out of memory. */
int lb_vm_opts_init(struct lb_vm_opts *o, int argc);
void lb_vm_opts_free(struct lb_vm_opts *o);
/*
 * Write the table entries of vm's options into t (room for LB_VM_OPTS_MAX), except the ones
 * named in skip (NULL-terminated, may be NULL); return how many were written.
 */
size_t lb_vm_opts_table(struct lb_vm_opts *o, const char *const *skip, struct lb_opt *t);
/* What the table cannot check alone (--mmu without --arch ppc64le): 0, or -1 with why. */
int lb_vm_opts_check(const struct lb_vm_opts *o, char *why, size_t len);
/*
 * The options given, as the canonical words vm/lazybench-vm maps ("--cpus" "4"), into v (room
 * for lb_vm_opts_nwords(o)); returns how many. The strings live as long as o and argv do.
 */
size_t lb_vm_opts_words(struct lb_vm_opts *o, const char **v);
size_t lb_vm_opts_nwords(const struct lb_vm_opts *o);

#endif
