// SPDX-License-Identifier: GPL-2.0
/*
 * Mode wrappers for the stateless generation (up to 6.19):
 * arch_{enter,leave}_lazy_mmu_mode(), no nesting, no pause, no task state.
 * Only "on" can always be expressed; "nested" only where entering twice is
 * harmless: the generic no-op, or x86 outside a Xen PV guest, where the
 * paravirt hooks are patched to NOPs.
 */
#include <linux/pgtable.h>
#include <xen/xen.h>

#include "lb.h"
#include "lb_compat.h"
#include "lb_mode_common.h"

#if LB_GEN == LB_GEN_STATELESS

u32 lb_mode_generation(void)
{
	return LAZYBENCH_GEN_STATELESS;
}

unsigned long lb_mode_enter(u32 mode)
{
	if (mode == LAZYBENCH_MODE_NESTED)
		arch_enter_lazy_mmu_mode();
	return 0;
}

void lb_mode_exit(u32 mode, unsigned long token)
{
	if (mode == LAZYBENCH_MODE_NESTED)
		arch_leave_lazy_mmu_mode();
}

static bool lb_nesting_harmless(void)
{
#if !LB_ARCH_LAZY
	return true;
#elif defined(CONFIG_X86)
	return !xen_pv_domain();
#else
	return false;
#endif
}

int lb_mode_available(const struct lb_kwl *wl, u32 variant, u32 mode,
		      char *reason, size_t len)
{
	switch (mode) {
	case LAZYBENCH_MODE_ON:
		return 0;
	case LAZYBENCH_MODE_NESTED:
		if (!lb_nesting_harmless()) {
			snprintf(reason, len,
				 "the stateless lazy MMU API (<= 6.19) forbids nesting on this arch");
			return -EOPNOTSUPP;
		}
		return lb_refuse_sleep_in_section(wl, variant, reason, len);
	default:
		snprintf(reason, len,
			 "the stateless lazy MMU API (<= 6.19) has no pause/resume");
		return -EOPNOTSUPP;
	}
}

/* As kasan_populate_vmalloc_pte() did before 7.0: leave, then re-enter. */
void lb_lazy_pause(void)
{
	arch_leave_lazy_mmu_mode();
}

void lb_lazy_resume(void)
{
	arch_enter_lazy_mmu_mode();
}

bool lb_lazy_state_known(void)
{
	return false;
}

bool lb_lazy_active(void)
{
	return false;
}

bool lb_task_state(u8 *enable_count, u8 *pause_count)
{
	*enable_count = 0;
	*pause_count = 0;
	return false;
}

#endif /* LB_GEN == LB_GEN_STATELESS */
