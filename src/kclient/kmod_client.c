// SPDX-License-Identifier: GPL-2.0
/* Open /dev/lazybench, loading lazybench.ko when needed, and issue its ioctls. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "kmod_client.h"

static int kmod_fd = -1;
/* What the last lb_kmod_info() got through wl_info. */
static struct lazybench_wl_info lb_kmod_wl_info_buf[LB_KMOD_WL_INFO_MAX];

/* The workloads, from the module's own table (kmod/uapi/lazybench_workloads.def). */
static const struct lb_kmod_wl kmod_wls[LAZYBENCH_WL_COUNT] = {
#define LAZYBENCH_WL(ID, wname, vma, vars, nm, m0, m1, m2, desc)                                   \
	[LAZYBENCH_WL_##ID] = {#wname, desc, vma, vars, nm, {#m0, #m1, #m2}},
#include "lazybench_workloads.def"
#undef LAZYBENCH_WL
};

const struct lb_kmod_wl *lb_kmod_wl(uint32_t id)
{
	return id < LAZYBENCH_WL_COUNT ? &kmod_wls[id] : NULL;
}

bool lb_kmod_variant_valid(uint32_t workload, uint32_t variant)
{
	return workload < LAZYBENCH_WL_COUNT && variant < LAZYBENCH_VARIANT_COUNT &&
	       (kmod_wls[workload].variants & (1u << variant));
}

static const char *const variant_names[LAZYBENCH_VARIANT_COUNT] = {
    [LAZYBENCH_VARIANT_NONE] = "none",
    [LAZYBENCH_VARIANT_PREALLOC] = "prealloc",
    [LAZYBENCH_VARIANT_KASAN] = "kasan",
};

const char *lb_kmod_workload_name(uint32_t id)
{
	return id < LAZYBENCH_WL_COUNT ? kmod_wls[id].name : NULL;
}

const char *lb_kmod_workload_names(char *buf, size_t size)
{
	size_t off = 0;

	buf[0] = 0;
	for (int i = 0; i < LAZYBENCH_WL_COUNT && off < size; i++)
		off +=
		    (size_t)snprintf(buf + off, size - off, "%s%s", i ? " " : "", kmod_wls[i].name);
	return buf;
}

int lb_kmod_workload_parse(const char *name)
{
	for (int i = 0; i < LAZYBENCH_WL_COUNT; i++)
		if (!strcmp(name, kmod_wls[i].name))
			return i;
	return -1;
}

const char *lb_kmod_variant_name(uint32_t id)
{
	return id < LAZYBENCH_VARIANT_COUNT ? variant_names[id] : NULL;
}

int lb_kmod_variant_parse(const char *name)
{
	for (int i = 0; i < LAZYBENCH_VARIANT_COUNT; i++)
		if (!strcmp(name, variant_names[i]))
			return i;
	return -1;
}

const char *lb_kmod_generation_name(uint32_t gen)
{
	switch (gen) {
	case LAZYBENCH_GEN_STATELESS:
		return "stateless";
	case LAZYBENCH_GEN_STATEFUL_V2:
		return "stateful-v2";
	case LAZYBENCH_GEN_NESTING:
		return "nesting";
	default:
		return "unknown";
	}
}

const char *lb_kmod_mmu_name(uint32_t mmu)
{
	switch (mmu) {
	case LAZYBENCH_MMU_HASH:
		return "hash";
	case LAZYBENCH_MMU_RADIX:
		return "radix";
	default:
		return "default";
	}
}

const char *lb_kmod_check_name(uint32_t result)
{
	switch (result) {
	case LAZYBENCH_CHECK_PASSED:
		return "passed";
	case LAZYBENCH_CHECK_FAILED:
		return "failed";
	case LAZYBENCH_CHECK_UNAVAILABLE:
		return "unavailable";
	default:
		return "not applicable";
	}
}

static int fail(int err, char *reason, size_t len, const char *fmt, const char *arg)
{
	snprintf(reason, len, fmt, arg);
	return err;
}

const char *lb_kmod_module_path(char *buf, size_t size, char *reason, size_t len)
{
	const char *env = getenv("LAZYBENCH_KMOD");
	struct utsname u;

	if (env && *env) {
		if (access(env, R_OK)) {
			snprintf(reason, len, "LAZYBENCH_KMOD=%s: %s", env, strerror(errno));
			return NULL;
		}
		snprintf(buf, size, "%s", env);
		return buf;
	}
	snprintf(buf, size, "%s/kmod/lazybench.ko", LB_DATA_DIR);
	if (!access(buf, R_OK))
		return buf;
	uname(&u);
	snprintf(reason, len,
		 "no module built for this kernel (%s): %s is missing; build it with "
		 "`make -C %s/kmod` (needs the headers in /lib/modules/%s/build) or set "
		 "LAZYBENCH_KMOD",
		 u.release, buf, LB_DATA_DIR, u.release);
	return NULL;
}

/* devtmpfs creates the node; without it, make one from what sysfs says. */
static int wait_for_node(void)
{
	struct timespec ts = {0, 10 * 1000 * 1000};
	unsigned int maj, min;
	FILE *f;

	for (int i = 0; i < 100; i++) {
		if (!access(LAZYBENCH_DEVICE, F_OK))
			return 0;
		nanosleep(&ts, NULL);
	}
	f = fopen("/sys/class/misc/lazybench/dev", "r");
	if (!f)
		return ENOENT;
	if (fscanf(f, "%u:%u", &maj, &min) != 2) {
		fclose(f);
		return ENOENT;
	}
	fclose(f);
	if (mknod(LAZYBENCH_DEVICE, S_IFCHR | 0600, makedev(maj, min)))
		return errno;
	return 0;
}

static int load_module(char *reason, size_t len)
{
	char path[4096];
	int fd, err;

	if (access("/proc/modules", F_OK))
		return fail(
		    ENOSYS, reason, len, "%s",
		    "this kernel has no module support (no /proc/modules: CONFIG_MODULES is "
		    "off), so lazybench.ko cannot be loaded");
	if (geteuid() != 0)
		return fail(EPERM, reason, len, "%s",
			    "lazybench.ko is not loaded and loading it needs root");
	if (!lb_kmod_module_path(path, sizeof(path), reason, len))
		return ENOENT;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail(errno, reason, len, "cannot open %s", path);
	if (syscall(SYS_finit_module, fd, "", 0)) {
		err = errno;
		close(fd);
		if (err == EEXIST)
			return wait_for_node() ? fail(ENOENT, reason, len, "%s",
						      "lazybench is loaded but " LAZYBENCH_DEVICE
						      " does not exist")
					       : 0;
		if (err == ENOEXEC)
			return fail(err, reason, len,
				    "%s was built for another kernel (finit_module: ENOEXEC); "
				    "rebuild it against this kernel's headers",
				    path);
		snprintf(reason, len, "finit_module(%s): %s", path, strerror(err));
		return err;
	}
	close(fd);
	if (wait_for_node())
		return fail(ENOENT, reason, len, "%s",
			    "lazybench.ko loaded but " LAZYBENCH_DEVICE " did not appear");
	return 0;
}

int lb_kmod_fd(int *err, char *reason, size_t len)
{
	int e;

	if (kmod_fd >= 0)
		return kmod_fd;
	kmod_fd = open(LAZYBENCH_DEVICE, O_RDWR | O_CLOEXEC);
	if (kmod_fd < 0 && errno == ENOENT) {
		e = load_module(reason, len);
		if (e) {
			*err = e;
			return -1;
		}
		kmod_fd = open(LAZYBENCH_DEVICE, O_RDWR | O_CLOEXEC);
	}
	if (kmod_fd < 0) {
		*err = errno;
		snprintf(reason, len, "open %s: %s%s", LAZYBENCH_DEVICE, strerror(errno),
			 errno == EACCES ? " (the device is root-only)" : "");
		return -1;
	}
	return kmod_fd;
}

void lb_kmod_close(void)
{
	if (kmod_fd >= 0)
		close(kmod_fd);
	kmod_fd = -1;
}

int lb_kmod_info(int fd, struct lazybench_info *info, char *reason, size_t len)
{
	memset(info, 0, sizeof(*info));
	info->size = sizeof(*info);
	info->wl_info = (uintptr_t)lb_kmod_wl_info_buf;
	info->wl_info_len = LB_KMOD_WL_INFO_MAX;
	if (ioctl(fd, LAZYBENCH_IOC_INFO, info)) {
		snprintf(reason, len, "LAZYBENCH_IOC_INFO: %s", strerror(errno));
		return errno;
	}
	if (info->abi_version < 2 || info->size < LAZYBENCH_INFO_SIZE_VER2) {
		snprintf(reason, len,
			 "lazybench.ko %s speaks ABI version %u; this lazybench needs version 2 "
			 "(rebuild the module from this source tree)",
			 info->module_version, info->abi_version);
		return EPROTO;
	}
	return 0;
}

const struct lazybench_wl_info *lb_kmod_wl_info(const struct lazybench_info *info,
						uint32_t workload, uint32_t variant)
{
	uint32_t n =
	    info->nr_wl_info < LB_KMOD_WL_INFO_MAX ? info->nr_wl_info : LB_KMOD_WL_INFO_MAX;

	for (uint32_t i = 0; i < n; i++)
		if (lb_kmod_wl_info_buf[i].workload == workload &&
		    lb_kmod_wl_info_buf[i].variant == variant)
			return &lb_kmod_wl_info_buf[i];
	return NULL;
}

const char *lb_kmod_effect_name(uint32_t effect)
{
	switch (effect) {
	case LAZYBENCH_EFFECT_POSSIBLE:
		return "possible";
	case LAZYBENCH_EFFECT_NONE:
		return "control: no effect expected";
	default:
		return "unknown";
	}
}

int lb_kmod_run(int fd, struct lazybench_run *run)
{
	run->size = sizeof(*run);
	return ioctl(fd, LAZYBENCH_IOC_RUN, run) ? errno : 0;
}

int lb_kmod_task_lazy(int fd, uint32_t op, struct lazybench_task_lazy *out)
{
	memset(out, 0, sizeof(*out));
	out->size = sizeof(*out);
	out->op = op;
	return ioctl(fd, LAZYBENCH_IOC_TASK_LAZY, out) ? errno : 0;
}
