// SPDX-License-Identifier: GPL-2.0
/* The summary table on a synthetic run: the header says the counter columns are per
 * repetition, per-page cost divides by pages (never batch), refused cases say why, and the
 * last line names the results directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "summary.h"

/* Line `n` (from 0) of text into out; -1 when there are fewer lines. */
static int line_of(const char *text, int n, char *out, size_t len)
{
	for (; n > 0; n--) {
		text = strchr(text, '\n');
		if (!text)
			return -1;
		text++;
	}
	if (!*text)
		return -1;
	snprintf(out, len, "%.*s", (int)strcspn(text, "\n"), text);
	return 0;
}

static void table(void **state)
{
	static double samples[3] = {5000, 5120, 5300};
	static uint64_t flush[3] = {7, 9, 8}, zero[3] = {0, 0, 0};
	struct lb_counter_result counters[3] = {
	    {.name = "tlb_flush", .scope = "cpu", .available = true, .values = flush},
	    {.name = "ipi_send_cpu", .scope = "cpu", .available = true, .values = zero},
	    {.name = "ipi_send_cpumask", .scope = "cpu", .available = true, .values = zero},
	};
	struct lb_case_result cases[2];
	struct lb_run run;
	char *text = NULL, line[600], cols[16][64];
	size_t len = 0;
	FILE *f;
	int n;

	(void)state;
	memset(cases, 0, sizeof(cases));
	cases[0] = (struct lb_case_result){.workload = "populate",
					   .kind = LB_KIND_KERNEL,
					   .variant = "prealloc",
					   .mode = LB_MODE_ON,
					   .pages = 512,
					   .batch = 8,
					   .remote = "none",
					   .remote_cpu = -1,
					   .started = true,
					   .complete = true,
					   .reps_done = 3,
					   .n_metrics = 1,
					   .n_counters = 3,
					   .counters = counters};
	cases[0].metrics[0].name = "populate";
	cases[0].metrics[0].samples = samples;
	cases[0].metrics[0].summary =
	    (struct lb_summary){.n = 3, .median = 5120, .ci_low = 5000, .ci_high = 5300};
	cases[1] = (struct lb_case_result){.workload = "vmalloc",
					   .kind = LB_KIND_KERNEL,
					   .mode = LB_MODE_OFF,
					   .pages = 64,
					   .batch = -1,
					   .remote = "none",
					   .remote_cpu = -1,
					   .started = true,
					   .refused = true,
					   .refused_err = "ENOSYS"};
	snprintf(cases[1].refused_reason, sizeof(cases[1].refused_reason), "no module here");
	memset(&run, 0, sizeof(run));
	run.n_cases = 2;
	run.cases = cases;

	f = open_memstream(&text, &len);
	assert_non_null(f);
	lb_summary_print(f, &run, "results/x");
	fclose(f);

	/* Header: counter columns say per repetition. */
	assert_int_equal(line_of(text, 0, line, sizeof(line)), 0);
	n = sscanf(line,
		   "%63s %63s %63s %63s %63s %63s %63s %63s %63s %63s %63s %63s %63s %63s "
		   "%63s %63s",
		   cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6], cols[7], cols[8],
		   cols[9], cols[10], cols[11], cols[12], cols[13], cols[14], cols[15]);
	assert_int_equal(n, 16); /* "95% CI of median" is four words */
	assert_string_equal(cols[3], "batch");
	assert_string_equal(cols[11], "ns/page");
	assert_string_equal(cols[13], "tlb_flush/rep");
	assert_string_equal(cols[14], "ipis/rep");
	assert_string_equal(cols[15], "rmt_shtdn/rep");

	/* The kernel case: 5120 ns over 512 pages is 10 ns/page (not 640, the batch's). */
	assert_int_equal(line_of(text, 1, line, sizeof(line)), 0);
	n = sscanf(line, "%63s %63s %63s %63s %63s %63s %63s %63s %63s %63s %63s %63s", cols[0],
		   cols[1], cols[2], cols[3], cols[4], cols[5], cols[6], cols[7], cols[8], cols[9],
		   cols[10], cols[11]);
	assert_int_equal(n, 12);
	assert_string_equal(cols[0], "populate:prealloc");
	assert_string_equal(cols[2], "512");
	assert_string_equal(cols[3], "8");
	assert_string_equal(cols[6], "5120");
	assert_string_equal(cols[9], "10.00");
	assert_string_equal(cols[11], "8.0"); /* median tlb_flush per repetition */

	/* The refused case says so, with its reason. */
	assert_int_equal(line_of(text, 2, line, sizeof(line)), 0);
	assert_non_null(strstr(line, "vmalloc"));
	assert_non_null(strstr(line, "refused: no module here"));

	/* The legend defines /rep; the last line names the results. */
	assert_non_null(strstr(text, "\n/rep: median over the repetitions of the count in one "
				     "repetition"));
	assert_non_null(strstr(text, "\nns/page: median_ns / pages"));
	assert_int_equal(
	    strcmp(text + len - strlen("\nresults: results/x\n"), "\nresults: results/x\n"), 0);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
