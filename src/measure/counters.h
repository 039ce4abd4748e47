/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Counters for one case: every event in every scope, opened as perf_event_open groups
 * (PERF_FORMAT_GROUP, time_enabled/time_running scaling), enabled only inside the timed
 * regions the workload brackets, summed per repetition.
 *
 * Scopes: "thread" = the measuring thread only (a forked child is not in it); "cpu" = the
 * whole measuring CPU (catches the fork child, which inherits the pinning, and anything else
 * that runs there); "remote_cpu" = the CPU of the remote thread. Kernel counting is never
 * excluded: the kernel is what we measure (and tracepoints count 0 with exclude_kernel).
 * Software clocks (task-clock, cpu-clock) exist in the thread scope only: CPU-wide, they count
 * elapsed time while enabled (idle included), not CPU time (lb_counter_fits_scope).
 */
#ifndef LB_COUNTERS_H
#define LB_COUNTERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event_spec.h"
#include "results.h"

struct lb_counters;

/* Open every spec in scopes thread and cpu (and remote_cpu when remote_cpu >= 0). Events that
 * cannot be opened are kept as unavailable with errno and reason. NULL only without memory. */
struct lb_counters *lb_counters_open(const struct lb_event_spec *specs, size_t n, int cpu,
				     int remote_cpu, size_t max_reps);
/* Bracket one timed region. */
void lb_counters_start(struct lb_counters *c);
void lb_counters_stop(struct lb_counters *c);
/* A repetition: zero the sums; at its end keep them (a measured repetition) or drop (warmup). */
void lb_counters_rep_begin(struct lb_counters *c);
void lb_counters_rep_end(struct lb_counters *c, bool keep);
/* The sums bracketed so far in this repetition become the baseline (and the sums restart). */
void lb_counters_rep_baseline(struct lb_counters *c);
/* What this repetition bracketed, less the baseline, covers @n repetitions: this one and the
 * next n - 1 each keep (sum - baseline) / n. A counter whose sum is below its baseline becomes
 * unavailable (ERANGE, with the reason), never a 0. */
void lb_counters_rep_spread(struct lb_counters *c, unsigned n);
/* Results for run.json: a new array (caller frees with lb_counter_results_free). */
size_t lb_counters_export(const struct lb_counters *c, struct lb_counter_result **out);
void lb_counter_results_free(struct lb_counter_result *r, size_t n);
void lb_counters_close(struct lb_counters *c);

/* Whether an event of perf type/config is opened in a scope: false for the software clocks
 * (task-clock, cpu-clock) CPU-wide (cpu and remote_cpu scopes), which count elapsed time with
 * the CPU idle or busy with anything, not CPU time. Pure; unit-tested. */
bool lb_counter_fits_scope(unsigned type, uint64_t config, bool cpu_wide);

/*
 * Whether some event source knows the name: libpfm4 on this CPU, a tracepoint in tracefs, an
 * /proc/interrupts line. 0 also when it cannot tell (no tracefs). -1 with why = "unknown event
 * 'NAME': ...": a usage error, unlike an event that exists but cannot be opened here.
 */
int lb_event_check_known(const struct lb_event_spec *s, char *why, size_t len);

/* Human reason for a failed perf_event_open of an event of perf type `type`. */
/* Whether /sys/bus/event_source lists a PMU with hardware counters behind it. */
bool lb_hw_pmu_present(void);
/* Why an event could not be opened: errno, perf type, and whether a hardware PMU exists. */
const char *lb_counter_reason(int err, unsigned type, bool hw_pmu);

#endif
