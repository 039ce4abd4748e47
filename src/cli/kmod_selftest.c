// SPDX-License-Identifier: GPL-2.0
/*
 * `lazybench kmod selftest`: bad input for every ioctl field and every mmap rule, the
 * privilege checks, and concurrent RUNs from several threads. Each check prints
 * "ok|FAIL <name>: expected E, got G"; exit 1 when any fails.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "kmod_case.h"
#include "kmod_client.h"
#include "kmod_cmd.h"

static unsigned failures;

static void expect(const char *name, int want, int got)
{
	bool ok = want == got;

	printf("%s %s: expected %s, got %s\n", ok ? "ok" : "FAIL", name,
	       want ? strerrorname_np(want) : "0", got ? strerrorname_np(got) : "0");
	failures += !ok;
}

static int raw_ioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? errno : 0;
}

/* A RUN that would be valid: vmalloc, 8 pages, 1 rep. */
static void good_run(struct lazybench_run *r, uint64_t *samples)
{
	memset(r, 0, sizeof(*r));
	r->size = sizeof(*r);
	r->workload = LAZYBENCH_WL_VMALLOC;
	r->pages = 8;
	r->reps = 1;
	r->samples = (uintptr_t)samples;
	r->samples_len = LAZYBENCH_MAX_METRICS;
}

static void info_checks(int fd)
{
	struct {
		struct lazybench_info info;
		char tail[16];
	} big;
	struct lazybench_info info;

	memset(&info, 0, sizeof(info));
	expect("INFO size 0", EINVAL, raw_ioctl(fd, LAZYBENCH_IOC_INFO, &info));
	info.size = 4;
	expect("INFO size 4", EINVAL, raw_ioctl(fd, LAZYBENCH_IOC_INFO, &info));
	info.size = sizeof(info);
	info.reserved[3] = 1;
	expect("INFO reserved byte set", EINVAL, raw_ioctl(fd, LAZYBENCH_IOC_INFO, &info));
	memset(&big, 0, sizeof(big));
	big.info.size = sizeof(big);
	expect("INFO larger struct, zero tail", 0, raw_ioctl(fd, LAZYBENCH_IOC_INFO, &big));
	expect("INFO reports its own size", 0, big.info.size == sizeof(info) ? 0 : EPROTO);
	memset(&info, 0, sizeof(info));
	info.size = LAZYBENCH_INFO_SIZE_VER1;
	info.nr_wl_info = 0xdead; /* past version 1: the module must not write it */
	expect("INFO version 1 size", 0, raw_ioctl(fd, LAZYBENCH_IOC_INFO, &info));
	expect("INFO version 1: prefix only, with avail_v1", 0,
	       info.nr_wl_info == 0xdead && info.avail_v1[0][0] ? 0 : EPROTO);
	memset(&big, 0, sizeof(big));
	big.info.size = sizeof(big);
	big.tail[5] = 1;
	expect("INFO larger struct, non-zero tail", E2BIG, raw_ioctl(fd, LAZYBENCH_IOC_INFO, &big));
	expect("INFO bad pointer", EFAULT, raw_ioctl(fd, LAZYBENCH_IOC_INFO, (void *)16));
	expect("unknown ioctl number", ENOTTY,
	       raw_ioctl(fd, _IOWR(LAZYBENCH_IOC_MAGIC, 42, struct lazybench_info), &info));
	expect("foreign ioctl type", ENOTTY, raw_ioctl(fd, _IOWR('x', 1, int), &info));
}

static void run_field_checks(int fd, const struct lazybench_info *info)
{
	struct {
		struct lazybench_run run;
		char tail[8];
	} big;
	uint64_t samples[8];
	struct lazybench_run r;

#define RUN_CASE(name, want, stmt)                                                                 \
	do {                                                                                       \
		good_run(&r, samples);                                                             \
		stmt;                                                                              \
		expect(name, want, raw_ioctl(fd, LAZYBENCH_IOC_RUN, &r));                          \
	} while (0)
	RUN_CASE("RUN valid baseline", 0, (void)0);
	RUN_CASE("RUN size 0", EINVAL, r.size = 0);
	RUN_CASE("RUN size short", EINVAL, r.size = 100);
	RUN_CASE("RUN reserved byte set", EINVAL, r.reserved[63] = 1);
	RUN_CASE("RUN unknown workload", EINVAL, r.workload = 99);
	RUN_CASE("RUN variant not the workload's", EINVAL, r.variant = LAZYBENCH_VARIANT_PREALLOC);
	RUN_CASE("RUN unknown variant", EINVAL, r.variant = 77);
	RUN_CASE("RUN populate without variant", EINVAL,
		 (r.workload = LAZYBENCH_WL_POPULATE, r.addr = 4096, r.samples_len = 1));
	RUN_CASE("RUN unknown mode", EINVAL, r.mode = 9);
	RUN_CASE("RUN unknown flag", EINVAL, r.flags = 0x80);
	RUN_CASE("RUN zero pages", EINVAL, r.pages = 0);
	RUN_CASE("RUN pages above the limit", E2BIG, r.pages = info->max_pages + 1);
	RUN_CASE("RUN huge pages", E2BIG, r.pages = ~0ull);
	RUN_CASE("RUN batch > pages", EINVAL, r.batch = 9);
	RUN_CASE("RUN zero reps", EINVAL, r.reps = 0);
	RUN_CASE("RUN reps above the limit", E2BIG, r.reps = info->max_reps + 1);
	RUN_CASE("RUN reps + warmup overflow", E2BIG, (r.reps = 0xffffffffu, r.warmup = 2));
	RUN_CASE("RUN delay above the limit", E2BIG, r.delay_ns = info->max_delay_ns + 1);
	RUN_CASE("RUN samples_len short", EINVAL, r.samples_len = 2);
	RUN_CASE("RUN pages x (reps + warmup) above max_work", E2BIG,
		 (r.pages = info->max_work / info->max_reps + 1, r.reps = info->max_reps,
		  r.samples_len = ~0u));
	RUN_CASE("RUN total delay above the limit", E2BIG,
		 (r.batch = 1, r.delay_ns = info->max_delay_ns,
		  r.reps = (uint32_t)(info->max_delay_total_ns / info->max_delay_ns / 8 / 3 + 1),
		  r.samples_len = ~0u));
	RUN_CASE("RUN rep_info_len below reps", EINVAL,
		 (r.rep_info = (uintptr_t)samples, r.rep_info_len = 0));
	RUN_CASE("RUN rep_info unmapped", EFAULT, (r.rep_info = 8, r.rep_info_len = 1));
	RUN_CASE("RUN version 1 struct: no purge, two metrics", 0,
		 (r.size = LAZYBENCH_RUN_SIZE_VER1, r.samples_len = 2));
	RUN_CASE("RUN baseline flag", 0, r.flags = LAZYBENCH_RUN_BASELINE);
	RUN_CASE("RUN samples kernel pointer", EFAULT, r.samples = ~0ull - 4095);
	RUN_CASE("RUN samples unmapped", EFAULT, r.samples = 8);
	RUN_CASE("RUN addr on a kernel workload", EINVAL, r.addr = 4096);
	RUN_CASE("RUN zap without addr", EINVAL,
		 (r.workload = LAZYBENCH_WL_ZAP, r.samples_len = 1));
	RUN_CASE("RUN zap on memory not from the device", EINVAL,
		 (r.workload = LAZYBENCH_WL_ZAP, r.samples_len = 1, r.addr = (uintptr_t)samples));
#undef RUN_CASE
	expect("RUN bad struct pointer", EFAULT, raw_ioctl(fd, LAZYBENCH_IOC_RUN, (void *)16));
	memset(&big, 0, sizeof(big));
	good_run(&big.run, samples);
	big.run.size = sizeof(big);
	big.tail[1] = 1;
	expect("RUN larger struct, non-zero tail", E2BIG, raw_ioctl(fd, LAZYBENCH_IOC_RUN, &big));
}

static void mmap_checks(int fd, const struct lazybench_info *info)
{
	long ps = sysconf(_SC_PAGESIZE);
	uint64_t samples[4];
	struct lazybench_run r;
	void *p;

	p = mmap(NULL, 4 * ps, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	expect("mmap private", EINVAL, p == MAP_FAILED ? errno : 0);
	if (p != MAP_FAILED)
		munmap(p, 4 * ps);
	p = mmap(NULL, 4 * ps, PROT_READ | PROT_WRITE, MAP_SHARED, fd, ps);
	expect("mmap with offset", EINVAL, p == MAP_FAILED ? errno : 0);
	if (p != MAP_FAILED)
		munmap(p, 4 * ps);
	p = mmap(NULL, (info->max_pages + 1) * ps, PROT_READ, MAP_SHARED | MAP_NORESERVE, fd, 0);
	expect("mmap above the page limit", E2BIG, p == MAP_FAILED ? errno : 0);
	if (p != MAP_FAILED)
		munmap(p, (info->max_pages + 1) * ps);
	p = mmap(NULL, 16 * ps, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		expect("mmap 16 pages", 0, errno);
		return;
	}
	memset(&r, 0, sizeof(r));
	r.size = sizeof(r);
	r.workload = LAZYBENCH_WL_ZAP;
	r.pages = 8;
	r.reps = 1;
	r.addr = (uintptr_t)p;
	r.samples = (uintptr_t)samples;
	r.samples_len = 1;
	expect("RUN on a mapping of the wrong size", EINVAL, raw_ioctl(fd, LAZYBENCH_IOC_RUN, &r));
	r.pages = 16;
	r.addr = (uintptr_t)p + ps;
	expect("RUN not at the start of the mapping", EINVAL, raw_ioctl(fd, LAZYBENCH_IOC_RUN, &r));
	r.addr = (uintptr_t)p;
	expect("RUN zap on the right mapping", 0, raw_ioctl(fd, LAZYBENCH_IOC_RUN, &r));
	expect("partial munmap of the mapping", EINVAL, munmap((char *)p + ps, ps) ? errno : 0);
	expect("mprotect of part of the mapping", EINVAL,
	       mprotect((char *)p + ps, ps, PROT_READ) ? errno : 0);
	p = mremap(p, 16 * ps, 32 * ps, MREMAP_MAYMOVE);
	expect("mremap to grow the mapping", EFAULT, p == MAP_FAILED ? errno : 0);
	if (p != MAP_FAILED)
		munmap(p, 32 * ps);
}

static void task_lazy_checks(int fd)
{
	struct lazybench_task_lazy t;

	memset(&t, 0, sizeof(t));
	t.size = sizeof(t);
	t.op = 9;
	expect("TASK_LAZY unknown op", EINVAL, raw_ioctl(fd, LAZYBENCH_IOC_TASK_LAZY, &t));
	t.op = LAZYBENCH_TASK_LAZY_QUERY;
	t.reserved[0] = 1;
	expect("TASK_LAZY reserved byte set", EINVAL, raw_ioctl(fd, LAZYBENCH_IOC_TASK_LAZY, &t));
	t.reserved[0] = 0;
	t.pad[2] = 1;
	expect("TASK_LAZY padding set", EINVAL, raw_ioctl(fd, LAZYBENCH_IOC_TASK_LAZY, &t));
	t.pad[2] = 0;
	t.size = 8;
	expect("TASK_LAZY size short", EINVAL, raw_ioctl(fd, LAZYBENCH_IOC_TASK_LAZY, &t));
	/* A paused task would make every mode mean "off": RUN refuses it. */
	if (!lb_kmod_task_lazy(fd, LAZYBENCH_TASK_LAZY_OFF, &t)) {
		uint64_t samples[LAZYBENCH_MAX_METRICS];
		struct lazybench_run r;

		good_run(&r, samples);
		expect("RUN from a task paused by TASK_LAZY", EBUSY,
		       raw_ioctl(fd, LAZYBENCH_IOC_RUN, &r));
		expect("TASK_LAZY on after that", 0,
		       lb_kmod_task_lazy(fd, LAZYBENCH_TASK_LAZY_ON, &t));
	}
}

/* Without CAP_SYS_ADMIN, an already open descriptor still refuses every ioctl. */
static void privilege_checks(int fd)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		struct lazybench_info info = {.size = sizeof(info)};
		int ok = !setgid(65534) && !setuid(65534) &&
			 raw_ioctl(fd, LAZYBENCH_IOC_INFO, &info) == EPERM &&
			 open(LAZYBENCH_DEVICE, O_RDWR) < 0 && errno == EACCES;
		_exit(ok ? 0 : 1);
	}
	if (pid > 0)
		waitpid(pid, &status, 0);
	expect("unprivileged: ioctl EPERM, open EACCES", 0,
	       WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : EPERM);
}

struct thread_arg {
	int fd;
	uint32_t workload;
	int err;
};

static void *run_thread(void *p)
{
	struct thread_arg *a = p;
	struct lb_kmod_case c = {.workload = a->workload, .pages = 64, .batch = 8, .reps = 5};
	uint64_t samples[5 * LAZYBENCH_MAX_METRICS];
	struct lazybench_run out;

	if (c.workload == LAZYBENCH_WL_POPULATE)
		c.variant = LAZYBENCH_VARIANT_PREALLOC;
	a->err = lb_kmod_run_case(a->fd, &c, samples, &out);
	return NULL;
}

static void concurrency_checks(int fd)
{
	static const uint32_t wl[] = {LAZYBENCH_WL_VMALLOC,    LAZYBENCH_WL_VMAP,
				      LAZYBENCH_WL_VM_MAP_RAM, LAZYBENCH_WL_POPULATE,
				      LAZYBENCH_WL_DEPOPULATE, LAZYBENCH_WL_ZAP};
	struct thread_arg a[12];
	pthread_t t[12];
	unsigned n = 0, bad = 0;

	for (unsigned i = 0; i < 12; i++) {
		a[i] = (struct thread_arg){.fd = fd, .workload = wl[i % 6]};
		if (!pthread_create(&t[n], NULL, run_thread, &a[i]))
			n++;
	}
	for (unsigned i = 0; i < n; i++) {
		pthread_join(t[i], NULL);
		/* A workload this kernel refuses (EOPNOTSUPP) is not a concurrency failure. */
		bad += a[i].err != 0 && a[i].err != EOPNOTSUPP;
	}
	expect("12 concurrent RUNs from 12 threads all succeed", 0,
	       bad ? EIO : (n == 12 ? 0 : EAGAIN));
}

struct long_run {
	int fd;
	volatile int running;
	int err;
	uint64_t pages; /* a multiple of 64 */
	double seconds; /* the RUN's duration */
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *long_populate(void *p)
{
	struct long_run *a = p;
	/* 64 sections x 1 ms x 40 repetitions: about 2.6 s. */
	struct lb_kmod_case c = {.workload = LAZYBENCH_WL_POPULATE,
				 .variant = LAZYBENCH_VARIANT_PREALLOC,
				 .pages = a->pages,
				 .batch = a->pages / 64,
				 .reps = 40,
				 .delay_ns = 1000000};
	uint64_t samples[40];
	struct lazybench_run out;
	double t0 = now_s();

	a->err = lb_kmod_run_case(a->fd, &c, samples, &out);
	a->seconds = now_s() - t0;
	a->running = 0;
	return NULL;
}

/* A RUN on a mapping holds mmap_lock per repetition, not per RUN: another thread's mmap (which
 * takes it for writing) completes while the RUN is still going, after at most about one of its
 * 40 repetitions (asserted: under a quarter of the RUN; held per RUN, it would wait for the
 * rest of the RUN). */
static void mmap_lock_checks(int fd, const struct lazybench_info *info)
{
	/* 4096 pages, or what the memory allows (64 KiB pages, a small guest). */
	uint64_t pages = info->max_pages / 4 < 4096 ? info->max_pages / 4 / 64 * 64 : 4096;
	struct long_run a = {.fd = fd, .running = 1, .pages = pages ? pages : 64};
	struct timespec pause = {0, 300 * 1000 * 1000};
	double t0, took = -1;
	int during = 0;
	pthread_t t;
	void *m;

	if (pthread_create(&t, NULL, long_populate, &a)) {
		expect("mmap during a long RUN", 0, EAGAIN);
		return;
	}
	nanosleep(&pause, NULL);
	t0 = now_s();
	m = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	took = now_s() - t0;
	during = a.running;
	if (m != MAP_FAILED)
		munmap(m, 4096);
	pthread_join(t, NULL);
	printf("# mmap in another thread took %.6f s while the RUN (%.3f s) %s\n", took, a.seconds,
	       during ? "was still running" : "had ended");
	expect("long populate RUN", 0, a.err);
	expect("mmap in another thread completes during a long RUN", 0,
	       during && took < a.seconds / 4 ? 0 : EBUSY);
}

int lb_kmod_cmd_selftest(int argc, char **argv)
{
	struct lazybench_info info;
	char reason[256];
	int fd;

	const struct lb_cmd cmd = {
	    .name = "kmod selftest",
	    .synopsis = "",
	    .about = "Bad input for every ioctl field of lazybench.ko: each must get its errno,\n"
		     "never a crash; prints each check and the number of failures.",
	};

	if ((fd = lb_opt_parse(&cmd, argc, argv, NULL)) != LB_OPT_GO)
		return fd;
	fd = lb_kmod_open_or_explain("kmod selftest");
	if (fd < 0 || lb_kmod_info(fd, &info, reason, sizeof(reason)))
		return LB_EXIT_FAIL;
	info_checks(fd);
	run_field_checks(fd, &info);
	mmap_checks(fd, &info);
	task_lazy_checks(fd);
	privilege_checks(fd);
	concurrency_checks(fd);
	mmap_lock_checks(fd, &info);
	printf("%u failure(s)\n", failures);
	return failures ? LB_EXIT_FAIL : 0;
}
