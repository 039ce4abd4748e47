// SPDX-License-Identifier: GPL-2.0
/*
 * lb-kmodtest: safety tests of lazybench.ko run inside a VM-bed guest (tests/vm/kmod_safety.sh,
 * scripts/fuzz.sh). Each subcommand prints "ok|FAIL <check>: ..." lines and exits 1 when a
 * check failed; the host side also scans dmesg for splats and kmemleak reports.
 *
 *   lb-kmodtest mremap          same-size mremap of a device mapping (also during a RUN), then RUN
 *   lb-kmodtest caps            an unprivileged process cannot open, mmap or ioctl
 *   lb-kmodtest exec            the mapping can never be executable
 *   lb-kmodtest align           every mapping starts on a 2 MiB boundary
 *   lb-kmodtest task            TASK_LAZY lifetime: threads, fork, exec, exit, rmmod + insmod
 *   lb-kmodtest faults          every allocation of a RUN fails in turn (fail-nth)
 *   lb-kmodtest fuzz N SEED     N random and mutated ioctls; counts per errno
 *   lb-kmodtest race SECONDS SEED  mmap/mremap/munmap/fork/close/TASK_LAZY/RUN from 4 threads
 *   lb-kmodtest markers loop SECONDS  foreign TCG region markers on CPU 1
 * (tests/vm/tcg_mismatch.sh) lb-kmodtest markers open          one open marker on CPU 1 and no
 * close (a missing marker)
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lazybench.h"
#include "lazybench_marker.h"

#define DEV LAZYBENCH_DEVICE
#define PMD_ALIGN (2ul << 20)

static unsigned failures;
static long page_size;

static void check(bool ok, const char *what, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void check(bool ok, const char *what, const char *fmt, ...)
{
	va_list ap;

	printf("%s %s", ok ? "ok  " : "FAIL", what);
	if (fmt) {
		printf(": ");
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
	}
	printf("\n");
	fflush(stdout);
	failures += !ok;
}

static const char *ename(int e)
{
	return e ? strerrorname_np(e) : "0";
}

/* Load the module if /dev/lazybench is missing (LAZYBENCH_KMOD, as lazybench does). */
static int load_module(void)
{
	const char *ko = getenv("LAZYBENCH_KMOD");
	int fd, ret;

	if (!access(DEV, F_OK))
		return 0;
	if (!ko)
		return ENOENT;
	fd = open(ko, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	ret = syscall(SYS_finit_module, fd, "", 0) ? errno : 0;
	close(fd);
	if (ret == EEXIST)
		ret = 0;
	/* devtmpfs creates the node asynchronously. */
	for (int i = 0; !ret && i < 100 && access(DEV, F_OK); i++)
		usleep(10000);
	return ret;
}

static int unload_module(void)
{
	return syscall(SYS_delete_module, "lazybench", O_NONBLOCK) ? errno : 0;
}

static int open_dev(void)
{
	int fd = open(DEV, O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		fprintf(stderr, "lb-kmodtest: open %s: %s\n", DEV, strerror(errno));
		exit(2);
	}
	return fd;
}

static int xioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? errno : 0;
}

static int task_lazy(int fd, uint32_t op, struct lazybench_task_lazy *t)
{
	memset(t, 0, sizeof(*t));
	t->size = sizeof(*t);
	t->op = op;
	return xioctl(fd, LAZYBENCH_IOC_TASK_LAZY, t);
}

/* A populate/prealloc RUN of @pages on the mapping at @addr, 1 rep. */
static int run_populate(int fd, void *addr, uint64_t pages, uint32_t flags)
{
	struct lazybench_run r;
	uint64_t samples[4];

	memset(&r, 0, sizeof(r));
	r.size = sizeof(r);
	r.workload = LAZYBENCH_WL_POPULATE;
	r.variant = LAZYBENCH_VARIANT_PREALLOC;
	r.pages = pages;
	r.reps = 1;
	r.flags = flags;
	r.addr = (uintptr_t)addr;
	r.samples = (uintptr_t)samples;
	r.samples_len = 4;
	return xioctl(fd, LAZYBENCH_IOC_RUN, &r);
}

static void *map_dev(int fd, size_t pages, int prot)
{
	return mmap(NULL, pages * page_size, prot, MAP_SHARED, fd, 0);
}

/* Item 1: mremap copies the VMA; the state it points at must survive the old VMA's close. */
static void test_mremap(void)
{
	const size_t pages = 16, len = pages * page_size;
	int fd = open_dev();
	void *a = map_dev(fd, pages, PROT_READ), *hole, *b;
	int i, e;

	check(a != MAP_FAILED, "mmap", NULL);
	if (a == MAP_FAILED)
		return;
	for (i = 0; i < 4; i++) {
		/* A free spot: reserve it, then move onto it. */
		hole = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		b = mremap(a, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, hole);
		check(b == hole, "same-size mremap(MAYMOVE|FIXED) moves the mapping", "%s",
		      b == MAP_FAILED ? strerror(errno) : "");
		if (b == MAP_FAILED)
			return;
		a = b;
		e = run_populate(fd, a, pages, 0);
		check(!e, "RUN populate on the moved mapping", "got %s", ename(e));
	}
	b = mremap(a, len, 2 * len, MREMAP_MAYMOVE);
	check(b == MAP_FAILED, "growing mremap is refused", "%s", b == MAP_FAILED ? "" : "it grew");
	e = munmap(a, len) ? errno : 0;
	check(!e, "munmap of the moved mapping", "got %s", ename(e));
	close(fd);
}

struct long_run {
	int fd;
	void *addr;
	size_t pages;
	int err;
};

/* populate/prealloc, 200 reps of 1 ms-delayed sections: at least 0.2 s. */
static void *thread_long_run(void *arg)
{
	struct long_run *lr = arg;
	struct lazybench_run r;
	static uint64_t samples[200 * 4];

	memset(&r, 0, sizeof(r));
	r.size = sizeof(r);
	r.workload = LAZYBENCH_WL_POPULATE;
	r.variant = LAZYBENCH_VARIANT_PREALLOC;
	r.pages = lr->pages;
	r.batch = lr->pages;
	r.reps = 200;
	r.delay_ns = 1000000;
	r.addr = (uintptr_t)lr->addr;
	r.samples = (uintptr_t)samples;
	r.samples_len = 200 * 4;
	lr->err = xioctl(lr->fd, LAZYBENCH_IOC_RUN, &r);
	return NULL;
}

/*
 * The mapping moved by another thread during a RUN: that RUN stops with ENXIO and releases
 * its claim, so a RUN on the moved mapping is not refused with EBUSY.
 */
static void test_mremap_during_run(void)
{
	const size_t pages = 16, len = pages * page_size;
	struct long_run lr = {.fd = open_dev(), .pages = pages};
	void *hole, *b;
	pthread_t th;
	int e;

	lr.addr = map_dev(lr.fd, pages, PROT_READ);
	check(lr.addr != MAP_FAILED, "mmap", NULL);
	if (lr.addr == MAP_FAILED)
		return;
	hole = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pthread_create(&th, NULL, thread_long_run, &lr);
	usleep(50000);
	b = mremap(lr.addr, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, hole);
	pthread_join(th, NULL);
	check(b == hole, "mremap during a RUN moves the mapping", "%s",
	      b == MAP_FAILED ? strerror(errno) : "");
	if (b == MAP_FAILED)
		return;
	check(lr.err == ENXIO, "the RUN whose mapping moved stops", "got %s, want ENXIO",
	      ename(lr.err));
	e = run_populate(lr.fd, b, pages, 0);
	check(!e, "RUN on the moved mapping (the claim was released)", "got %s", ename(e));
	e = munmap(b, len) ? errno : 0;
	check(!e, "munmap of the moved mapping", "got %s", ename(e));
	close(lr.fd);
}

/* Item 1: capability at open and mmap, not only in the ioctl. */
static void test_caps(void)
{
	int fd = open_dev(), st, status;
	pid_t pid;
	struct stat sb;

	stat(DEV, &sb);
	chmod(DEV, 0666);
	pid = fork();
	if (pid == 0) {
		struct lazybench_info info = {.size = sizeof(info)};
		int bad = 0, fd2, e;
		void *m;

		if (setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534))
			_exit(100);
		fd2 = open(DEV, O_RDWR);
		e = fd2 < 0 ? errno : 0;
		printf("%s open by an unprivileged user (node 0666): expected EPERM, got %s\n",
		       e == EPERM ? "ok  " : "FAIL", ename(e));
		bad += e != EPERM;
		m = mmap(NULL, page_size, PROT_READ, MAP_SHARED, fd, 0);
		e = m == MAP_FAILED ? errno : 0;
		printf("%s mmap of an inherited fd without CAP_SYS_ADMIN: expected EPERM, got %s\n",
		       e == EPERM ? "ok  " : "FAIL", ename(e));
		bad += e != EPERM;
		e = xioctl(fd, LAZYBENCH_IOC_INFO, &info);
		printf("%s INFO on an inherited fd without CAP_SYS_ADMIN: expected EPERM, got %s\n",
		       e == EPERM ? "ok  " : "FAIL", ename(e));
		bad += e != EPERM;
		fflush(stdout);
		_exit(bad);
	}
	st = waitpid(pid, &status, 0);
	chmod(DEV, sb.st_mode & 07777);
	check(st == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "unprivileged child: open, mmap and ioctl refused", "exit %d",
	      WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	close(fd);
}

/* Item 5: never executable, not even after mprotect. */
static void test_exec(void)
{
	int fd = open_dev(), e;
	void *m = map_dev(fd, 4, PROT_READ | PROT_EXEC);

	e = m == MAP_FAILED ? errno : 0;
	check(e == EPERM, "mmap with PROT_EXEC", "expected EPERM, got %s", ename(e));
	if (m != MAP_FAILED)
		munmap(m, 4 * page_size);
	m = map_dev(fd, 4, PROT_READ);
	check(m != MAP_FAILED, "mmap PROT_READ", NULL);
	if (m != MAP_FAILED) {
		e = mprotect(m, 4 * page_size, PROT_READ | PROT_EXEC) ? errno : 0;
		check(e == EACCES, "mprotect(PROT_EXEC) later", "expected EACCES, got %s",
		      ename(e));
		munmap(m, 4 * page_size);
	}
	close(fd);
}

/* Item 11: the mapping starts on a PMD boundary (2 MiB or a multiple on our arches). */
static void test_align(void)
{
	int fd = open_dev(), i, aligned = 0;
	void *m[8];

	for (i = 0; i < 8; i++) {
		m[i] = map_dev(fd, 1 + i * 7, PROT_READ);
		aligned += m[i] != MAP_FAILED && !((uintptr_t)m[i] % PMD_ALIGN);
	}
	check(aligned == 8, "8 mappings of 1..50 pages start on a 2 MiB boundary", "%d of 8",
	      aligned);
	for (i = 0; i < 8; i++)
		if (m[i] != MAP_FAILED)
			munmap(m[i], (1 + i * 7) * page_size);
	close(fd);
}

static long module_refcnt(void)
{
	FILE *f = fopen("/sys/module/lazybench/refcnt", "r");
	long n = -1;

	if (f) {
		if (fscanf(f, "%ld", &n) != 1)
			n = -1;
		fclose(f);
	}
	return n;
}

static void *thread_query(void *arg)
{
	struct lazybench_task_lazy *t = arg;
	int fd = open_dev();

	task_lazy(fd, LAZYBENCH_TASK_LAZY_QUERY, t);
	close(fd);
	return NULL;
}

static void *thread_pause_exit(void *arg)
{
	struct lazybench_task_lazy t;

	*(int *)arg = task_lazy(*(int *)arg, LAZYBENCH_TASK_LAZY_OFF, &t);
	return NULL;
}

static int wait_child(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* Exit 0 when the calling task is neutral and not paused by the module. */
static int child_neutral(int fd)
{
	struct lazybench_task_lazy t;
	int e = task_lazy(fd, LAZYBENCH_TASK_LAZY_QUERY, &t);

	return !e && t.pause_count == 0 && !t.paused_by_module ? 0 : 1;
}

/* Item 6: the lifetime of a TASK_LAZY pause (docs/kmod.md). */
static void test_task(const char *self)
{
	struct lazybench_task_lazy t, tt;
	int fd = open_dev(), e, rc, p[2], q[2];
	long ref0, ref;
	pthread_t th;
	pid_t pid;
	char c;

	e = task_lazy(fd, LAZYBENCH_TASK_LAZY_OFF, &t);
	if (e == EOPNOTSUPP) {
		printf("skip TASK_LAZY off refused here: %s\n", t.reason);
		close(fd);
		return;
	}
	check(!e && t.pause_count == 1 && t.paused_by_module, "off", "%s, pause_count %u", ename(e),
	      t.pause_count);
	/* A thread created after the pause starts unpaused. */
	memset(&tt, 0, sizeof(tt));
	pthread_create(&th, NULL, thread_query, &tt);
	pthread_join(th, NULL);
	check(tt.pause_count == 0 && !tt.paused_by_module,
	      "thread created while paused: not paused", "pause_count %u", tt.pause_count);
	/* A forked child too, and it may RUN. */
	pid = fork();
	if (pid == 0)
		_exit(child_neutral(fd) || run_populate(fd, NULL, 1, LAZYBENCH_RUN_DRY) != EINVAL);
	rc = wait_child(pid);
	check(rc == 0, "child forked while paused: not paused, RUN not refused EBUSY", "exit %d",
	      rc);
	e = task_lazy(fd, LAZYBENCH_TASK_LAZY_QUERY, &t);
	check(!e && t.pause_count == 1, "the parent is still paused", NULL);
	e = task_lazy(fd, LAZYBENCH_TASK_LAZY_ON, &t);
	check(!e && t.pause_count == 0, "on", "%s", ename(e));

	/* exec ends the pause: the new program is neutral. */
	pid = fork();
	if (pid == 0) {
		if (task_lazy(fd, LAZYBENCH_TASK_LAZY_OFF, &t))
			_exit(3);
		execl(self, self, "task-exec-child", (char *)NULL);
		_exit(4);
	}
	rc = wait_child(pid);
	check(rc == 0, "a program exec'd by a paused task starts unpaused", "exit %d", rc);

	/* A paused task holds the module; its exit releases it at once. */
	ref0 = module_refcnt();
	rc = fd;
	pthread_create(&th, NULL, thread_pause_exit, &rc);
	pthread_join(th, NULL);
	ref = module_refcnt();
	check(rc == 0 && ref == ref0, "a thread that exits paused is forgotten at its exit",
	      "off %s, module refcnt %ld before, %ld after", ename(rc), ref0, ref);

	/* rmmod while a task is paused: refused; after on, rmmod + insmod work. */
	if (pipe(p) || pipe(q))
		exit(2);
	pid = fork();
	if (pid == 0) {
		int f, r1, r2;

		/* Only the pause may hold the module: not the fd inherited from the parent. */
		close(fd);
		f = open_dev();
		r1 = task_lazy(f, LAZYBENCH_TASK_LAZY_OFF, &t);
		close(f);
		c = r1 ? 'E' : 'P';
		if (write(p[1], &c, 1) != 1 || read(q[0], &c, 1) != 1)
			_exit(5);
		f = open_dev();
		r2 = task_lazy(f, LAZYBENCH_TASK_LAZY_ON, &t);
		close(f);
		_exit(r2 ? 6 : 0);
	}
	close(fd);
	if (read(p[0], &c, 1) != 1)
		c = '?';
	ref = module_refcnt();
	e = unload_module();
	/* delete_module(O_NONBLOCK) of a module in use: EWOULDBLOCK. */
	check(c == 'P' && e == EWOULDBLOCK, "rmmod while a task is paused (no fd open) is refused",
	      "child %c, refcnt %ld, rmmod %s", c, ref, ename(e));
	if (!e) {
		/* The bug: the module is gone with the task still paused. Reload for the rest. */
		load_module();
	}
	if (write(q[1], &c, 1) != 1)
		exit(2);
	rc = wait_child(pid);
	check(rc == 0, "the paused task can still resume (on)", "exit %d", rc);
	e = unload_module();
	check(!e, "rmmod once nothing is paused", "got %s", ename(e));
	e = load_module();
	check(!e, "insmod again", "got %s", ename(e));
	fd = open_dev();
	check(!child_neutral(fd), "neutral after rmmod + insmod", NULL);
	close(fd);
}

static int task_exec_child(void)
{
	int fd = open_dev();

	return child_neutral(fd);
}

/* fail-nth of the calling thread. */
static int fail_nth_open(void)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/task/%ld/fail-nth", (long)syscall(SYS_gettid));
	return open(path, O_RDWR | O_CLOEXEC);
}

static void write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0 || write(fd, s, strlen(s)) != (ssize_t)strlen(s))
		fprintf(stderr, "lb-kmodtest: %s: %s\n", path, strerror(errno));
	if (fd >= 0)
		close(fd);
}

struct fault_case {
	const char *name;
	uint32_t workload, variant;
	bool vma;
};

/*
 * Item 4: fail the 1st, 2nd, ... allocation of one RUN of each workload until a RUN sees no
 * injected fault. Every RUN must end in 0 or ENOMEM; kmemleak (host side) must find nothing.
 */
static void test_faults(void)
{
	static const struct fault_case cases[] = {
	    {"vmalloc", LAZYBENCH_WL_VMALLOC, 0, false},
	    {"vmap", LAZYBENCH_WL_VMAP, 0, false},
	    {"vm_map_ram", LAZYBENCH_WL_VM_MAP_RAM, 0, false},
	    {"populate/prealloc", LAZYBENCH_WL_POPULATE, LAZYBENCH_VARIANT_PREALLOC, true},
	    {"populate/kasan", LAZYBENCH_WL_POPULATE, LAZYBENCH_VARIANT_KASAN, true},
	    {"depopulate", LAZYBENCH_WL_DEPOPULATE, 0, true},
	    {"zap", LAZYBENCH_WL_ZAP, 0, true},
	};
	const uint64_t pages = 8;
	int fd = open_dev(), nth = fail_nth_open();
	void *m = map_dev(fd, pages, PROT_READ);
	char buf[32];

	if (nth < 0) {
		printf("skip no fail-nth (kernel without CONFIG_FAULT_INJECTION)\n");
		return;
	}
	write_str("/sys/kernel/debug/failslab/ignore-gfp-wait", "N");
	write_str("/sys/kernel/debug/fail_page_alloc/ignore-gfp-wait", "N");
	write_str("/sys/kernel/debug/fail_page_alloc/min-order", "0");
	write_str("/sys/kernel/debug/failslab/verbose", "0");
	write_str("/sys/kernel/debug/fail_page_alloc/verbose", "0");
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		unsigned n, injected = 0, other = 0, ran = 0;
		int other_e = 0;

		for (n = 1; n < 10000; n++) {
			struct lazybench_run r;
			uint64_t samples[16];
			int e, left;

			memset(&r, 0, sizeof(r));
			r.size = sizeof(r);
			r.workload = cases[c].workload;
			r.variant = cases[c].variant;
			r.pages = pages;
			r.batch = 4;
			r.reps = 2;
			r.warmup = 1;
			r.addr = cases[c].vma ? (uintptr_t)m : 0;
			r.samples = (uintptr_t)samples;
			r.samples_len = 16;
			snprintf(buf, sizeof(buf), "%u", n);
			if (pwrite(nth, buf, strlen(buf), 0) < 0)
				break;
			e = xioctl(fd, LAZYBENCH_IOC_RUN, &r);
			memset(buf, 0, sizeof(buf));
			left = pread(nth, buf, sizeof(buf) - 1, 0) > 0 ? atoi(buf) : -1;
			/* Disarm whatever was not used. */
			if (pwrite(nth, "0", 1, 0) != 1)
				break;
			if (e == EOPNOTSUPP)
				break;
			if (left != 0) {
				/* No fault injected: the RUN is complete. */
				ran = !e;
				break;
			}
			injected++;
			if (e && e != ENOMEM) {
				other++;
				other_e = e;
			}
		}
		if (!injected && !ran) {
			printf("skip %s: not available here\n", cases[c].name);
			continue;
		}
		check(other == 0 && ran, cases[c].name,
		      "%u allocations failed in turn: every RUN gave 0 or ENOMEM (%u other, last "
		      "%s); "
		      "without faults it ran: %s",
		      injected, other, ename(other_e), ran ? "yes" : "no");
	}
	close(nth);
	munmap(m, pages * page_size);
	close(fd);
}

/* xorshift64*: reproducible from the seed. */
static uint64_t rnd_next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

static uint64_t rnd(uint64_t *s, uint64_t n)
{
	return n ? rnd_next(s) % n : 0;
}

/* An interesting value for a field: edges, small numbers, random bits. */
static uint64_t rnd_value(uint64_t *s)
{
	static const uint64_t edges[] = {0,	     1,
					 2,	     3,
					 7,	     8,
					 64,	     511,
					 512,	     513,
					 4096,	     65536,
					 1u << 20,   (1u << 20) + 1,
					 UINT32_MAX, UINT32_MAX + 1ull,
					 INT64_MAX,  UINT64_MAX};

	switch (rnd(s, 3)) {
	case 0:
		return edges[rnd(s, sizeof(edges) / sizeof(edges[0]))];
	case 1:
		return rnd(s, 16);
	default:
		return rnd_next(s);
	}
}

struct fuzz_stats {
	uint64_t sent;
	uint64_t by_errno[256];
};

/* A pointer argument: valid buffer, NULL, unmapped, kernel, misaligned or read-only. */
static void *rnd_pointer(uint64_t *s, void *buf, void *ro)
{
	switch (rnd(s, 12)) {
	case 0:
		return NULL;
	case 1:
		return (void *)16;
	case 2:
		return (void *)(uintptr_t)(UINT64_MAX - 4095);
	case 3:
		return (char *)buf + 1 + rnd(s, 7);
	case 4:
		return ro;
	default:
		return buf;
	}
}

/* Keep RUNs that would pass validation short: at most 64 pages x 4 repetitions. */
static void bound_run(struct lazybench_run *r, uint64_t *s)
{
	if (r->pages > 64 && r->pages < (1u << 20))
		r->pages = 1 + rnd(s, 64);
	if (r->batch > r->pages && rnd(s, 2))
		r->batch = rnd(s, r->pages + 1);
	if (r->reps > 3 && r->reps < 100000)
		r->reps = 1 + rnd(s, 3);
	if (r->warmup > 1 && r->warmup < 100000)
		r->warmup = rnd(s, 2);
	if (r->delay_ns > 10000 && r->delay_ns <= 1000000)
		r->delay_ns = rnd(s, 10000);
}

/* One mutated struct for @nr (1 INFO, 2 RUN, 3 TASK_LAZY) in @buf; returns the ioctl size. */
static size_t fuzz_struct(uint64_t *s, unsigned nr, unsigned char *buf, size_t cap, void *map,
			  uint64_t map_pages, uint64_t *samples)
{
	size_t size;

	memset(buf, 0, cap);
	if (rnd(s, 8) == 0) {
		/* Pure noise of a random length. */
		size = rnd(s, cap);
		for (size_t i = 0; i < size; i++)
			buf[i] = rnd_next(s);
		return size;
	}
	if (nr == 2) {
		struct lazybench_run *r = (void *)buf;

		r->size = sizeof(*r);
		r->workload = rnd(s, 5) ? rnd(s, LAZYBENCH_WL_COUNT) : rnd_value(s);
		r->variant = rnd(s, 5) ? rnd(s, LAZYBENCH_VARIANT_COUNT) : rnd_value(s);
		r->mode = rnd(s, 5) ? rnd(s, LAZYBENCH_MODE_COUNT) : rnd_value(s);
		r->pages = rnd(s, 3) ? 1 + rnd(s, map_pages) : rnd_value(s);
		r->batch = rnd(s, 2) ? rnd(s, r->pages + 1) : rnd_value(s);
		r->reps = rnd(s, 3) ? 1 + rnd(s, 3) : rnd_value(s);
		r->warmup = rnd(s, 3) ? rnd(s, 2) : rnd_value(s);
		r->flags = rnd(s, 2) ? LAZYBENCH_RUN_DRY : rnd(s, 3) ? 0 : rnd_value(s);
		r->delay_ns = rnd(s, 4) ? 0 : rnd_value(s);
		r->addr = rnd(s, 2) ? (uintptr_t)map : rnd(s, 2) ? 0 : rnd_value(s);
		if (r->addr == (uintptr_t)map && rnd(s, 2))
			r->pages = map_pages;
		r->samples = (uintptr_t)(rnd(s, 4) ? samples : rnd_pointer(s, samples, NULL));
		r->samples_len = rnd(s, 4) ? 16 : rnd_value(s);
		bound_run(r, s);
	} else if (nr == 3) {
		struct lazybench_task_lazy *t = (void *)buf;

		t->size = sizeof(*t);
		t->op = rnd(s, 4) ? rnd(s, 3) : rnd_value(s);
	} else {
		struct lazybench_info *i = (void *)buf;

		i->size = sizeof(*i);
	}
	size = nr == 2	 ? sizeof(struct lazybench_run)
	       : nr == 3 ? sizeof(struct lazybench_task_lazy)
			 : sizeof(struct lazybench_info);
	/* Mutations: size field, reserved bytes, tail bytes, random bit flips. */
	switch (rnd(s, 6)) {
	case 0:
		*(uint32_t *)buf = rnd_value(s);
		break;
	case 1:
		buf[size - 1 - rnd(s, 32)] = 1 + rnd(s, 255);
		break;
	case 2:
		*(uint32_t *)buf = size + 8 * (1 + rnd(s, 8));
		if (rnd(s, 2))
			buf[size + rnd(s, 64)] = 1;
		break;
	case 3:
		for (int k = 0; k < 3; k++)
			buf[rnd(s, size)] ^= 1u << rnd(s, 8);
		break;
	default:
		break;
	}
	return size;
}

/* The command: right type and number mostly; sometimes wrong size, direction, nr or type. */
static unsigned long fuzz_cmd(uint64_t *s, unsigned *nr)
{
	static const unsigned long cmds[] = {LAZYBENCH_IOC_INFO, LAZYBENCH_IOC_RUN,
					     LAZYBENCH_IOC_TASK_LAZY};
	unsigned long cmd;

	*nr = 1 + rnd(s, 3);
	cmd = cmds[*nr - 1];
	switch (rnd(s, 10)) {
	case 0:
		return _IOC(rnd(s, 4), LAZYBENCH_IOC_MAGIC, *nr, rnd(s, 1024));
	case 1:
		return _IOC(_IOC_READ | _IOC_WRITE, LAZYBENCH_IOC_MAGIC, rnd(s, 256), rnd(s, 512));
	case 2:
		return _IOC(_IOC_READ | _IOC_WRITE, rnd(s, 256), *nr, _IOC_SIZE(cmd));
	default:
		return cmd;
	}
}

static void count(struct fuzz_stats *st, int e)
{
	st->sent++;
	st->by_errno[e & 255]++;
}

static void print_stats(const char *what, const struct fuzz_stats *st)
{
	printf("%s: sent=%" PRIu64, what, st->sent);
	for (int e = 0; e < 256; e++)
		if (st->by_errno[e])
			printf(" %s=%" PRIu64, ename(e), st->by_errno[e]);
	printf("\n");
}

/* Item 9: N random and mutated ioctls on one fd, with a mapping for the VMA workloads. */
static void test_fuzz(uint64_t n, uint64_t seed)
{
	const uint64_t map_pages = 16;
	int fd = open_dev();
	void *map = map_dev(fd, map_pages, PROT_READ);
	void *ro = mmap(NULL, page_size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	static unsigned char buf[1024] __attribute__((aligned(64)));
	static uint64_t samples[64];
	struct fuzz_stats st = {0};
	struct lazybench_task_lazy t;
	uint64_t s = seed | 1, i;
	int bad = 0;

	for (i = 0; i < n; i++) {
		unsigned nr;
		unsigned long cmd = fuzz_cmd(&s, &nr);
		void *arg;
		int e;

		fuzz_struct(&s, nr, buf, sizeof(buf) - 128, map, map_pages, samples);
		arg = rnd(&s, 10) ? (void *)buf : rnd_pointer(&s, buf, ro);
		e = xioctl(fd, cmd, arg);
		count(&st, e);
		/* Anything but these is a bug worth a look (the host also checks dmesg). */
		switch (e) {
		case 0:
		case EINVAL:
		case E2BIG:
		case EFAULT:
		case ENOTTY:
		case EOPNOTSUPP:
		case EBUSY:
		case EALREADY:
		case ENOENT:
		case ENOMEM:
		case EPROTO:
			break;
		default:
			bad++;
		}
		/* A task left paused makes every later RUN EBUSY: undo now and then. */
		if (rnd(&s, 16) == 0)
			task_lazy(fd, LAZYBENCH_TASK_LAZY_ON, &t);
	}
	task_lazy(fd, LAZYBENCH_TASK_LAZY_ON, &t);
	print_stats("fuzz", &st);
	check(st.sent == n, "fuzz: every ioctl sent", "%" PRIu64 " of %" PRIu64, st.sent, n);
	check(!bad, "fuzz: only documented errnos", "%d unexpected", bad);
	check(st.by_errno[0] > 0 && st.by_errno[EINVAL] > 0 && st.by_errno[EFAULT] > 0 &&
		  st.by_errno[ENOTTY] > 0,
	      "fuzz: reached success, EINVAL, EFAULT and ENOTTY", NULL);
	munmap(map, map_pages * page_size);
	close(fd);
}

/*
 * The race: 4 threads share fds and an arena of slots; each loops over random operations.
 * Device mappings live only inside the PROT_NONE arena (unmapping = mapping PROT_NONE over
 * the slot), so no operation can hit memory the program itself uses.
 */
#define RACE_THREADS 4
#define RACE_SLOTS 16
#define RACE_FDS 4
#define SLOT_PAGES 8

enum race_op { OP_MMAP, OP_MREMAP, OP_MUNMAP, OP_FORK, OP_CLOSE, OP_TASK, OP_RUN, OP_COUNT };
static const char *const race_op_names[OP_COUNT] = {"mmap",  "mremap",	  "munmap", "fork",
						    "close", "task_lazy", "run"};

static struct {
	char *arena;
	size_t slot_len;
	atomic_int fds[RACE_FDS];
	atomic_bool stop;
	uint64_t seed;
	atomic_uint_fast64_t ops[OP_COUNT];
	atomic_uint_fast64_t errs[OP_COUNT];
} race;

static char *slot_addr(unsigned i)
{
	return race.arena + (size_t)i * race.slot_len;
}

static void race_one(uint64_t *s, struct fuzz_stats *st)
{
	int fd = atomic_load(&race.fds[rnd(s, RACE_FDS)]);
	enum race_op op = rnd(s, OP_COUNT);
	char *a = slot_addr(rnd(s, RACE_SLOTS)), *b = slot_addr(rnd(s, RACE_SLOTS));
	/* Mostly whole slots, so that RUNs find a mapping of the size they ask for. */
	size_t len = (rnd(s, 4) ? SLOT_PAGES : 1 + rnd(s, SLOT_PAGES)) * page_size;
	struct lazybench_task_lazy t;
	int e = 0;
	void *m;
	pid_t pid;

	switch (op) {
	case OP_MMAP:
		m = mmap(a, len, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0);
		e = m == MAP_FAILED ? errno : 0;
		break;
	case OP_MREMAP:
		/* Same size (allowed) or growing (refused): whatever is at a. */
		m = mremap(a, len, rnd(s, 4) ? len : len + page_size, MREMAP_MAYMOVE | MREMAP_FIXED,
			   b);
		e = m == MAP_FAILED ? errno : 0;
		if (!e && a != b) {
			/* The source range is now a hole: keep the arena reserved. */
			mmap(a, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		}
		break;
	case OP_MUNMAP:
		/* A partial unmap of a device mapping is refused; a whole one works. */
		e = mmap(a, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) ==
			    MAP_FAILED
			? errno
			: 0;
		break;
	case OP_FORK:
		pid = fork();
		if (pid == 0) {
			/* Async-signal-safe only: raw syscalls, then _exit. */
			task_lazy(fd,
				  rnd(s, 2) ? LAZYBENCH_TASK_LAZY_OFF : LAZYBENCH_TASK_LAZY_QUERY,
				  &t);
			run_populate(fd, a, 1 + rnd(s, SLOT_PAGES),
				     rnd(s, 2) ? LAZYBENCH_RUN_DRY : 0);
			_exit(0);
		}
		e = pid < 0 ? errno : wait_child(pid) ? EIO : 0;
		break;
	case OP_CLOSE: {
		unsigned k = rnd(s, RACE_FDS);
		int nfd = open(DEV, O_RDWR | O_CLOEXEC), old;

		e = nfd < 0 ? errno : 0;
		if (nfd >= 0) {
			old = atomic_exchange(&race.fds[k], nfd);
			close(old);
		}
		break;
	}
	case OP_TASK:
		e = task_lazy(fd, rnd(s, 3), &t);
		break;
	case OP_RUN: {
		struct lazybench_run r;
		uint64_t samples[16];

		memset(&r, 0, sizeof(r));
		r.size = sizeof(r);
		r.workload = rnd(s, 2)	 ? LAZYBENCH_WL_POPULATE
			     : rnd(s, 2) ? LAZYBENCH_WL_ZAP
					 : LAZYBENCH_WL_DEPOPULATE;
		r.variant = r.workload == LAZYBENCH_WL_POPULATE ? 1 + rnd(s, 2) : 0;
		r.mode = rnd(s, LAZYBENCH_MODE_COUNT);
		r.pages = len / page_size;
		r.batch = rnd(s, r.pages + 1);
		r.reps = 1 + rnd(s, 2);
		r.addr = (uintptr_t)a;
		r.samples = (uintptr_t)samples;
		r.samples_len = 16;
		e = xioctl(fd, LAZYBENCH_IOC_RUN, &r);
		break;
	}
	default:
		break;
	}
	atomic_fetch_add(&race.ops[op], 1);
	if (e)
		atomic_fetch_add(&race.errs[op], 1);
	count(st, e);
}

static void *race_thread(void *arg)
{
	struct fuzz_stats *st = arg;
	uint64_t s = race.seed ^ (uintptr_t)arg ^ 0x9e3779b97f4a7c15ull;
	struct lazybench_task_lazy t;

	while (!atomic_load(&race.stop))
		race_one(&s, st);
	task_lazy(atomic_load(&race.fds[0]), LAZYBENCH_TASK_LAZY_ON, &t);
	return NULL;
}

static void test_race(unsigned seconds, uint64_t seed)
{
	static struct fuzz_stats st[RACE_THREADS];
	struct fuzz_stats total = {0};
	pthread_t th[RACE_THREADS];
	uint64_t all = 0;
	int i;

	race.slot_len = SLOT_PAGES * page_size;
	/* One spare slot at the end: a growing mremap may reach one page into it. */
	race.arena = mmap(NULL, (RACE_SLOTS + 1) * race.slot_len, PROT_NONE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	race.seed = seed;
	for (i = 0; i < RACE_FDS; i++)
		race.fds[i] = open_dev();
	for (i = 0; i < RACE_THREADS; i++)
		pthread_create(&th[i], NULL, race_thread, &st[i]);
	sleep(seconds);
	atomic_store(&race.stop, true);
	for (i = 0; i < RACE_THREADS; i++) {
		pthread_join(th[i], NULL);
		total.sent += st[i].sent;
		for (int e = 0; e < 256; e++)
			total.by_errno[e] += st[i].by_errno[e];
	}
	printf("race: threads=%d seconds=%u", RACE_THREADS, seconds);
	for (i = 0; i < OP_COUNT; i++) {
		printf(" %s=%" PRIuFAST64 "/%" PRIuFAST64, race_op_names[i],
		       atomic_load(&race.ops[i]), atomic_load(&race.errs[i]));
		all += atomic_load(&race.ops[i]) > 0;
	}
	printf(" (ops/errors)\n");
	print_stats("race", &total);
	check(all == OP_COUNT, "race: every operation ran", NULL);
	check(total.by_errno[EIO] == 0, "race: every forked child exited cleanly", NULL);
	munmap(race.arena, (RACE_SLOTS + 1) * race.slot_len);
	for (i = 0; i < RACE_FDS; i++)
		close(race.fds[i]);
}

/*
 * Region markers from a process that is not lazybench, for tests/vm/tcg_mismatch.sh. The lbtcg
 * plugin has one region at a time for the whole guest and its lines carry no process, so these
 * must make the `tcg.*` counters of the cases they touch unavailable. Pinned to CPU 1, away from
 * `lazybench run`'s measuring CPU 0.
 *  - loop: open/close pairs, each region held ~1 ms (so a timed region of the harness almost
 *    always overlaps one), until SIGTERM/SIGINT or SECONDS; prints how many, exit 1 when none
 *    or when one ran off CPU 1.
 *  - open: one open marker and no close, then exit: the plugin's region stays open until the
 *    next close marker, whoever emits it.
 */
static volatile sig_atomic_t markers_stop;

static void markers_signal(int sig)
{
	(void)sig;
	markers_stop = 1;
}

static double mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int markers(const char *how, double seconds)
{
	struct sigaction sa = {.sa_handler = markers_signal};
	unsigned long n = 0, off_cpu = 0;
	double end, t;
	cpu_set_t set;

	if (!LAZYBENCH_MARKERS) {
		fprintf(stderr, "lb-kmodtest: no region markers on this architecture\n");
		return 2;
	}
	CPU_ZERO(&set);
	CPU_SET(1, &set);
	if (sched_setaffinity(0, sizeof(set), &set)) {
		fprintf(stderr, "lb-kmodtest: cannot pin to CPU 1: %s\n", strerror(errno));
		return 2;
	}
	if (!strcmp(how, "open")) {
		lazybench_marker_open();
		printf("markers: one open marker on cpu %d, no close\n", sched_getcpu());
		return 0;
	}
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	end = mono_s() + seconds;
	while (!markers_stop && mono_s() < end) {
		lazybench_marker_open();
		for (t = mono_s(); mono_s() - t < 1e-3;)
			;
		lazybench_marker_close();
		off_cpu += sched_getcpu() != 1;
		if (!n++)
			printf("markers: looping on cpu %d\n", sched_getcpu());
	}
	printf("markers: %lu regions, %lu closed off cpu 1\n", n, off_cpu);
	return n && !off_cpu ? 0 : 1;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";
	int e;

	page_size = sysconf(_SC_PAGESIZE);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(cmd, "task-exec-child"))
		return task_exec_child();
	if (!strcmp(cmd, "markers") && argc == 4 && !strcmp(argv[2], "loop"))
		return markers(argv[2], strtod(argv[3], NULL));
	if (!strcmp(cmd, "markers") && argc == 3 && !strcmp(argv[2], "open"))
		return markers(argv[2], 0);
	e = load_module();
	if (e) {
		fprintf(stderr, "lb-kmodtest: cannot load the module: %s\n", strerror(e));
		return 2;
	}
	if (!strcmp(cmd, "mremap")) {
		test_mremap();
		test_mremap_during_run();
	} else if (!strcmp(cmd, "caps"))
		test_caps();
	else if (!strcmp(cmd, "exec"))
		test_exec();
	else if (!strcmp(cmd, "align"))
		test_align();
	else if (!strcmp(cmd, "task"))
		test_task("/proc/self/exe");
	else if (!strcmp(cmd, "faults"))
		test_faults();
	else if (!strcmp(cmd, "fuzz") && argc == 4)
		test_fuzz(strtoull(argv[2], NULL, 0), strtoull(argv[3], NULL, 0));
	else if (!strcmp(cmd, "race") && argc == 4)
		test_race(strtoul(argv[2], NULL, 0), strtoull(argv[3], NULL, 0));
	else {
		fprintf(stderr,
			"usage: lb-kmodtest mremap|caps|exec|align|task|faults|"
			"fuzz N SEED|race SECONDS SEED|markers loop SECONDS|markers open\n");
		return 2;
	}
	printf("%s: %u failure(s)\n", cmd, failures);
	return failures ? 1 : 0;
}
