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
 * hypercalls), registered at translation time only for those instructions. A marker snapshots
 * every vCPU's counters; at the close marker the differences are written to FILE as one line:
 *
 *   region SEQ cpu OWNER close_cpu C own insn=N EV=N ... other insn=N EV=N ...
 *
 * "own" is the vCPU that opened the region, "other" the sum over the other vCPUs while it was
 * open. Events not listed were counted and are 0 (the header line lists what is counted).
 * Anomalies (close without open, open while open, unknown vCPU) are "error ..." lines. FILE is
 * flushed after each line: a guest reading it over 9p sees a region as soon as it closed.
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
static FILE *out;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int region_open;
static unsigned int owner;
static uint64_t nregions, nerrors, nclassified;

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

/* Marker udata: kind in bit 0 (1 = close), instructions of its TB outside the region above. */
static void marker_exec(unsigned int vcpu, void *udata)
{
	uintptr_t u = (uintptr_t)udata;
	uint64_t outside = u >> 1, own[LBTCG_NEV], other[LBTCG_NEV];
	struct vcpu_counts *now;

	pthread_mutex_lock(&lock);
	if (!out) { /* after at_exit */
		pthread_mutex_unlock(&lock);
		return;
	}
	if (vcpu >= nvcpus) {
		fprintf(out, "error vcpu %u above the %u counted\n", vcpu, nvcpus);
		nerrors++;
	} else if (!(u & 1)) {
		if (region_open) {
			fprintf(out, "error open while open cpu %u owner %u\n", vcpu, owner);
			nerrors++;
		} else {
			read_all(snap);
			/* The TB callback already counted the insns after the marker: inside. */
			snap[vcpu].c[LBTCG_EV_INSN] -= outside;
			region_open = 1;
			owner = vcpu;
		}
	} else if (!region_open) {
		fprintf(out, "error close without open cpu %u\n", vcpu);
		nerrors++;
	} else {
		now = calloc(nvcpus, sizeof(*now));
		if (!now)
			abort();
		read_all(now);
		/* ... and here the insns from the marker on, which are outside. */
		now[vcpu].c[LBTCG_EV_INSN] -= outside;
		memset(other, 0, sizeof(other));
		for (unsigned int v = 0; v < nvcpus; v++)
			for (int e = 0; e < LBTCG_NEV; e++) {
				uint64_t d = now[v].c[e] - snap[v].c[e];

				if (v == owner)
					own[e] = d;
				else
					other[e] += d;
			}
		free(now);
		fprintf(out, "region %" PRIu64 " cpu %u close_cpu %u", nregions, owner, vcpu);
		print_counts("own", own);
		print_counts("other", other);
		fputc('\n', out);
		nregions++;
		region_open = 0;
	}
	fflush(out);
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

		if (k == LBTCG_MARK_OPEN || k == LBTCG_MARK_CLOSE) {
			/* open: insns after it in this TB; close: itself and those after it */
			u = k == LBTCG_MARK_OPEN ? (n - i - 1) << 1 : (n - i) << 1 | 1;
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
		"end regions %" PRIu64 " errors %" PRIu64 " open %d classified_translated %" PRIu64
		"\n",
		nregions, nerrors, region_open, __atomic_load_n(&nclassified, __ATOMIC_RELAXED));
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
	out = fopen(path, "w");
	if (!counts || !snap || !out)
		return usage("cannot allocate counters or open out=");
	fprintf(out, "lbtcg 1 arch %s vcpus %u events", info->target_name, nvcpus);
	for (int e = 0; e < LBTCG_NEV; e++)
		if (lbtcg_event_on_arch(e, arch))
			fprintf(out, " %s", lbtcg_event_name(e));
	fputc('\n', out);
	fflush(out);
	qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
