// SPDX-License-Identifier: GPL-2.0
/*
 * Mode wrappers for the nesting generation (7.0 and later):
 * lazy_mmu_mode_{enable,disable,pause,resume}() and a per-task
 * struct lazy_mmu_state { u8 enable_count; u8 pause_count; }.
 */
#include <linux/pgtable.h>
#include <linux/sched.h>

#include "lb.h"
#include "lb_compat.h"
#include "lb_mode_common.h"

#if LB_GEN == LB_GEN_NESTING

u32 lb_mode_generation(void)
{
	return LAZYBENCH_GEN_NESTING;
}

unsigned long lb_mode_enter(u32 mode)
{
	switch (mode) {
	case LAZYBENCH_MODE_OFF:
		/* Every enable inside becomes a no-op until resume. */
		lazy_mmu_mode_pause();
		break;
	case LAZYBENCH_MODE_NESTED:
		/* The operation's own sections become nested ones. */
		lazy_mmu_mode_enable();
		break;
	case LAZYBENCH_MODE_PAUSED:
		lazy_mmu_mode_enable();
		lazy_mmu_mode_pause();
		break;
	}
	return 0;
}

void lb_mode_exit(u32 mode, unsigned long token)
{
	switch (mode) {
	case LAZYBENCH_MODE_OFF:
		lazy_mmu_mode_resume();
		break;
	case LAZYBENCH_MODE_NESTED:
		lazy_mmu_mode_disable();
		break;
	case LAZYBENCH_MODE_PAUSED:
		lazy_mmu_mode_resume();
		lazy_mmu_mode_disable();
		break;
	}
}

int lb_mode_available(const struct lb_kwl *wl, u32 variant, u32 mode,
		      char *reason, size_t len)
{
	/* Only nested keeps the mode active around the whole operation. */
	if (mode == LAZYBENCH_MODE_NESTED)
		return lb_refuse_sleep_in_section(wl, variant, reason, len);
	return 0;
}

void lb_lazy_pause(void)
{
	lazy_mmu_mode_pause();
}

void lb_lazy_resume(void)
{
	lazy_mmu_mode_resume();
}

bool lb_lazy_state_known(void)
{
	return IS_ENABLED(CONFIG_ARCH_HAS_LAZY_MMU_MODE);
}

bool lb_lazy_active(void)
{
#ifdef CONFIG_ARCH_HAS_LAZY_MMU_MODE
	return is_lazy_mmu_mode_active();
#else
	return false;
#endif
}

bool lb_task_state(u8 *enable_count, u8 *pause_count)
{
#ifdef CONFIG_ARCH_HAS_LAZY_MMU_MODE
	*enable_count = current->lazy_mmu_state.enable_count;
	*pause_count = current->lazy_mmu_state.pause_count;
	return true;
#else
	*enable_count = 0;
	*pause_count = 0;
	return false;
#endif
}

#endif /* LB_GEN == LB_GEN_NESTING */
