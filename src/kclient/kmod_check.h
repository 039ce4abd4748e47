/* SPDX-License-Identifier: GPL-2.0 */
/* The module's checks and per-repetition accounting as JSON (kmod run, run.json). */
#ifndef LB_KMOD_CHECK_H
#define LB_KMOD_CHECK_H

#include <jansson.h>
#include <stdint.h>

#include "lazybench.h"

/* The case's state_check for run.json (docs/results-format.md); null when not applicable. */
json_t *lb_kmod_check_json(const struct lazybench_state_check *k, const char *reason);
/* The RUN's mode_check: {"result", "sections", "claimed_at_entry", ...}. */
json_t *lb_kmod_mode_check_json(const struct lazybench_mode_check *m);
/* One repetition's accounting (docs/kmod.md); ptes_per_lazy_section null in off/paused. */
json_t *lb_kmod_rep_json(const struct lazybench_rep *r);
/* @n repetitions as one object of arrays, one entry per repetition (run.json "kernel"). */
json_t *lb_kmod_reps_json(const struct lazybench_rep *reps, uint32_t n);

#endif
