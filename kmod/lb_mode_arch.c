// SPDX-License-Identifier: GPL-2.0
/* Arch facts that do not depend on the API generation. */
#include <linux/mm.h>

#include "lb.h"

bool lb_mode_disables_preemption(void)
{
#if defined(CONFIG_SPARC64)
	return true;
#elif defined(CONFIG_PPC_BOOK3S_64)
	return !radix_enabled();
#else
	return false;
#endif
}
