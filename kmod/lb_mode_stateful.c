// SPDX-License-Identifier: GPL-2.0
/*
 * Mode wrappers for the stateful generation of the nesting series (v1/v2,
 * never merged): arch_enter_lazy_mmu_mode() returns a lazy_mmu_state_t that
 * arch_leave_lazy_mmu_mode() takes back. It nests, but has no pause: off and
 * paused are refused, and so are the workloads that pause inside their
 * callback (populate/kasan, depopulate).
 */
#include <linux/pgtable.h>

#include "lb.h"
#include "lb_compat.h"
#include "lb_mode_common.h"

#if LB_GEN == LB_GEN_STATEFUL_V2

u32 lb_mode_generation(void)
{
	return LAZYBENCH_GEN_STATEFUL_V2;
}

unsigned long lb_mode_enter(u32 mode)
{
	if (mode == LAZYBENCH_MODE_NESTED)
		return (unsigned long)arch_enter_lazy_mmu_mode();
	return 0;
}

void lb_mode_exit(u32 mode, unsigned long token)
{
	if (mode == LAZYBENCH_MODE_NESTED)
		arch_leave_lazy_mmu_mode((lazy_mmu_state_t)token);
}

int lb_mode_available(const struct lb_kwl *wl, u32 variant, u32 mode,
		      char *reason, size_t len)
{
	if (wl->id == LAZYBENCH_WL_DEPOPULATE ||
	    variant == LAZYBENCH_VARIANT_KASAN) {
		snprintf(reason, len,
			 "the stateful-v2 lazy MMU API has no pause for the callback");
		return -EOPNOTSUPP;
	}
	switch (mode) {
	case LAZYBENCH_MODE_ON:
		return 0;
	case LAZYBENCH_MODE_NESTED:
		return lb_refuse_sleep_in_section(wl, variant, reason, len);
	default:
		snprintf(reason, len,
			 "the stateful-v2 lazy MMU API has no pause/resume");
		return -EOPNOTSUPP;
	}
}

/* Never called: the workloads that pause are refused above. */
void lb_lazy_pause(void)
{
}

void lb_lazy_resume(void)
{
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

#endif /* LB_GEN == LB_GEN_STATEFUL_V2 */
