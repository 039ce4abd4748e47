// SPDX-License-Identifier: GPL-2.0
/* Memory bounds of a run, and the injected delay. */
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/mm.h>

#include "lb.h"

/* Pages held by RUNs in flight, all threads together. */
static atomic_long_t lb_pages_in_use = ATOMIC_LONG_INIT(0);

/*
 * A quarter of what the kernel thinks it can give without swapping: the
 * page-table pages and vmalloc metadata of the run come on top.
 */
unsigned long lb_max_pages(void)
{
	return min_t(unsigned long, si_mem_available() / 4, LB_PAGES_CAP);
}

int lb_pages_reserve(unsigned long pages)
{
	unsigned long total = atomic_long_add_return(pages, &lb_pages_in_use);

	if (total > lb_max_pages()) {
		atomic_long_sub(pages, &lb_pages_in_use);
		return -ENOMEM;
	}
	return 0;
}

void lb_pages_release(unsigned long pages)
{
	atomic_long_sub(pages, &lb_pages_in_use);
}

/* Busy-wait: legal inside a section even where the mode disables preemption. */
void lb_delay(u32 ns)
{
	if (ns >= 1000)
		udelay(ns / 1000);
	if (ns % 1000)
		ndelay(ns % 1000);
}
