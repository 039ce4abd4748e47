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

#include "env_parse.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(kconfig_plain_and_gzip),
	    cmocka_unit_test(bracketed),
	    cmocka_unit_test(cpuinfo_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
