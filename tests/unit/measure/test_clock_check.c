// SPDX-License-Identifier: GPL-2.0
/* The clock check `run` applies before timing anything: refuse a clock coarser than 1 us,
 * an unknown resolution and the jiffies clocksource, each with a reason naming both inputs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "clock_check.h"

static void usable(void **state)
{
	char reason[256] = "untouched";

	(void)state;
	assert_int_equal(lb_clock_check(1, "tsc", reason, sizeof(reason)), 0);
	assert_int_equal(lb_clock_check(LB_MAX_CLOCK_RES_NS, "hpet", reason, sizeof(reason)), 0);
	assert_int_equal(lb_clock_check(1, NULL, reason, sizeof(reason)), 0);
	assert_int_equal(lb_clock_check(1, "arch_sys_counter", reason, sizeof(reason)), 0);
	assert_string_equal(reason, "untouched");
}

static void coarse(void **state)
{
	char reason[256];

	(void)state;
	assert_int_equal(LB_MAX_CLOCK_RES_NS, 1000);
	assert_int_equal(lb_clock_check(1001, "acpi_pm", reason, sizeof(reason)), -1);
	assert_non_null(strstr(reason, "1001 ns"));
	assert_non_null(strstr(reason, "acpi_pm"));
	assert_non_null(strstr(reason, "coarser than 1000 ns"));
	/* HZ=250 low-resolution timers: 4 ms. */
	assert_int_equal(lb_clock_check(4000000, "jiffies", reason, sizeof(reason)), -1);
	assert_non_null(strstr(reason, "4000000 ns"));
	assert_non_null(strstr(reason, "jiffies"));
	assert_int_equal(lb_clock_check(4000000, NULL, reason, sizeof(reason)), -1);
	assert_non_null(strstr(reason, "clocksource unknown"));
}

static void unknown_or_jiffies(void **state)
{
	char reason[256];

	(void)state;
	assert_int_equal(lb_clock_check(-1, "tsc", reason, sizeof(reason)), -1);
	assert_non_null(strstr(reason, "resolution unknown"));
	assert_non_null(strstr(reason, "tsc"));
	assert_int_equal(lb_clock_check(0, "tsc", reason, sizeof(reason)), -1);
	assert_non_null(strstr(reason, "resolution unknown"));
	assert_int_equal(lb_clock_check(1, "jiffies", reason, sizeof(reason)), -1);
	assert_non_null(strstr(reason, "jiffies"));
	/* A short buffer is never overrun and still terminated. */
	assert_int_equal(lb_clock_check(5000, "tsc", reason, 8), -1);
	assert_int_equal(strlen(reason), 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(usable),
	    cmocka_unit_test(coarse),
	    cmocka_unit_test(unknown_or_jiffies),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
