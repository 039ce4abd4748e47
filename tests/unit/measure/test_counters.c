// SPDX-License-Identifier: GPL-2.0
/* Counter names (--events parsing, default set), /proc/interrupts parsing, errno reasons. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <linux/perf_event.h>

#include "counters.h"
#include "event_spec.h"
#include "interrupts.h"

static void parse_names(void **state)
{
	struct lb_event_spec s;
	char err[200];

	(void)state;
	assert_int_equal(lb_event_parse("cycles", &s, err, sizeof(err)), 0);
	assert_int_equal(s.source, LB_SRC_PFM);
	assert_string_equal(s.event, "cycles");
	assert_string_equal(s.filter, "");

	assert_int_equal(lb_event_parse("tlb:tlb_flush[reason == 4]", &s, err, sizeof(err)), 0);
	assert_int_equal(s.source, LB_SRC_TRACEPOINT);
	assert_string_equal(s.event, "tlb:tlb_flush");
	assert_string_equal(s.sys, "tlb");
	assert_string_equal(s.tp, "tlb_flush");
	assert_string_equal(s.filter, "reason == 4");
	assert_string_equal(s.name, "tlb:tlb_flush[reason == 4]");

	/* libpfm PMU-qualified names have "::" and are never tracepoints. */
	assert_int_equal(lb_event_parse("arm_ac57::DSB_SPEC", &s, err, sizeof(err)), 0);
	assert_int_equal(s.source, LB_SRC_PFM);
	assert_int_equal(
	    lb_event_parse("perf::PERF_COUNT_HW_CACHE_DTLB:READ:MISS", &s, err, sizeof(err)), 0);
	assert_int_equal(s.source, LB_SRC_PFM);
	/* One colon: a tracepoint candidate, handed to libpfm when tracefs lacks it. */
	assert_int_equal(lb_event_parse("PM_TLBIE_FIN:xyz", &s, err, sizeof(err)), 0);
	assert_int_equal(s.source, LB_SRC_TRACEPOINT);

	assert_int_equal(lb_event_parse("interrupts:TLB", &s, err, sizeof(err)), 0);
	assert_int_equal(s.source, LB_SRC_INTERRUPTS);
	assert_string_equal(s.tp, "TLB");
}

static void parse_errors(void **state)
{
	struct lb_event_spec s;
	char err[200];

	(void)state;
	assert_int_equal(lb_event_parse("", &s, err, sizeof(err)), -1);
	assert_int_equal(lb_event_parse("tlb:tlb_flush[reason == 4", &s, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "filter"));
	assert_int_equal(lb_event_parse("tlb:tlb_flush[]", &s, err, sizeof(err)), -1);
	assert_int_equal(lb_event_parse("[reason == 4]", &s, err, sizeof(err)), -1);
	assert_int_equal(lb_event_parse("tlb:", &s, err, sizeof(err)), -1);
	assert_int_equal(lb_event_parse("cycles[x == 1]", &s, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "not a tracepoint"));
	assert_int_equal(lb_event_parse("tlb:tlb flush", &s, err, sizeof(err)), -1);
}

static void defaults(void **state)
{
	struct lb_event_spec s[32];
	size_t n = lb_event_defaults(s, 32);
	int found_reason4 = 0, found_cycles = 0;

	(void)state;
#if defined(__x86_64__)
	assert_int_equal(n, 14);
	assert_string_equal(s[n - 1].name, "irq.tlb_shootdowns");
#else
	assert_int_equal(n, 13);
#endif
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(s[i].name, "tlb_flush.remote_ipi_send")) {
			found_reason4 = 1;
			assert_string_equal(s[i].filter, "reason == 4");
		}
		found_cycles |= !strcmp(s[i].name, "cycles");
	}
	assert_true(found_reason4);
	assert_true(found_cycles);
	assert_string_equal(s[0].name, "task-clock");
	assert_string_equal(s[4].name, "tlb_flush");
	/* A short buffer is never overrun. */
	assert_int_equal(lb_event_defaults(s, 3), 3);
}

/* Software clocks are CPU time in the thread scope only; CPU-wide they count elapsed time. */
static void clocks_thread_scope_only(void **state)
{
	(void)state;
	assert_true(lb_counter_fits_scope(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK, false));
	assert_true(lb_counter_fits_scope(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_CLOCK, false));
	assert_false(lb_counter_fits_scope(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK, true));
	assert_false(lb_counter_fits_scope(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_CLOCK, true));
	/* Counts of events stay in every scope. */
	assert_true(lb_counter_fits_scope(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS, true));
	assert_true(
	    lb_counter_fits_scope(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CONTEXT_SWITCHES, true));
	assert_true(lb_counter_fits_scope(PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES, true));
	assert_true(lb_counter_fits_scope(PERF_TYPE_TRACEPOINT, PERF_COUNT_SW_TASK_CLOCK, true));
}

static void interrupts(void **state)
{
	const char *text = "            CPU0       CPU2       \n"
			   "  0:         36          0   IO-APIC    2-edge      timer\n"
			   "NMI:          0          0   Non-maskable interrupts\n"
			   "TLB:       1847       1606   TLB shootdowns\n"
			   "ERR:          0\n";
	uint64_t v = 0;

	(void)state;
	assert_int_equal(lb_interrupts_parse(text, "TLB", 0, &v), 0);
	assert_int_equal(v, 1847);
	/* Column 2 is CPU2: CPU1 is offline and has no column. */
	assert_int_equal(lb_interrupts_parse(text, "TLB", 2, &v), 0);
	assert_int_equal(v, 1606);
	assert_int_equal(lb_interrupts_parse(text, "TLB", 1, &v), -1);
	assert_int_equal(lb_interrupts_parse(text, "CAL", 0, &v), -1);
	assert_int_equal(lb_interrupts_parse(text, "ERR", 2, &v), -1);
}

static void reasons(void **state)
{
	(void)state;
	assert_non_null(strstr(lb_counter_reason(ENOENT, PERF_TYPE_HARDWARE, false), "no PMU"));
	assert_non_null(strstr(lb_counter_reason(EOPNOTSUPP, PERF_TYPE_HW_CACHE, false), "no PMU"));
	/* A PMU that exists but lacks the event must not be called missing. */
	assert_string_equal(lb_counter_reason(ENOENT, PERF_TYPE_HARDWARE, true),
			    "hardware event not supported by this CPU's PMU");
	assert_non_null(
	    strstr(lb_counter_reason(EACCES, PERF_TYPE_TRACEPOINT, false), "not permitted"));
	assert_non_null(
	    strstr(lb_counter_reason(EPERM, PERF_TYPE_SOFTWARE, true), "not permitted"));
	assert_null(strstr(lb_counter_reason(ENOENT, PERF_TYPE_TRACEPOINT, true), "PMU"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(parse_names), cmocka_unit_test(parse_errors),
	    cmocka_unit_test(defaults),	   cmocka_unit_test(interrupts),
	    cmocka_unit_test(reasons),	   cmocka_unit_test(clocks_thread_scope_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
