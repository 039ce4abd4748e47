// SPDX-License-Identifier: GPL-2.0
/* env_parse.c on fixtures written by the test: kernel config (plain and gzip), THP brackets,
 * /proc/cpuinfo fields. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>

#include "env.h"
#include "env_keys.h"
#include "env_parse.h"
#include "topo.h"

static const char config[] = "#\n# Automatically generated file; DO NOT EDIT.\n"
			     "CONFIG_ARCH_HAS_LAZY_MMU_MODE=y\n"
			     "CONFIG_PARAVIRT_XXL=y\n"
			     "# CONFIG_KASAN is not set\n"
			     "CONFIG_KASAN_VMALLOC=y\n"
			     "CONFIG_NR_CPUS=64\n"
			     "CONFIG_DEBUG_VM_PGTABLE=y\n";

static const char *const names[] = {
    "ARCH_HAS_LAZY_MMU_MODE", "KASAN", "KASAN_VMALLOC", "NR_CPUS", "DEBUG_VM", "XEN_PV"};

static void check_items(json_t *items)
{
	assert_string_equal(json_string_value(json_object_get(items, "ARCH_HAS_LAZY_MMU_MODE")),
			    "y");
	/* "not set" is n; a longer name sharing the prefix must not leak into KASAN. */
	assert_string_equal(json_string_value(json_object_get(items, "KASAN")), "n");
	assert_string_equal(json_string_value(json_object_get(items, "KASAN_VMALLOC")), "y");
	assert_string_equal(json_string_value(json_object_get(items, "NR_CPUS")), "64");
	/* DEBUG_VM_PGTABLE=y says nothing about DEBUG_VM. */
	assert_string_equal(json_string_value(json_object_get(items, "DEBUG_VM")), "absent");
	assert_string_equal(json_string_value(json_object_get(items, "XEN_PV")), "absent");
}

static void kconfig_plain_and_gzip(void **state)
{
	char plain[] = "/tmp/lb_kconfig_XXXXXX", gz[64];
	json_t *items = json_object();
	int fd = mkstemp(plain);
	gzFile g;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, config, sizeof(config) - 1), (ssize_t)(sizeof(config) - 1));
	close(fd);
	assert_int_equal(lb_kconfig_load(plain, names, 6, items), 0);
	check_items(items);
	json_decref(items);

	snprintf(gz, sizeof(gz), "%s.gz", plain);
	g = gzopen(gz, "wb");
	assert_non_null(g);
	assert_int_equal(gzwrite(g, config, sizeof(config) - 1), (int)(sizeof(config) - 1));
	gzclose(g);
	items = json_object();
	assert_int_equal(lb_kconfig_load(gz, names, 6, items), 0);
	check_items(items);
	json_decref(items);
	unlink(plain);
	unlink(gz);

	items = json_object();
	assert_int_equal(lb_kconfig_load("/nonexistent/config", names, 6, items), -1);
	assert_int_equal(json_object_size(items), 0);
	json_decref(items);
}

static void lazy_tlb_mode(void **state)
{
	(void)state;
	/* powerpc book3s64 (selects SHOOTDOWN; REFCOUNT's dependency fails, so it is absent) */
	assert_string_equal(lb_lazy_tlb_mode("absent", "y"), "shootdown");
	/* x86, arm64, or powerpc built without the select (vm/configs/no-lazy-tlb-shootdown) */
	assert_string_equal(lb_lazy_tlb_mode("y", "absent"), "refcount");
	assert_string_equal(lb_lazy_tlb_mode("absent", "absent"),
			    "refcount (kernel predates the options)");
	assert_string_equal(lb_lazy_tlb_mode("unknown", "unknown"), "unknown");
	assert_string_equal(lb_lazy_tlb_mode(NULL, "y"), "unknown");
	assert_string_equal(lb_lazy_tlb_mode("n", "n"), "unknown");
}

static void bracketed(void **state)
{
	char out[64];

	(void)state;
	lb_bracketed("always [madvise] never", out, sizeof(out));
	assert_string_equal(out, "madvise");
	lb_bracketed("[always] madvise never", out, sizeof(out));
	assert_string_equal(out, "always");
	lb_bracketed("  performance \n", out, sizeof(out));
	assert_string_equal(out, "performance");
}

static void cpuinfo_fields(void **state)
{
	const char *ppc = "processor\t: 0\ncpu\t\t: POWER9 (architected), altivec supported\n"
			  "clock\t\t: 1000.000000MHz\n\ntimebase\t: 512000000\n"
			  "platform\t: pSeries\nmodel\t\t: IBM pSeries (emulated by qemu)\n"
			  "machine\t\t: CHRP IBM pSeries (emulated by qemu)\nMMU\t\t: Radix\n";
	char out[128];

	(void)state;
	assert_int_equal(lb_cpuinfo_field(ppc, "cpu", out, sizeof(out)), 0);
	assert_string_equal(out, "POWER9 (architected), altivec supported");
	assert_int_equal(lb_cpuinfo_field(ppc, "MMU", out, sizeof(out)), 0);
	assert_string_equal(out, "Radix");
	assert_int_equal(lb_cpuinfo_field(ppc, "machine", out, sizeof(out)), 0);
	assert_string_equal(out, "CHRP IBM pSeries (emulated by qemu)");
	/* "model" must not match "model name"-style prefixes of other keys and vice versa. */
	assert_int_equal(lb_cpuinfo_field(ppc, "model name", out, sizeof(out)), -1);
	assert_int_equal(lb_cpuinfo_field(ppc, "model", out, sizeof(out)), 0);
	assert_string_equal(out, "IBM pSeries (emulated by qemu)");
}

/* The value at a dotted path of a JSON object, or NULL. */
static json_t *dotted(json_t *o, const char *path)
{
	char key[64];

	while (o && *path) {
		size_t n = strcspn(path, ".");

		snprintf(key, sizeof(key), "%.*s", (int)n, path);
		o = json_object_get(o, key);
		path += n + (path[n] == '.');
	}
	return o;
}

/* Every path other stages read (env_keys.h) is where this machine's record puts it, with a
 * value of the expected type. */
static void key_paths(void **state)
{
	static const struct {
		const char *path;
		int type;
	} paths[] = {
	    {LB_ENV_KERNEL_RELEASE, JSON_STRING}, {LB_ENV_HOSTNAME, JSON_STRING},
	    {LB_ENV_CPU_MODEL, JSON_STRING},	  {LB_ENV_ARCH, JSON_STRING},
	    {LB_ENV_VIRT, JSON_STRING},		  {LB_ENV_PAGE_SIZE, JSON_INTEGER},
	    {LB_ENV_TOPOLOGY, JSON_STRING},	  {LB_ENV_GOVERNOR, JSON_STRING},
	    {LB_ENV_THP_ENABLED, JSON_STRING},	  {LB_ENV_CLOCKSOURCE, JSON_STRING},
	};
	char reason[256];
	hwloc_topology_t t = lb_topo_load(reason, sizeof(reason));
	json_t *env;
	(void)state;

	assert_non_null(t);
	env = lb_env_collect(t);
	assert_non_null(env);
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		json_t *v = dotted(env, paths[i].path);

		if (!v || (int)json_typeof(v) != paths[i].type)
			fail_msg("env has no %s of the expected type", paths[i].path);
	}
	json_decref(env);
	hwloc_topology_destroy(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(kconfig_plain_and_gzip),
	    cmocka_unit_test(lazy_tlb_mode),
	    cmocka_unit_test(bracketed),
	    cmocka_unit_test(cpuinfo_fields),
	    cmocka_unit_test(key_paths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
