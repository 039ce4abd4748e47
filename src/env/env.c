// SPDX-License-Identifier: GPL-2.0
/* Collect the environment for `lazybench env` and run.json; see env.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "env.h"
#include "env_keys.h"
#include "env_parse.h"
#include "topo.h"
#include "virt.h"

const char *const lb_kconfig_names[] = {
    "ARCH_HAS_LAZY_MMU_MODE", "PARAVIRT_XXL", "XEN_PV",	       "KASAN",
    "KASAN_VMALLOC",	      "DEBUG_VM",     "PPC_RADIX_MMU", "MMU_LAZY_TLB_SHOOTDOWN",
    "MMU_LAZY_TLB_REFCOUNT",
};
const size_t lb_kconfig_count = sizeof(lb_kconfig_names) / sizeof(lb_kconfig_names[0]);

long lb_clock_resolution_ns(void)
{
	struct timespec ts;

	if (clock_getres(CLOCK_MONOTONIC, &ts))
		return -1;
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

/* A sysfs/procfs line, or `otherwise` when the file is missing. */
static json_t *line_or(const char *path, const char *otherwise)
{
	char buf[1024];

	return json_string(lb_read_line(path, buf, sizeof(buf)) ? otherwise : buf);
}

static json_t *kconfig(void)
{
	json_t *items = json_object();
	struct utsname u;
	char boot[512];
	const char *source = NULL;

	uname(&u);
	snprintf(boot, sizeof(boot), "/boot/config-%s", u.release);
	if (!lb_kconfig_load("/proc/config.gz", lb_kconfig_names, lb_kconfig_count, items))
		source = "/proc/config.gz";
	else if (!lb_kconfig_load(boot, lb_kconfig_names, lb_kconfig_count, items))
		source = boot;
	else
		for (size_t i = 0; i < lb_kconfig_count; i++)
			json_object_set_new(items, lb_kconfig_names[i], json_string("unknown"));
	return json_pack("{s:o, s:o}", "source", source ? json_string(source) : json_null(),
			 "items", items);
}

static json_t *cpu_model(hwloc_topology_t t, const char *cpuinfo)
{
	char buf[256];
	hwloc_obj_t pkg = t ? hwloc_get_obj_by_type(t, HWLOC_OBJ_PACKAGE, 0) : NULL;
	const char *m = pkg ? hwloc_obj_get_info_by_name(pkg, "CPUModel") : NULL;

	if (m)
		return json_string(m);
	/* x86 "model name", powerpc "cpu", arm64 only has implementer/part numbers. */
	if (cpuinfo && !lb_cpuinfo_field(cpuinfo, "model name", buf, sizeof(buf)))
		return json_string(buf);
	if (cpuinfo && !lb_cpuinfo_field(cpuinfo, "cpu", buf, sizeof(buf)))
		return json_string(buf);
	if (cpuinfo && !lb_cpuinfo_field(cpuinfo, "CPU part", buf, sizeof(buf))) {
		char impl[64] = "?";

		lb_cpuinfo_field(cpuinfo, "CPU implementer", impl, sizeof(impl));
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), " (implementer %s)", impl);
		return json_string(buf);
	}
	return json_string("unknown");
}

/* powerpc book3s64 prints "MMU : Radix" or "MMU : Hash"; other arches have no such line. */
static json_t *ppc_mmu(const char *cpuinfo)
{
	char buf[64];

	if (!cpuinfo || lb_cpuinfo_field(cpuinfo, "MMU", buf, sizeof(buf)))
		return json_null();
	if (!strcmp(buf, "Radix"))
		return json_string("radix");
	if (!strcmp(buf, "Hash"))
		return json_string("hash");
	return json_string(buf);
}

static json_t *smt_state(hwloc_topology_t t)
{
	char control[64], active[16];

	if (!lb_read_line("/sys/devices/system/cpu/smt/control", control, sizeof(control))) {
		if (!lb_read_line("/sys/devices/system/cpu/smt/active", active, sizeof(active)) &&
		    !strcmp(control, "on"))
			return json_string(!strcmp(active, "1") ? "on" : "on (inactive)");
		return json_string(control); /* off, forceoff, notsupported, notimplemented */
	}
	if (!t)
		return json_string("unknown");
	return json_string(hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_PU) >
				   hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_CORE)
			       ? "on"
			       : "off");
}

static json_t *module_state(void)
{
	if (access("/sys/module/lazybench", F_OK) == 0)
		return json_pack("{s:b, s:s}", "loaded", 1, "detail", "/sys/module/lazybench");
	if (access("/proc/modules", F_OK) != 0)
		return json_pack("{s:b, s:s}", "loaded", 0, "detail",
				 "kernel built without module support (no /proc/modules)");
	return json_pack("{s:b, s:s}", "loaded", 0, "detail", "not loaded");
}

static json_t *vm_bed(void)
{
	static const char *const vars[] = {"LAZYBENCH_VM",	    "LAZYBENCH_VM_ARCH",
					   "LAZYBENCH_VM_ACCEL",    "LAZYBENCH_VM_MMU",
					   "LAZYBENCH_CLOCKSOURCE", "LAZYBENCH_KERNEL_PKG"};
	json_t *o = json_object();

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);

		if (v)
			json_object_set_new(o, vars[i], json_string(v));
	}
	return o;
}

/*
 * An arm64 or ppc64le guest cannot tell QEMU TCG from KVM; the VM bed that started it can, and
 * says so in LAZYBENCH_VM_ACCEL. Only an undecided "qemu" verdict takes the bed's word.
 */
static json_t *virt_with_bed(json_t *v)
{
	const char *accel = getenv("LAZYBENCH_VM_ACCEL");
	const char *type = json_string_value(json_object_get(v, LB_ENV_KEY_VIRT_TYPE));
	char buf[640];

	if (!accel || !*accel || !type || strcmp(type, "qemu"))
		return v;
	snprintf(buf, sizeof(buf), "qemu-%s", accel);
	json_object_set_new(v, LB_ENV_KEY_VIRT_TYPE, json_string(buf));
	snprintf(buf, sizeof(buf),
		 "%s; lazybench vm started QEMU with -accel %s (LAZYBENCH_VM_ACCEL)",
		 json_string_value(json_object_get(v, "detail")), accel);
	json_object_set_new(v, "detail", json_string(buf));
	return v;
}

json_t *lb_env_collect(hwloc_topology_t t)
{
	char *cpuinfo = lb_read_file("/proc/cpuinfo");
	char buf[256];
	struct utsname u;
	json_t *env, *thp;

	uname(&u);
	thp = json_object();
	if (!lb_read_line("/sys/kernel/mm/transparent_hugepage/enabled", buf, sizeof(buf))) {
		char sel[64];

		lb_bracketed(buf, sel, sizeof(sel));
		json_object_set_new(thp, LB_ENV_KEY_THP_ENABLED, json_string(sel));
		if (!lb_read_line("/sys/kernel/mm/transparent_hugepage/defrag", buf, sizeof(buf))) {
			lb_bracketed(buf, sel, sizeof(sel));
			json_object_set_new(thp, "defrag", json_string(sel));
		}
	} else {
		json_object_set_new(thp, LB_ENV_KEY_THP_ENABLED,
				    json_string("unavailable (no THP in kernel)"));
	}
	env = json_pack(
	    "{s:{s:s, s:s, s:o}, s:s, s:o, s:i, s:o, s:i, s:o, s:o, s:o, s:o, s:o, s:o, s:o,"
	    " s:o, s:I, s:o, s:o, s:I, s:s}",
	    LB_ENV_KEY_KERNEL, LB_ENV_KEY_RELEASE, u.release, "version", u.version, "cmdline",
	    line_or("/proc/cmdline", "unknown"), LB_ENV_ARCH, u.machine, LB_ENV_CPU_MODEL,
	    cpu_model(t, cpuinfo), "cpu_count", (int)sysconf(_SC_NPROCESSORS_ONLN),
	    LB_ENV_KEY_TOPOLOGY, t ? lb_topo_summary(t) : json_string("unavailable (hwloc failed)"),
	    "numa_nodes", t ? hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_NUMANODE) : -1, "smt",
	    smt_state(t), LB_ENV_GOVERNOR,
	    line_or("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "none"),
	    LB_ENV_KEY_THP, thp, LB_ENV_KEY_VIRT, virt_with_bed(lb_virt_detect()), "kconfig",
	    kconfig(), "mmu", ppc_mmu(cpuinfo), "module", module_state(), LB_ENV_CLOCKSOURCE,
	    line_or("/sys/devices/system/clocksource/clocksource0/current_clocksource", "unknown"),
	    "clock_resolution_ns", (json_int_t)lb_clock_resolution_ns(), "aslr_sysctl",
	    line_or("/proc/sys/kernel/randomize_va_space", "unknown"), "vm_bed", vm_bed(),
	    LB_ENV_PAGE_SIZE, (json_int_t)sysconf(_SC_PAGESIZE), LB_ENV_HOSTNAME, u.nodename);
	free(cpuinfo);
	{
		json_t *items = json_object_get(json_object_get(env, "kconfig"), "items");

		json_object_set_new(
		    env, "lazy_tlb",
		    json_string(lb_lazy_tlb_mode(
			json_string_value(json_object_get(items, "MMU_LAZY_TLB_REFCOUNT")),
			json_string_value(json_object_get(items, "MMU_LAZY_TLB_SHOOTDOWN")))));
	}
	return env;
}
