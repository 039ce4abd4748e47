/* SPDX-License-Identifier: GPL-2.0 */
/* Disable ASLR for the measuring process, as `setarch -R` does: where mappings land relative
 * to page-table pages changes page-table benchmark results. */
#ifndef LB_ASLR_H
#define LB_ASLR_H

#include <stdbool.h>
#include <stddef.h>

/* Make sure this process runs with ADDR_NO_RANDOMIZE: sets the personality and re-executes
 * /proc/self/exe with argv (only returns on failure or when already disabled). Returns true
 * when ASLR is off for this process; false with the reason otherwise (the run goes on). */
bool lb_aslr_disable(char **argv, char *reason, size_t len);

#endif
