// SPDX-License-Identifier: GPL-2.0
/* vm's options; see vm_opts.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm_opts.h"

static const char *const arches[] = {"x86_64", "arm64", "ppc64le", NULL};
static const char *const mmus[] = {"hash", "radix", NULL};
static const char *const accels[] = {"auto", "tcg", "kvm", NULL};

int lb_vm_opts_init(struct lb_vm_opts *o, int argc)
{
	*o = (struct lb_vm_opts){.arch = -1, .mmu = -1, .accel = -1};
	o->configs.v = calloc((size_t)argc + 1, sizeof(*o->configs.v));
	o->kmods.v = calloc((size_t)argc + 1, sizeof(*o->kmods.v));
	if (o->configs.v && o->kmods.v)
		return 0;
	lb_vm_opts_free(o);
	return -1;
}

void lb_vm_opts_free(struct lb_vm_opts *o)
{
	free(o->configs.v);
	free(o->kmods.v);
	o->configs.v = o->kmods.v = NULL;
}

/* LB_OPT_CALL of a repeatable option: one more non-empty value. */
static int add(const char *value, void *dest, char *why, size_t len)
{
	struct lb_vm_list *l = dest;

	if (!*value) {
		snprintf(why, len, "empty value");
		return -1;
	}
	l->v[l->n++] = value;
	return 0;
}

size_t lb_vm_opts_table(struct lb_vm_opts *o, const char *const *skip, struct lb_opt *t)
{
	const struct lb_opt all[] = {
	    {.name = "arch",
	     .kind = LB_OPT_CHOICE,
	     .dest = &o->arch,
	     .choices = arches,
	     .arg = "ARCH",
	     .help = "guest architecture: x86_64, arm64 or ppc64le (default x86_64)"},
	    {.name = "mmu",
	     .kind = LB_OPT_CHOICE,
	     .dest = &o->mmu,
	     .choices = mmus,
	     .arg = "MMU",
	     .help = "ppc64le only: hash or radix (default radix; hash adds disable_radix)"},
	    {.name = "kernel",
	     .kind = LB_OPT_STR,
	     .dest = &o->kernel,
	     .arg = "K",
	     .help = "7 or 6.12 (Debian linux-source package), or the PATH of a kernel tree\n"
		     "or build directory (default 7)"},
	    {.name = "config",
	     .kind = LB_OPT_CALL,
	     .dest = &o->configs,
	     .call = add,
	     .arg = "C",
	     .help = "extra config fragment: debug, kasan or a FILE; repeatable"},
	    {.name = "cpus",
	     .kind = LB_OPT_UINT,
	     .dest = &o->cpus,
	     .min = 1,
	     .max = 64,
	     .arg = "N",
	     .help = "guest CPUs, 1 to 64 (default 2)"},
	    {.name = "memory",
	     .kind = LB_OPT_UINT,
	     .dest = &o->memory,
	     .min = 128,
	     .max = 65536,
	     .arg = "MIB",
	     .help = "guest memory in MiB, 128 to 65536 (default 512, 1024 on ppc64le)"},
	    {.name = "kmod",
	     .kind = LB_OPT_CALL,
	     .dest = &o->kmods,
	     .call = add,
	     .arg = "DIR",
	     .help = "also build and ship the module in DIR; repeatable"},
	    {.name = "no-kmod",
	     .kind = LB_OPT_FLAG,
	     .dest = &o->no_kmod,
	     .help = "do not ship kmod/ (shipped by default when kmod/Kbuild exists)"},
	    {.name = "no-lazybench",
	     .kind = LB_OPT_FLAG,
	     .dest = &o->no_lazybench,
	     .help = "do not build and ship the lazybench userspace"},
	    {.name = "results-dir",
	     .kind = LB_OPT_STR,
	     .dest = &o->results_dir,
	     .arg = "DIR",
	     .help = "host directory the guest sees as /results (default ./results)"},
	    {.name = "timeout",
	     .kind = LB_OPT_UINT,
	     .dest = &o->timeout,
	     .min = 1,
	     .max = 604800,
	     .arg = "S",
	     .help = "kill the guest after S seconds, 1 to 604800 (default 1800)"},
	    {.name = "accel",
	     .kind = LB_OPT_CHOICE,
	     .dest = &o->accel,
	     .choices = accels,
	     .arg = "A",
	     .help =
		 "auto, tcg or kvm (default auto): auto is TCG while the TCG plugin is loaded,\n"
		 "else KVM when a probe boot works"},
	    {.name = "no-tcg-plugin",
	     .kind = LB_OPT_FLAG,
	     .dest = &o->no_tcg_plugin,
	     .help = "do not load the lbtcg plugin (exact event counts per marked region;\n"
		     "loaded by default, which makes --accel auto use TCG)"},
	    {.name = "append",
	     .kind = LB_OPT_STR,
	     .dest = &o->append,
	     .arg = "ARGS",
	     .help = "extra kernel command line arguments"},
	};
	size_t n = 0;

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		bool skipped = false;

		for (size_t k = 0; skip && skip[k]; k++)
			skipped |= !strcmp(skip[k], all[i].name);
		if (!skipped)
			t[n++] = all[i];
	}
	return n;
}

int lb_vm_opts_check(const struct lb_vm_opts *o, char *why, size_t len)
{
	if (o->mmu >= 0 && o->arch != LB_VM_PPC64LE) {
		snprintf(why, len, "--mmu %s: is for --arch ppc64le only", mmus[o->mmu]);
		return -1;
	}
	return 0;
}

size_t lb_vm_opts_nwords(const struct lb_vm_opts *o)
{
	/* 9 options with a value, 3 flags */
	return 2 * (o->configs.n + o->kmods.n) + 2 * 9 + 3;
}

size_t lb_vm_opts_words(struct lb_vm_opts *o, const char **v)
{
	const struct {
		const char *word;
		unsigned value;
	} nums[] = {{"--cpus", o->cpus}, {"--memory", o->memory}, {"--timeout", o->timeout}};
	size_t n = 0;

#define PAIR(w, val)                                                                               \
	do {                                                                                       \
		v[n++] = (w);                                                                      \
		v[n++] = (val);                                                                    \
	} while (0)
	if (o->arch >= 0)
		PAIR("--arch", arches[o->arch]);
	if (o->mmu >= 0)
		PAIR("--mmu", mmus[o->mmu]);
	if (o->kernel)
		PAIR("--kernel", o->kernel);
	for (size_t i = 0; i < o->configs.n; i++)
		PAIR("--config", o->configs.v[i]);
	for (size_t i = 0; i < 3; i++)
		if (nums[i].value) {
			snprintf(o->num[i], sizeof(o->num[i]), "%u", nums[i].value);
			PAIR(nums[i].word, o->num[i]);
		}
	for (size_t i = 0; i < o->kmods.n; i++)
		PAIR("--kmod", o->kmods.v[i]);
	if (o->no_kmod)
		v[n++] = "--no-kmod";
	if (o->no_lazybench)
		v[n++] = "--no-lazybench";
	if (o->no_tcg_plugin)
		v[n++] = "--no-tcg-plugin";
	if (o->results_dir)
		PAIR("--results-dir", o->results_dir);
	if (o->accel >= 0)
		PAIR("--accel", accels[o->accel]);
	if (o->append)
		PAIR("--append", o->append);
#undef PAIR
	return n;
}
