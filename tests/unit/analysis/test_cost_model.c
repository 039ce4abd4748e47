// SPDX-License-Identifier: GPL-2.0
/* compare --cost-model: the cost model parser, the arch check and the estimate's arithmetic. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cost_model.h"
#include "model.h"

static const char good[] = "# comment\n"
			   "   # indented comment\n"
			   "\n"
			   "model Arm Neoverse Test  \n"
			   "arch arm64\r\n"
			   "event tcg:dsb.ishst 10 Doc A, table 3-1 (https://example.org/a#t31)\n"
			   "event\ttcg:isb\t2.5\tDoc B, section 4\n"
			   "event tcg:tlbi 100 Doc C\n";

static void test_parse_good(void **state)
{
	struct lb_cost_model m;
	char err[512] = "";

	(void)state;
	assert_int_equal(lb_cost_model_parse(good, "good.cm", &m, err, sizeof(err)), 0);
	assert_string_equal(m.path, "good.cm");
	assert_string_equal(m.name, "Arm Neoverse Test");
	assert_string_equal(m.arch, "aarch64"); /* arm64 is normalised */
	assert_int_equal(m.n_events, 3);
	assert_string_equal(m.events[0].event, "tcg:dsb.ishst");
	assert_true(m.events[0].cycles == 10);
	/* The source is the rest of the line, a # in a URL included. */
	assert_string_equal(m.events[0].source, "Doc A, table 3-1 (https://example.org/a#t31)");
	assert_int_equal(m.events[0].line, 6);
	assert_string_equal(m.events[1].event, "tcg:isb");
	assert_true(m.events[1].cycles == 2.5);
	assert_string_equal(m.events[1].source, "Doc B, section 4");
	assert_non_null(lb_cost_model_find(&m, "tcg:tlbi"));
	assert_null(lb_cost_model_find(&m, "tcg:tlbi.vae1is"));
	assert_null(lb_cost_model_find(&m, "isb"));
	lb_cost_model_free(&m);
	assert_null(m.events);
}

/* Each malformed form: one line "PATH:LINE: what", nothing kept. */
static void expect_error(const char *text, const char *want)
{
	struct lb_cost_model m;
	char err[512] = "";

	assert_int_equal(lb_cost_model_parse(text, "bad.cm", &m, err, sizeof(err)), -1);
	if (!strstr(err, want))
		fail_msg("error '%s' lacks '%s'", err, want);
	assert_null(strchr(err, '\n'));
	assert_null(m.events);
	assert_null(m.name);
}

static void test_parse_errors(void **state)
{
	(void)state;
	expect_error("model X\narch x86_64\nevnt tcg:isb 1 s\n",
		     "bad.cm:3: unknown keyword 'evnt' (want model, arch or event)");
	expect_error("model X\nmodel Y\n", "bad.cm:2: a second 'model' line (the first is line 1)");
	expect_error("arch x86_64\narch ppc64le\n",
		     "bad.cm:2: a second 'arch' line (the first is line 1)");
	expect_error("model\n", "bad.cm:1: 'model' needs the CPU model's name");
	expect_error("arch\n", "bad.cm:1: 'arch' needs an arch");
	expect_error("arch mips\n", "bad.cm:1: unknown arch 'mips' (want aarch64, x86_64, ppc64le "
				    "or ppc64)");
	expect_error("event tcg:isb\n", "bad.cm:1: 'event' needs EVENT CYCLES SOURCE");
	expect_error("event\n", "bad.cm:1: 'event' needs EVENT CYCLES SOURCE");
	/* Event names as run.json's counters spell them, never loosely. */
	expect_error("event isb 1 s\n", "bad.cm:1: event 'isb' is not a TCG counter event");
	expect_error("event tcg: 1 s\n", "bad.cm:1: event 'tcg:' is not a TCG counter event");
	expect_error("event tcg:DSB 1 s\n", "event 'tcg:DSB' is not");
	expect_error("event tcg:dsb..ish 1 s\n", "event 'tcg:dsb..ish' is not");
	expect_error("event tcg:dsb. 1 s\n", "event 'tcg:dsb.' is not");
	expect_error("event tcg:.dsb 1 s\n", "event 'tcg:.dsb' is not");
	expect_error("event tcg:isb 1x s\n", "bad.cm:1: cycles '1x' of tcg:isb is not a number "
					     "above 0");
	expect_error("event tcg:isb -3 s\n", "cycles '-3' of tcg:isb is not a number above 0");
	expect_error("event tcg:isb 0 s\n", "cycles '0' of tcg:isb");
	expect_error("event tcg:isb nan s\n", "cycles 'nan' of tcg:isb");
	expect_error("event tcg:isb inf s\n", "cycles 'inf' of tcg:isb");
	expect_error("event tcg:isb 12\n", "bad.cm:1: event tcg:isb has no source");
	expect_error("event tcg:isb 12   \n", "bad.cm:1: event tcg:isb has no source");
	/* What is missing at the end: named without a line. */
	expect_error("arch x86_64\nevent tcg:invlpg 5 s\n", "bad.cm: no 'model' line");
	expect_error("model X\nevent tcg:invlpg 5 s\n", "bad.cm: no 'arch' line");
	expect_error("# nothing\nmodel X\narch x86_64\n", "bad.cm: no 'event' line");
	expect_error("", "bad.cm: no 'model' line");
}

static void test_parse_duplicate_and_nested(void **state)
{
	(void)state;
	expect_error("model X\narch arm64\nevent tcg:isb 1 s\n\nevent tcg:isb 2 t\n",
		     "bad.cm:5: event tcg:isb twice (the first is line 3)");
	/* A group total and a member would cost the same instructions twice. */
	expect_error("model X\narch arm64\nevent tcg:dsb 1 s\nevent tcg:dsb.ish 2 t\n",
		     "bad.cm:4: event tcg:dsb.ish and tcg:dsb (line 3): one is the other's group "
		     "total");
	expect_error("model X\narch arm64\nevent tcg:dsb.ish 1 s\nevent tcg:dsb 2 t\n",
		     "bad.cm:4: event tcg:dsb and tcg:dsb.ish (line 3)");
}

/* Siblings and names that only share a prefix are not nested. */
static void test_parse_siblings(void **state)
{
	struct lb_cost_model m;
	char err[512];

	(void)state;
	assert_int_equal(lb_cost_model_parse("model X\narch arm64\nevent tcg:dsb.ish 1 s\nevent "
					     "tcg:dsb.ishst 2 t\nevent tcg:dsbx 3 u\n",
					     "ok.cm", &m, err, sizeof(err)),
			 0);
	assert_int_equal(m.n_events, 3);
	assert_non_null(lb_cost_model_find(&m, "tcg:dsb.ish"));
	assert_non_null(lb_cost_model_find(&m, "tcg:dsbx"));
	assert_null(lb_cost_model_find(&m, "tcg:dsb"));
	lb_cost_model_free(&m);
}

static void test_load(void **state)
{
	struct lb_cost_model m;
	char err[512];

	(void)state;
	assert_int_equal(lb_cost_model_load("/nonexistent/x.cm", &m, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent/x.cm: cannot read: No such file"));
}

static void test_arch_check(void **state)
{
	struct lb_cost_model m;
	char err[512] = "";

	(void)state;
	assert_int_equal(lb_cost_model_parse(good, "good.cm", &m, err, sizeof(err)), 0);
	assert_int_equal(lb_cost_model_check_arch(&m, "r1", "aarch64", err, sizeof(err)), 0);
	assert_int_equal(lb_cost_model_check_arch(&m, "r1", "arm64", err, sizeof(err)), 0);
	assert_int_equal(lb_cost_model_check_arch(&m, "r2", "x86_64", err, sizeof(err)), -1);
	assert_string_equal(err, "--cost-model good.cm: the model (Arm Neoverse Test) is for "
				 "aarch64, run r2 is x86_64: refusing (cycles per event hold only "
				 "for the CPU they were published for)");
	assert_int_equal(lb_cost_model_check_arch(&m, "r3", NULL, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "run r3 is of an unrecorded arch"));
	lb_cost_model_free(&m);
}

static void test_sum(void **state)
{
	struct lb_cost_model m;
	char err[512];
	size_t used = 99;
	const struct lb_cost_count c[] = {
	    {"tcg:insn", 52000}, {"tcg:dsb", 514}, {"tcg:dsb.ishst", 512},
	    {"tcg:isb", 513},	 {"tcg:tlbi", 3},  {"tcg:tlbi.vale1is", 3},
	};

	(void)state;
	assert_int_equal(lb_cost_model_parse(good, "good.cm", &m, err, sizeof(err)), 0);
	/* 512 x 10 + 513 x 2.5 + 3 x 100; tcg:dsb (a total) and tcg:insn have no figure. */
	assert_true(lb_cost_sum(&m, c, 6, &used) == 512 * 10 + 513 * 2.5 + 3 * 100);
	assert_int_equal(used, 3);
	assert_true(lb_cost_sum(&m, c, 2, &used) == 0); /* nothing with a figure: 0 cycles */
	assert_int_equal(used, 0);
	{
		const struct lb_cost_count na[] = {{"tcg:isb", NAN}, {"tcg:dsb.ishst", 4}};
		const struct lb_cost_count na_unused[] = {{"tcg:insn", NAN}, {"tcg:dsb.ishst", 4}};

		/* A count with a figure that is not available: no estimate, never a smaller one. */
		assert_true(isnan(lb_cost_sum(&m, na, 2, NULL)));
		assert_true(lb_cost_sum(&m, na_unused, 2, NULL) == 40);
	}
	lb_cost_model_free(&m);
}

/* A counter of one side: the same value in every repetition. */
static struct lb_rcounter counter(const char *name, const char *event, const char *scope, double *v,
				  size_t n)
{
	return (struct lb_rcounter){name, event, scope, true, NULL, v, n};
}

/* lb_cost_case on a matched case built by hand: per metric and scope, both sides. */
static void test_cost_case(void **state)
{
	struct lb_cost_model m;
	char err[512];
	double d512[] = {512, 512}, d2[] = {2, 2}, ins[] = {50000, 50002}, d0[] = {0, 0},
	       d3[] = {3, 3}, d514[] = {514, 514}, d4[] = {4, 4};
	/* The same counters on both sides, with these values per repetition. */
	static const struct {
		const char *name, *event, *scope;
	} spec[8] = {
	    {"tcg.map.dsb", "tcg:dsb", "vcpu"},
	    {"tcg.map.dsb.ishst", "tcg:dsb.ishst", "vcpu"},
	    {"tcg.map.dsb.ish", "tcg:dsb.ish", "vcpu"},
	    {"tcg.map.isb", "tcg:isb", "vcpu"},
	    {"tcg.map.insn", "tcg:insn", "vcpu"},
	    {"tcg.map.isb", "tcg:isb", "other_vcpus"},
	    {"tcg.map.tlbi", "tcg:tlbi", "other_vcpus"},
	    {"tlb_flush", "tlb:tlb_flush", "cpu"},
	};
	double *va[8] = {d514, d512, d2, d512, ins, d0, d3, d3};
	double *vb[8] = {d4, d2, d2, d2, ins, d0, d0, d3};
	struct lb_rcounter a[8], b[8];
	struct lb_cmp_counter k[8];
	struct lb_rcase ca = {.id = "vmalloc/-/off/p512/b512/none", .pages = 512};
	struct lb_cmp_case cc = {.a = &ca, .b = &ca, .counters = k, .n_counters = 8};
	struct lb_comparison c = {.name_a = "base", .name_b = "new"};

	(void)state;
	for (size_t i = 0; i < 8; i++) {
		a[i] = counter(spec[i].name, spec[i].event, spec[i].scope, va[i], 2);
		b[i] = counter(spec[i].name, spec[i].event, spec[i].scope, vb[i], 2);
	}
	for (size_t i = 0; i < 8; i++)
		k[i] = (struct lb_cmp_counter){a[i].name,      a[i].scope,     &a[i], &b[i],
					       a[i].values[0], b[i].values[0], NAN,   NAN};
	assert_int_equal(lb_cost_model_parse(good, "good.cm", &m, err, sizeof(err)), 0);
	assert_int_equal(lb_cost_case(&m, &c, &cc), 0);
	assert_int_equal(cc.n_costs, 2);
	/* vcpu: 512 x 10 + 512 x 2.5 = 6400 -> 2 x 10 + 2 x 2.5 = 25. */
	assert_string_equal(cc.costs[0].metric, "map");
	assert_string_equal(cc.costs[0].scope, "vcpu");
	assert_true(cc.costs[0].cycles_a == 6400);
	assert_true(cc.costs[0].cycles_b == 25);
	/* dsb.ish and insn counted without a figure; the dsb total (members listed) is not. */
	assert_string_equal(cc.costs[0].uncosted, "tcg:dsb.ish, tcg:insn");
	assert_string_equal(cc.costs[0].not_counted, "tcg:tlbi");
	assert_int_equal(cc.costs[0].n_terms, 2);
	assert_true(cc.costs[0].terms[0].per_op_a == 512 && cc.costs[0].terms[0].per_op_b == 2);
	/* other_vcpus: 3 TLBI x 100 on A, none on B; shown because A is above 0. */
	assert_string_equal(cc.costs[1].scope, "other_vcpus");
	assert_true(cc.costs[1].cycles_a == 300);
	assert_true(cc.costs[1].cycles_b == 0);
	assert_null(cc.costs[1].uncosted);
	assert_string_equal(cc.costs[1].not_counted, "tcg:dsb.ishst");
	lb_cost_case_free(&cc);

	/* The other vCPUs cost nothing on either side: no line for them. */
	k[6].per_op_a = k[6].per_op_b = 0; /* the estimate reads the medians per op */
	assert_int_equal(lb_cost_case(&m, &c, &cc), 0);
	assert_int_equal(cc.n_costs, 1);
	lb_cost_case_free(&cc);

	/* New's TCG counts unavailable (one tcg.map entry): its side says why, A's stays. */
	{
		struct lb_rcounter na = {"tcg.map",	     "tcg", "vcpu", false,
					 "regions mismatch", NULL,  0};

		for (size_t i = 0; i < 7; i++) {
			k[i].b = i ? NULL : &na;
			k[i].per_op_b = NAN;
		}
		assert_int_equal(lb_cost_case(&m, &c, &cc), 0);
		assert_true(cc.costs[0].cycles_a == 6400);
		assert_true(isnan(cc.costs[0].cycles_b));
		assert_string_equal(cc.costs[0].why_b, "regions mismatch");
		lb_cost_case_free(&cc);
	}

	/* TCG counts, but none for an event of the model: unavailable, never 0 cycles. */
	{
		struct lb_cost_model x86;

		assert_int_equal(lb_cost_model_parse("model X\narch arm64\nevent tcg:ldxr 4 s\n",
						     "x.cm", &x86, err, sizeof(err)),
				 0);
		for (size_t i = 0; i < 7; i++) {
			k[i].b = &b[i];
			k[i].per_op_b = b[i].values[0];
		}
		assert_int_equal(lb_cost_case(&x86, &c, &cc), 0);
		assert_int_equal(cc.n_costs, 1); /* other_vcpus: nothing above 0 */
		assert_true(isnan(cc.costs[0].cycles_a) && isnan(cc.costs[0].cycles_b));
		assert_string_equal(cc.costs[0].why_a,
				    "none of the model's events is counted for map");
		assert_string_equal(cc.costs[0].why_a, cc.costs[0].why_b);
		assert_string_equal(cc.costs[0].not_counted, "tcg:ldxr");
		lb_cost_case_free(&cc);
		lb_cost_model_free(&x86);
	}

	/* No TCG counter at all (a host run): one entry, unavailable on both sides alike. */
	cc.counters = &k[7];
	cc.n_counters = 1;
	assert_int_equal(lb_cost_case(&m, &c, &cc), 0);
	assert_int_equal(cc.n_costs, 1);
	assert_string_equal(cc.costs[0].metric, "");
	assert_true(isnan(cc.costs[0].cycles_a) && isnan(cc.costs[0].cycles_b));
	assert_string_equal(cc.costs[0].why_a, "no TCG counts in base or new (only lazybench vm's "
					       "TCG plugin records them)");
	assert_string_equal(cc.costs[0].why_a, cc.costs[0].why_b);
	lb_cost_case_free(&cc);
	lb_cost_model_free(&m);
}

/*
 * A figure for a group total covers its members only where the total is counted: a run that
 * has the member's counter but not the total's gets the member listed as left out.
 */
static void test_cost_case_total_not_counted(void **state)
{
	struct lb_cost_model m;
	char err[512];
	double d3[] = {3}, d1[] = {1};
	struct lb_rcounter r[] = {
	    {"tcg.all.tlbi.vale1is", "tcg:tlbi.vale1is", "vcpu", true, NULL, d3, 1},
	    {"tcg.all.isb", "tcg:isb", "vcpu", true, NULL, d1, 1},
	};
	struct lb_cmp_counter k[] = {
	    {r[0].name, "vcpu", &r[0], &r[0], 3, 3, NAN, NAN},
	    {r[1].name, "vcpu", &r[1], &r[1], 1, 1, NAN, NAN},
	};
	struct lb_rcase ca = {.id = "mprotect/-/on/p1/b-/none", .pages = 1};
	struct lb_cmp_case cc = {.a = &ca, .b = &ca, .counters = k, .n_counters = 2};
	struct lb_comparison c = {.name_a = "base", .name_b = "new"};

	(void)state;
	assert_int_equal(lb_cost_model_parse(good, "good.cm", &m, err, sizeof(err)), 0);
	assert_int_equal(lb_cost_case(&m, &c, &cc), 0);
	assert_int_equal(cc.n_costs, 1);
	assert_string_equal(cc.costs[0].metric, "all"); /* a syscall workload's regions */
	assert_true(cc.costs[0].cycles_a == 2.5 && cc.costs[0].cycles_b == 2.5);
	assert_string_equal(cc.costs[0].uncosted, "tcg:tlbi.vale1is");
	assert_string_equal(cc.costs[0].not_counted, "tcg:dsb.ishst, tcg:tlbi");
	lb_cost_case_free(&cc);
	lb_cost_model_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_good),
	    cmocka_unit_test(test_parse_errors),
	    cmocka_unit_test(test_parse_duplicate_and_nested),
	    cmocka_unit_test(test_parse_siblings),
	    cmocka_unit_test(test_load),
	    cmocka_unit_test(test_arch_check),
	    cmocka_unit_test(test_sum),
	    cmocka_unit_test(test_cost_case),
	    cmocka_unit_test(test_cost_case_total_not_counted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
