// SPDX-License-Identifier: GPL-2.0
/* --rounds: a later visit's counters append to the case's, matched by index; a counter whose
 * availability differs between visits (or a different counter set) becomes unavailable. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "counters.h"
#include "run_case.h"

/* n counters "ev0".."evN" in scope thread; available ones hold vals values start, start+1, ... */
static struct lb_counter_result *make(size_t n, const bool *avail, size_t vals, uint64_t start)
{
	struct lb_counter_result *r = calloc(n, sizeof(*r));
	char name[16];

	assert_non_null(r);
	for (size_t i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "ev%zu", i);
		r[i].event = strdup(name);
		r[i].name = strdup(name);
		r[i].scope = "thread";
		r[i].available = avail[i];
		if (avail[i]) {
			r[i].values = malloc((vals ? vals : 1) * sizeof(uint64_t));
			for (size_t v = 0; v < vals; v++)
				r[i].values[v] = start + v;
		} else {
			r[i].err_name = "ENOENT";
			r[i].reason = strdup("no PMU");
		}
	}
	return r;
}

static void appends_and_marks(void **state)
{
	static const bool first[] = {true, true, false, true};
	static const bool second[] = {true, false, true, true};
	static const bool third[] = {true, true, true, true};
	struct lb_case_result c;
	struct lb_counter_result *k;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.counters = make(4, first, 4, 100);
	c.n_counters = 4;
	/* Round 2: 3 more values; ev1 lost, ev2 appeared. */
	lb_case_merge_counters(&c, make(4, second, 3, 200), 4, 4, 3, 2);
	k = c.counters;
	assert_true(k[0].available);
	assert_int_equal(k[0].values[3], 103);
	assert_int_equal(k[0].values[4], 200);
	assert_int_equal(k[0].values[6], 202);
	assert_false(k[1].available);
	assert_null(k[1].values);
	assert_string_equal(k[1].err_name, "ENOENT");
	assert_non_null(strstr(k[1].reason, "round 2"));
	assert_non_null(strstr(k[1].reason, "no PMU"));
	assert_false(k[2].available);
	assert_null(k[2].values);
	assert_non_null(strstr(k[2].reason, "available in round 2"));
	assert_true(k[3].available);
	assert_int_equal(k[3].values[6], 202);
	/* Round 3: everything available again; the mixed ones stay unavailable, reasons kept. */
	lb_case_merge_counters(&c, make(4, third, 3, 300), 4, 7, 3, 3);
	assert_true(k[0].available);
	assert_int_equal(k[0].values[7], 300);
	assert_int_equal(k[0].values[9], 302);
	assert_false(k[1].available);
	assert_non_null(strstr(k[1].reason, "round 2"));
	assert_false(k[2].available);
	assert_non_null(strstr(k[2].reason, "round 2"));
	assert_int_equal(k[3].values[9], 302);
	lb_counter_results_free(c.counters, c.n_counters);
}

static void different_sets_are_not_mixed(void **state)
{
	static const bool all[] = {true, true};
	struct lb_case_result c;
	struct lb_counter_result *add;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.counters = make(2, all, 2, 1);
	c.n_counters = 2;
	/* Same count, but the second counter is another event; and then one counter fewer. */
	add = make(2, all, 2, 10);
	free(add[1].event);
	add[1].event = strdup("other");
	lb_case_merge_counters(&c, add, 2, 2, 2, 2);
	assert_true(c.counters[0].available);
	assert_int_equal(c.counters[0].values[3], 11);
	assert_false(c.counters[1].available);
	assert_null(c.counters[1].values);
	assert_non_null(strstr(c.counters[1].reason, "differ"));
	lb_case_merge_counters(&c, make(1, all, 2, 20), 1, 4, 2, 3);
	assert_true(c.counters[0].available);
	assert_int_equal(c.counters[0].values[5], 21);
	assert_false(c.counters[1].available);
	lb_counter_results_free(c.counters, c.n_counters);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(appends_and_marks),
	    cmocka_unit_test(different_sets_are_not_mixed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
