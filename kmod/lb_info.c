// SPDX-License-Identifier: GPL-2.0
/* INFO: what this module and kernel can do, and the calling task's state. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>
#include <xen/xen.h>

#include "lb.h"
#include "lb_compat.h"

static u32 lb_info_mmu(void)
{
#ifdef CONFIG_PPC_BOOK3S_64
	return radix_enabled() ? LAZYBENCH_MMU_RADIX : LAZYBENCH_MMU_HASH;
#else
	return LAZYBENCH_MMU_DEFAULT;
#endif
}

static u32 lb_info_flags(bool task_state)
{
	u32 flags = 0;

	if (LB_ARCH_LAZY)
		flags |= LAZYBENCH_INFO_ARCH_LAZY;
	if (IS_ENABLED(CONFIG_KASAN_VMALLOC))
		flags |= LAZYBENCH_INFO_KASAN_VMALLOC;
	if (IS_ENABLED(CONFIG_DEBUG_VM))
		flags |= LAZYBENCH_INFO_DEBUG_VM;
	if (task_state)
		flags |= LAZYBENCH_INFO_TASK_STATE;
	if (lb_lazy_state_known())
		flags |= LAZYBENCH_INFO_STATE_CHECK;
	if (lb_mode_disables_preemption())
		flags |= LAZYBENCH_INFO_PREEMPT_OFF;
	return flags;
}

/*
 * Which cells can the mode move here? From the arch code (see
 * docs/kmod.md, "Which cells can move"): stated once per arch, applied per
 * workload and metric by lb_effect().
 */
static const char *lb_effect_rule(void)
{
	if (!LB_ARCH_LAZY)
		return "no arch lazy MMU mode here: the generic hooks are no-ops";
#if defined(CONFIG_X86)
	if (xen_pv_domain())
		return "Xen PV: PTE writes and TLB flushes are batched into multicalls";
	return "x86 outside Xen PV (bare metal, KVM): the lazy MMU hooks are patched to NOPs";
#elif defined(CONFIG_ARM64)
	return "arm64: defers only the barrier after a valid kernel-PTE write";
#elif defined(CONFIG_PPC_BOOK3S_64)
	if (radix_enabled())
		return "powerpc radix: every lazy MMU hook returns at once";
	return "powerpc hash: batches invalidations, which only clears need";
#elif defined(CONFIG_SPARC64)
	return "sparc64: TLB flushes of user PTEs being cleared are batched";
#else
	return "no rule for this arch: lazybench cannot tell";
#endif
}

static bool lb_metric_is(const struct lb_kwl *wl, u32 metric,
			 const char *name)
{
	return !strcmp(wl->metrics[metric], name);
}

u32 lb_effect(const struct lb_kwl *wl, u32 metric, char *why, size_t len)
{
	bool purge __maybe_unused = lb_metric_is(wl, metric, "purge");
	bool clears __maybe_unused = purge ||
				     lb_metric_is(wl, metric, "unmap") ||
				     lb_metric_is(wl, metric, "depopulate") ||
				     lb_metric_is(wl, metric, "zap");
	bool possible;

	if (why)
		strscpy(why, lb_effect_rule(), len);
	if (!LB_ARCH_LAZY)
		return LAZYBENCH_EFFECT_NONE;
#if defined(CONFIG_X86)
	possible = xen_pv_domain();
#elif defined(CONFIG_ARM64)
	/* A valid kernel PTE written: the map of kernel mappings only. */
	possible = !wl->needs_vma && !clears;
#elif defined(CONFIG_PPC_BOOK3S_64)
	/* The purge clears PTEs only in the KASAN shadow. */
	possible = !radix_enabled() && clears &&
		   (!purge || IS_ENABLED(CONFIG_KASAN_VMALLOC));
#elif defined(CONFIG_SPARC64)
	possible = wl->needs_vma && clears && !purge;
#else
	return LAZYBENCH_EFFECT_UNKNOWN;
#endif
	return possible ? LAZYBENCH_EFFECT_POSSIBLE : LAZYBENCH_EFFECT_NONE;
}

/* Bit m set: mode m can run @wl/@variant; the first refusal in @refusal. */
static u32 lb_info_modes(const struct lb_kwl *wl, u32 variant,
			 char *refusal, size_t len)
{
	char reason[LAZYBENCH_REASON_LEN];
	u32 m, modes = 0;

	for (m = 0; m < LAZYBENCH_MODE_COUNT; m++) {
		reason[0] = 0;
		if (!lb_case_available(wl, variant, m, reason, sizeof(reason)))
			modes |= BIT(m);
		else if (refusal && !refusal[0])
			strscpy(refusal, reason, len);
	}
	return modes;
}

/* Version 1's frozen table: the first LAZYBENCH_INFO_V1_WL workloads. */
static void lb_info_avail_v1(struct lazybench_info *info)
{
	u32 w, v;

	BUILD_BUG_ON(LAZYBENCH_WL_COUNT < LAZYBENCH_INFO_V1_WL);
	for (w = 0; w < LAZYBENCH_INFO_V1_WL; w++) {
		const struct lb_kwl *wl = lb_workload_get(w);

		for (v = 0; v < ARRAY_SIZE(info->avail_v1[0]); v++)
			if (wl->variants & BIT(v))
				info->avail_v1[w][v] =
					lb_info_modes(wl, v, NULL, 0);
	}
}

static void lb_info_fill_wl(struct lazybench_wl_info *e,
			    const struct lb_kwl *wl, u32 variant)
{
	u32 k;

	memset(e, 0, sizeof(*e));
	e->workload = wl->id;
	e->variant = variant;
	e->modes = lb_info_modes(wl, variant, e->refusal, sizeof(e->refusal));
	e->nr_metrics = wl->nr_metrics;
	strscpy(e->name, wl->name);
	for (k = 0; k < wl->nr_metrics; k++) {
		strscpy(e->metric[k], wl->metrics[k]);
		e->effect[k] = lb_effect(wl, k, e->effect_reason,
					 sizeof(e->effect_reason));
	}
}

/* Version 2: one lazybench_wl_info per workload x variant, to wl_info. */
static int lb_info_wl(struct lazybench_info *info)
{
	struct lazybench_wl_info __user *dst = u64_to_user_ptr(info->wl_info);
	struct lazybench_wl_info *e;
	u32 w, v, n = 0;
	int ret = 0;

	e = kzalloc_obj(*e);
	if (!e)
		return -ENOMEM;
	for (w = 0; w < LAZYBENCH_WL_COUNT; w++) {
		const struct lb_kwl *wl = lb_workload_get(w);

		for (v = 0; v < LAZYBENCH_VARIANT_COUNT; v++) {
			if (!(wl->variants & BIT(v)))
				continue;
			if (info->wl_info && n < info->wl_info_len) {
				lb_info_fill_wl(e, wl, v);
				if (copy_to_user(&dst[n], e, sizeof(*e))) {
					ret = -EFAULT;
					goto out;
				}
			}
			n++;
		}
	}
	info->nr_wl_info = n;
out:
	kfree(e);
	return ret;
}

long lb_ioctl_info(void __user *uarg)
{
	struct lazybench_info info;
	bool task_state;
	u64 wl_info;
	u32 usize, wl_info_len;
	int ret;

	BUILD_BUG_ON(sizeof(info) != LAZYBENCH_INFO_SIZE_VER2);
	ret = lb_copy_struct_in(&info, sizeof(info), LAZYBENCH_INFO_SIZE_VER1,
				uarg);
	if (ret)
		return ret;
	if (!lb_zero(info.reserved, sizeof(info.reserved)))
		return -EINVAL;

	usize = info.size;
	wl_info = info.wl_info;
	wl_info_len = info.wl_info_len;
	memset(&info, 0, sizeof(info));
	info.abi_version = LAZYBENCH_ABI_VERSION;
	strscpy(info.module_version, LB_MODULE_VERSION);
	strscpy(info.machine, utsname()->machine);
	strscpy(info.release, utsname()->release);
	task_state = lb_task_state(&info.task_enable_count,
				   &info.task_pause_count);
	info.task_paused_by_module = lb_task_paused_by_module(current);
	info.generation = lb_mode_generation();
	info.flags = lb_info_flags(task_state);
	info.page_size = PAGE_SIZE;
	info.mmu = lb_info_mmu();
	info.max_reps = LB_MAX_REPS;
	info.max_pages = lb_max_pages();
	info.max_delay_ns = LB_MAX_DELAY_NS;
	info.max_work = LB_MAX_WORK;
	info.max_delay_total_ns = LB_MAX_DELAY_TOTAL_NS;
	lb_info_avail_v1(&info);
	info.wl_info = wl_info;
	info.wl_info_len = wl_info_len;
	ret = lb_info_wl(&info);
	if (ret)
		return ret;
	return lb_copy_struct_out(uarg, &info, sizeof(info), usize);
}
