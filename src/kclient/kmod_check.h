/* SPDX-License-Identifier: GPL-2.0 */
/* The module's mode-state check (struct lazybench_state_check) as JSON. */
#ifndef LB_KMOD_CHECK_H
#define LB_KMOD_CHECK_H

#include <jansson.h>

#include "lazybench.h"

/* The case's state_check for run.json (docs/results-format.md); null when not applicable. */
json_t *lb_kmod_check_json(const struct lazybench_state_check *k, const char *reason);

#endif
