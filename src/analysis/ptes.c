// SPDX-License-Identifier: GPL-2.0
/* PTEs per operation; see ptes.h. */
#include "ptes.h"
#include "env_keys.h"

double lb_ptes_of(long pages, long page_size)
{
	long long bytes;

	if (pages <= 0)
		return 0;
	if (page_size <= 4096)
		return (double)pages;
	bytes = (long long)pages * 4096;
	return (double)((bytes + page_size - 1) / page_size);
}

double lb_case_ptes(const struct lb_rrun *run, const struct lb_rcase *c)
{
	json_t *ps = run ? lb_run_env_get(run, LB_ENV_PAGE_SIZE) : NULL;

	return lb_ptes_of(c->pages, json_is_integer(ps) ? (long)json_integer_value(ps) : 4096);
}
