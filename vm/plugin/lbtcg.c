// SPDX-License-Identifier: GPL-2.0
/*
 * lbtcg: QEMU TCG plugin that counts exact architectural events between lazybench's region
 * markers (kmod/uapi/lazybench_marker.h).
 *
 *   qemu-system-... -plugin lbtcg.so,arch=arm64,out=FILE
 *
 * Every vCPU has its own counters, incremented only by its own thread: instructions per
 * executed translation block (one callback per TB carrying its instruction count), and one
 * callback per executed instruction of the rare classified kinds (barriers, TLB maintenance,
 * hypercalls), registered at translation time only for those instructions. An open marker
 * snapshots every vCPU's counters; a close marker adds the differences to the running totals;
 * a sum marker writes the totals to FILE as one line and starts new ones:
 *
 *   sum SEQ regions N migrated M own insn=N EV=N ... other insn=N EV=N ...
 *
 * N regions closed since the previous sum, M of them on another vCPU than the one that opened
 * them; "own" is, per region, the vCPU that opened it, "other" the other vCPUs while it was
 * open. Events not listed were counted and are 0 (the header line lists what is counted).
 * One line per sum, not per region: the guest reads this file while it runs, and a line per
 * section (512 per metric in a batch-1 case) made the reading cost more than the counting.
 * Anomalies (close without open, open while open, sum while open, unknown vCPU) are "error
 * ..." lines; a sum while open still writes the closed regions' totals. FILE is flushed after each
 * line: a guest reading it over 9p sees a sum as soon as it was written.
 *
 * Instructions are counted per translation block, corrected at the markers for the part of
 * their own block outside the region: exact, except that a block left early by an exception
 * counts its remaining instructions too (rare in the sections measured).
 *
 * Inline (helper-free) counting is not used for instructions: in plugin API version 1 an inline
 * add targets one fixed address for every vCPU, which races under multi-threaded TCG and cannot
 * tell the opening vCPU from the others.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lbtcg_decode.h"
#include "qemu_plugin_v1.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

#define LBTCG_MAX_VCPUS 256

struct vcpu_counts {
	uint64_t c[LBTCG_NEV];
} __attribute__((aligned(64)));

static enum lbtcg_arch arch;
static unsigned int nvcpus;
static struct vcpu_counts *counts; /* [nvcpus], each written by its vCPU only */
static struct vcpu_counts *snap;   /* [nvcpus], the counters at the open marker */
static struct vcpu_counts *now;	   /* [nvcpus], the counters at the close marker */
static FILE *out;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int region_open;
static unsigned int owner;
/* Since the last sum marker: regions closed, how many on another vCPU, their totals. */
static uint64_t acc_regions, acc_migrated, acc_own[LBTCG_NEV], acc_other[LBTCG_NEV];
static uint64_t nsums, nregions, nerrors, nclassified;

static inline void bump(unsigned int vcpu, int ev, uint64_t n)
{
	uint64_t *p;

	if (vcpu >= nvcpus)
		return;
	p = &counts[vcpu].c[ev];
	__atomic_store_n(p, __atomic_load_n(p, __ATOMIC_RELAXED) + n, __ATOMIC_RELAXED);
}

static void tb_exec(unsigned int vcpu, void *udata)
{
	bump(vcpu, LBTCG_EV_INSN, (uintptr_t)udata);
}

static void event_exec(unsigned int vcpu, void *udata)
{
	bump(vcpu, (int)(uintptr_t)udata, 1);
}

static void read_all(struct vcpu_counts *dst)
{
	for (unsigned int v = 0; v < nvcpus; v++)
		for (int e = 0; e < LBTCG_NEV; e++)
			dst[v].c[e] = __atomic_load_n(&counts[v].c[e], __ATOMIC_RELAXED);
}

static void print_counts(const char *scope, const uint64_t *c)
{
	fprintf(out, " %s insn=%" PRIu64, scope, c[LBTCG_EV_INSN]);
	for (int e = LBTCG_EV_INSN + 1; e < LBTCG_NEV; e++)
		if (c[e])
			fprintf(out, " %s=%" PRIu64, lbtcg_event_name(e), c[e]);
}

/* Marker udata: the kind (LBTCG_MARK_*) in the low byte, the instructions of its TB outside
 * the region above it. */
#define MARK_KIND(u) ((int)((u)&0xff))
#define MARK_OUTSIDE(u) ((u) >> 8)

static void region_opened(unsigned int vcpu, uint64_t outside)
{
	read_all(snap);
	/* The TB callback already counted the insns after the marker: inside. */
	snap[vcpu].c[LBTCG_EV_INSN] -= outside;
	region_open = 1;
	owner = vcpu;
}

static void region_closed(unsigned int vcpu, uint64_t outside)
{
	read_all(now);
	/* ... and here the insns from the marker on, which are outside. */
	now[vcpu].c[LBTCG_EV_INSN] -= outside;
	for (unsigned int v = 0; v < nvcpus; v++)
		for (int e = 0; e < LBTCG_NEV; e++) {
			uint64_t d = now[v].c[e] - snap[v].c[e];

			if (v == owner)
				acc_own[e] += d;
			else
				acc_other[e] += d;
		}
	acc_regions++;
	acc_migrated += vcpu != owner;
	nregions++;
	region_open = 0;
}

static void sum_written(void)
{
	fprintf(out, "sum %" PRIu64 " regions %" PRIu64 " migrated %" PRIu64, nsums, acc_regions,
		acc_migrated);
	print_counts("own", acc_own);
	print_counts("other", acc_other);
	fputc('\n', out);
	nsums++;
	acc_regions = acc_migrated = 0;
	memset(acc_own, 0, sizeof(acc_own));
	memset(acc_other, 0, sizeof(acc_other));
}

static void marker_exec(unsigned int vcpu, void *udata)
{
	uintptr_t u = (uintptr_t)udata;
	int kind = MARK_KIND(u);
	const char *err;

	pthread_mutex_lock(&lock);
	if (!out) /* after at_exit */
		goto unlock;
	if (vcpu >= nvcpus) {
		fprintf(out, "error vcpu %u above the %u counted\n", vcpu, nvcpus);
		nerrors++;
		fflush(out);
		goto unlock;
	}
	if (kind == LBTCG_MARK_OPEN)
		err = region_open ? "open while open" : NULL;
	else if (kind == LBTCG_MARK_CLOSE)
		err = region_open ? NULL : "close without open";
	else
		err = region_open ? "sum while open" : NULL;
	if (err) {
		fprintf(out, "error %s cpu %u owner %u\n", err, vcpu, owner);
		nerrors++;
	}
	/* A sum while open still writes the closed regions' totals (the open one goes to the
	 * next sum): a reader that skips up to its own sum must not inherit what came before. */
	if (kind == LBTCG_MARK_SUM)
		sum_written();
	else if (!err && kind == LBTCG_MARK_OPEN)
		region_opened(vcpu, MARK_OUTSIDE(u));
	else if (!err)
		region_closed(vcpu, MARK_OUTSIDE(u));
	/* Only what the guest reads: a close writes nothing. */
	if (err || kind == LBTCG_MARK_SUM)
		fflush(out);
unlock:
	pthread_mutex_unlock(&lock);
}

static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t n = qemu_plugin_tb_n_insns(tb);

	(void)id;
	qemu_plugin_register_vcpu_tb_exec_cb(tb, tb_exec, QEMU_PLUGIN_CB_NO_REGS, (void *)n);
	for (size_t i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		int k =
		    lbtcg_classify(arch, qemu_plugin_insn_data(insn), qemu_plugin_insn_size(insn));
		uintptr_t u;

		if (k == LBTCG_MARK_OPEN || k == LBTCG_MARK_CLOSE || k == LBTCG_MARK_SUM) {
			/* open: insns after it in this TB; close: itself and those after it */
			u = (uintptr_t)k | (uintptr_t)(k == LBTCG_MARK_OPEN ? n - i - 1 : n - i)
					       << 8;
			qemu_plugin_register_vcpu_insn_exec_cb(insn, marker_exec,
							       QEMU_PLUGIN_CB_NO_REGS, (void *)u);
		} else if (k < LBTCG_NEV) {
			__atomic_fetch_add(&nclassified, 1, __ATOMIC_RELAXED);
			qemu_plugin_register_vcpu_insn_exec_cb(
			    insn, event_exec, QEMU_PLUGIN_CB_NO_REGS, (void *)(uintptr_t)k);
		}
	}
}

static void at_exit(qemu_plugin_id_t id, void *udata)
{
	(void)id;
	(void)udata;
	pthread_mutex_lock(&lock);
	fprintf(out,
		"end sums %" PRIu64 " regions %" PRIu64 " unsummed %" PRIu64 " errors %" PRIu64
		" open %d classified_translated %" PRIu64 "\n",
		nsums, nregions, acc_regions, nerrors, region_open,
		__atomic_load_n(&nclassified, __ATOMIC_RELAXED));
	fclose(out);
	out = NULL;
	pthread_mutex_unlock(&lock);
}

static int usage(const char *why)
{
	char msg[256];

	snprintf(msg, sizeof(msg),
		 "lbtcg: %s (usage: -plugin lbtcg.so,arch=arm64|ppc64le|ppc64|x86_64,out=FILE)\n",
		 why);
	qemu_plugin_outs(msg);
	return -1;
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc,
					   char **argv)
{
	const char *path = NULL;

	for (int i = 0; i < argc; i++) {
		if (!strncmp(argv[i], "arch=", 5))
			arch = lbtcg_arch_parse(argv[i] + 5);
		else if (!strncmp(argv[i], "out=", 4))
			path = argv[i] + 4;
		else
			return usage("unknown argument");
	}
	if (arch == LBTCG_ARCH_NONE)
		return usage("arch= missing or unknown");
	if (!path)
		return usage("out= missing");
	if (!info->system_emulation)
		return usage("system emulation only");
	if (info->system.max_vcpus < 1 || info->system.max_vcpus > LBTCG_MAX_VCPUS)
		return usage("vCPU count out of range");
	nvcpus = (unsigned int)info->system.max_vcpus;
	counts = calloc(nvcpus, sizeof(*counts));
	snap = calloc(nvcpus, sizeof(*snap));
	now = calloc(nvcpus, sizeof(*now));
	out = fopen(path, "w");
	if (!counts || !snap || !now || !out)
		return usage("cannot allocate counters or open out=");
	fprintf(out, "lbtcg 2 arch %s vcpus %u events", info->target_name, nvcpus);
	for (int e = 0; e < LBTCG_NEV; e++)
		if (lbtcg_event_on_arch(e, arch))
			fprintf(out, " %s", lbtcg_event_name(e));
	fputc('\n', out);
	fflush(out);
	qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
