// SPDX-License-Identifier: GPL-2.0
/* INFO: what this module and kernel can do, and the calling task's state. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/utsname.h>

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

static void lb_info_avail(struct lazybench_info *info)
{
	char reason[LAZYBENCH_REASON_LEN];
	u32 w, v, m;

	for (w = 0; w < LAZYBENCH_WL_COUNT; w++) {
		const struct lb_workload *wl = lb_workload_get(w);

		for (v = 0; v < LAZYBENCH_VARIANT_COUNT; v++) {
			if (!(wl->variants & BIT(v)))
				continue;
			for (m = 0; m < LAZYBENCH_MODE_COUNT; m++)
				if (!lb_case_available(wl, v, m, reason,
						       sizeof(reason)))
					info->avail[w][v] |= BIT(m);
		}
	}
}

long lb_ioctl_info(void __user *uarg)
{
	struct lazybench_info info;
	bool task_state;
	u32 usize;
	int ret;

	BUILD_BUG_ON(sizeof(info) != LAZYBENCH_INFO_SIZE_VER1);
	ret = lb_copy_struct_in(&info, sizeof(info), LAZYBENCH_INFO_SIZE_VER1,
				uarg);
	if (ret)
		return ret;
	if (!lb_zero(info.reserved, sizeof(info.reserved)))
		return -EINVAL;

	usize = info.size;
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
	lb_info_avail(&info);
	return lb_copy_struct_out(uarg, &info, sizeof(info), usize);
}
