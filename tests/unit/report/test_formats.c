// SPDX-License-Identifier: GPL-2.0
/*
 * compare on the hand-made fixtures (tests/data/runs): reader validation, case matching,
 * comparability checks, Holm, --mode-pairs, and every output format against golden files
 * (tests/data/golden/compare.<format>). LB_UPDATE_GOLDEN=1 rewrites the golden files: do it
 * only on purpose and review the diff.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "format.h"
#include "merge.h"

static char *data_path(const char *rel)
{
	const char *dir = getenv("LB_TEST_DATA");
	char *p;

	assert_non_null(dir);
	p = malloc(strlen(dir) + strlen(rel) + 2);
	assert_non_null(p);
	sprintf(p, "%s/%s", dir, rel);
	return p;
}

/* One side: a fixture run id, or several comma-separated (their replicates pooled). */
static void load(struct lb_rrun *run, const char *name)
{
	char err[1024];
	char *p = data_path("runs");

	if (lb_merge_load_side(name, p, run, err, sizeof(err)))
		fail_msg("%s", err);
	free(p);
}

static char *argv_fixed[] = {"compare", "base", "new"};

/* Build a report over the named fixture runs (baseline first). */
static void build(struct lb_report *r, const char *const *names, size_t n, bool holm,
		  bool mode_pairs)
{
	char err[512];

	memset(r, 0, sizeof(*r));
	r->alpha = 0.05;
	r->margin = 0.05;
	r->target = 0.05;
	r->resamples = 2000;
	r->seed = 1;
	r->holm = holm;
	r->mode_pairs = mode_pairs;
	r->argc = 3;
	r->argv = argv_fixed;
	r->n_runs = n;
	r->runs = calloc(n, sizeof(*r->runs));
	for (size_t i = 0; i < n; i++)
		load(&r->runs[i], names[i]);
	if (!mode_pairs)
		lb_compare_check_env(r);
	if (lb_compare_build(r, err, sizeof(err)))
		fail_msg("%s", err);
}

static void destroy(struct lb_report *r)
{
	lb_compare_free(r);
	for (size_t i = 0; i < r->n_runs; i++)
		lb_run_free(&r->runs[i]);
	free(r->runs);
}

static const struct lb_cmp_metric *find(const struct lb_report *r, const char *id,
					const char *metric)
{
	for (size_t i = 0; i < r->n_cmps; i++)
		for (size_t j = 0; j < r->cmps[i].n_cases; j++)
			for (size_t k = 0; k < r->cmps[i].cases[j].n_metrics; k++) {
				const struct lb_cmp_metric *m = &r->cmps[i].cases[j].metrics[k];

				if (!strcmp(r->cmps[i].cases[j].a->id, id) &&
				    !strcmp(m->a->name, metric))
					return m;
			}
	return NULL;
}

static void test_reader_errors(void **state)
{
	struct lb_rrun run;
	char err[1024];
	char *p;
	(void)state;

	p = data_path("runs/bad-schema");
	assert_int_equal(lb_run_load(p, NULL, &run, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "schema_version 99 is not supported"));
	free(p);
	p = data_path("runs/missing-field");
	assert_int_equal(lb_run_load(p, NULL, &run, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "metric 'mprotect' samples"));
	free(p);
	assert_int_equal(lb_run_load("/nonexistent/run", NULL, &run, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "no run.json"));
	/* A run id under a results directory resolves too. */
	p = data_path("runs");
	assert_int_equal(lb_run_load("base", p, &run, err, sizeof(err)), 0);
	assert_string_equal(run.label, "base");
	assert_int_equal((int)run.n_cases, 4);
	assert_int_equal((int)run.cases[2].batch, 64);
	assert_int_equal((int)run.cases[0].batch, -1);
	assert_false(run.cases[0].counters[1].available);
	assert_non_null(strstr(run.cases[0].counters[1].reason, "no PMU"));
	lb_run_free(&run);
	free(p);
}

static void test_matching_and_stats(void **state)
{
	const char *names[] = {"base", "new"};
	const struct lb_cmp_metric *m;
	struct lb_report r;
	(void)state;

	build(&r, names, 2, false, false);
	assert_int_equal((int)r.n_cmps, 1);
	assert_int_equal((int)r.cmps[0].n_cases, 3);
	assert_int_equal((int)r.n_tests, 4);
	/* fork only in base, mremap only in new: listed, not dropped. */
	assert_int_equal((int)r.cmps[0].n_unmatched, 2);
	assert_string_equal(r.cmps[0].unmatched[0], "only in base: fork/-/on/p1024/b-/none");
	assert_string_equal(r.cmps[0].unmatched[1], "only in new: mremap/-/on/p1024/b-/none");
	/* The fixture made mprotect 10% slower and vmalloc map 20% faster, 5 replicates per side
	 * with a 2% run-to-run SD; the unit of the test is the replicate. */
	m = find(&r, "mprotect/-/on/p1024/b-/none", "mprotect");
	assert_non_null(m);
	assert_int_equal(m->k_a, 5);
	assert_int_equal(m->k_b, 5);
	assert_int_equal(m->unit, LB_UNIT_REPLICATE);
	assert_true(m->significant);
	assert_int_equal(m->ab.verdict, LB_VERDICT_DIFFERENT);
	assert_true(m->ci.low > 1.03 && m->ci.high < 1.20 && m->ci.low < 1.10 && m->ci.high > 1.10);
	assert_true(m->cv_a > 0.005 && m->cv_a < 0.06);
	assert_true(m->within_a > 0.01 && m->within_a < 0.04);
	m = find(&r, "vmalloc/-/on/p512/b64/none", "map");
	assert_true(m->significant && m->ci.ratio < 0.85);
	/* munmap unchanged: not different, and shown to be within the 5% margin. */
	m = find(&r, "munmap/-/on/p1024/b-/none", "munmap");
	assert_false(m->significant);
	assert_true(m->ci.low < 1.0 && m->ci.high > 1.0);
	assert_int_equal(m->ab.verdict, LB_VERDICT_EQUIVALENT);
	assert_true(m->ab.eq_bound > 0 && m->ab.eq_bound < 0.05);
	/* Counters: available one per op and per PTE, unavailable one NAN (printed n/a). */
	{
		const struct lb_cmp_case *cc = &r.cmps[0].cases[0];

		assert_string_equal(cc->counters[0].name, "tlb_flush.remote_ipi_send");
		assert_true(cc->counters[0].per_op_a >= 2 && cc->counters[0].per_op_a <= 4);
		assert_true(fabs(cc->counters[0].per_pte_a - cc->counters[0].per_op_a / 1024) <
			    1e-12);
		assert_true(isnan(cc->counters[1].per_op_a));
	}
	/* No refuse-class issue between base and new; the kernel difference is in the diff. */
	for (size_t i = 0; i < r.n_issues; i++)
		assert_false(r.issues[i].refuse);
	assert_true(r.n_env_diff >= 2);
	assert_non_null(strstr(r.env_diff[0], "kernel.release: 6.1.0-28-amd64 -> 6.12.9-amd64"));
	destroy(&r);
}

static void test_holm_applied(void **state)
{
	const char *names[] = {"base", "new"};
	struct lb_report plain, holm;
	(void)state;

	build(&plain, names, 2, false, false);
	build(&holm, names, 2, true, false);
	for (size_t j = 0; j < plain.cmps[0].n_cases; j++)
		for (size_t k = 0; k < plain.cmps[0].cases[j].n_metrics; k++) {
			const struct lb_cmp_metric *a = &plain.cmps[0].cases[j].metrics[k];
			const struct lb_cmp_metric *b = &holm.cmps[0].cases[j].metrics[k];

			assert_true(b->p_used >= a->p_used);
			assert_true(b->p_used <= fmin(1.0, 4 * a->p_used) + 1e-12);
			/* The CI widens to the test's Holm level and still agrees with the verdict.
			 */
			assert_true(b->ci.low <= a->ci.low && b->ci.high >= a->ci.high);
			assert_true(b->ci.level >= a->ci.level);
			assert_true(b->significant == (b->ci.low > 1 || b->ci.high < 1));
		}
	destroy(&plain);
	destroy(&holm);
}

static void test_incomparable(void **state)
{
	const char *names[] = {"base", "other-machine"};
	struct lb_report r;
	bool topo = false, cpu = false;
	(void)state;

	build(&r, names, 2, false, false);
	for (size_t i = 0; i < r.n_issues; i++) {
		topo |= r.issues[i].refuse && strstr(r.issues[i].text, "CPU topology differs");
		cpu |= r.issues[i].refuse && strstr(r.issues[i].text, "CPU model differs");
	}
	assert_true(topo);
	assert_true(cpu);
	destroy(&r);
}

/* Different run parameters or virtualisation: refused; a kernel difference alone is not. */
static void test_settings_and_virt(void **state)
{
	const char *names[] = {"base", "new"};
	struct lb_report r;
	bool reps = false, virt = false;
	(void)state;

	build(&r, names, 2, false, false);
	lb_compare_free(&r);
	json_object_set_new(r.runs[1].settings, "reps", json_integer(30));
	json_object_set_new(json_object_get(r.runs[1].env, "virtualization"), "type",
			    json_string("qemu-tcg"));
	lb_compare_check_env(&r);
	for (size_t i = 0; i < r.n_issues; i++) {
		reps |= r.issues[i].refuse && strstr(r.issues[i].text, "setting 'reps' differs");
		virt |= r.issues[i].refuse &&
			strstr(r.issues[i].text, "virtualisation differs: base has 'none', new has "
						 "'qemu-tcg'");
	}
	assert_true(reps);
	assert_true(virt);
	destroy(&r);
}

static void test_mode_pairs(void **state)
{
	const char *names[] = {"sweep-tcg"};
	struct lb_report r;
	const struct lb_cmp_metric *m;
	(void)state;

	build(&r, names, 1, false, true);
	/* sweep-tcg has off, on, nested and paused: all three pairs. */
	assert_int_equal((int)r.n_cmps, 3);
	assert_string_equal(r.cmps[0].mode_a, "off");
	assert_string_equal(r.cmps[0].mode_b, "on");
	assert_string_equal(r.cmps[2].mode_b, "paused");
	/* off vs on at batch 512: the fixture's on cost is 40 vs 60 per PTE. One process with
	 * --rounds 5: the rounds are the paired units. */
	m = find(&r, "vmalloc/-/off/p512/b512/none", "map");
	assert_non_null(m);
	assert_int_equal(m->unit, LB_UNIT_ROUND);
	assert_true(m->ab.paired);
	assert_int_equal(m->ab.pairs, 5);
	assert_true(m->significant && m->ci.ratio < 0.75 && m->ci.ratio > 0.6);
	assert_false(m->control);
	/* unmap is a control cell on arm64 (the fixture's arch): 10 batches x 3 mode pairs form
	 * the A/A control, with the same cost in every mode: few (if any) called different. */
	m = find(&r, "vmalloc/-/off/p512/b512/none", "unmap");
	assert_non_null(m);
	assert_true(m->control);
	assert_int_equal((int)r.control.pairs, 30);
	assert_true(r.control.positives <= 4);
	assert_true(r.control.low <= r.control.rate && r.control.rate <= r.control.high);
	destroy(&r);
}

/* One replicate per side: the change, no verdict, and why; two runs pooled per side count as
 * their replicates together. */
static void test_no_verdict_and_pooled_sides(void **state)
{
	const char *one[] = {"sweep-tcg", "sweep-tcg"}, *pooled[] = {"base,base", "new"};
	const struct lb_cmp_metric *m;
	struct lb_report r;
	(void)state;

	build(&r, one, 2, false, false);
	assert_int_equal((int)r.n_tests, 0);
	m = find(&r, "vmalloc/-/on/p512/b64/none", "map");
	assert_non_null(m);
	assert_false(m->tested);
	assert_int_equal(m->ab.verdict, LB_VERDICT_NONE);
	assert_int_equal(m->k_a, 1);
	assert_true(fabs(m->ab.ratio - 1) < 1e-12);
	assert_int_equal(m->ab.runs_needed, 0); /* no run-to-run noise to plan from */
	{
		char v[600];

		lb_fmt_verdict(v, sizeof(v), &r, m);
		assert_non_null(strstr(v, "No verdict: 1 vs 1 replicates (3 per side needed"));
	}
	destroy(&r);

	build(&r, pooled, 2, false, false);
	assert_string_equal(r.runs[0].label, "base+base");
	m = find(&r, "mprotect/-/on/p1024/b-/none", "mprotect");
	assert_int_equal(m->k_a, 10);
	assert_int_equal(m->k_b, 5);
	assert_int_equal(r.runs[0].cases[0].n_replicates, 10);
	assert_true(m->significant);
	destroy(&r);
}

/* Render one format and check it against its golden file. */
static char *render(const struct lb_report *r, void (*fmt)(FILE *, const struct lb_report *))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	fmt(f, r);
	fclose(f);
	return buf;
}

static void check_golden(const char *name, const char *got)
{
	char rel[128], *path, *want;
	FILE *f;
	long len;

	snprintf(rel, sizeof(rel), "golden/%s", name);
	path = data_path(rel);
	if (getenv("LB_UPDATE_GOLDEN")) {
		f = fopen(path, "w");
		assert_non_null(f);
		fputs(got, f);
		fclose(f);
	}
	f = fopen(path, "r");
	if (!f)
		fail_msg("missing golden file %s (LB_UPDATE_GOLDEN=1 writes it)", path);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	want = calloc((size_t)len + 1, 1);
	assert_int_equal(fread(want, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	if (strcmp(got, want))
		fail_msg("%s differs from the golden file %s", name, path);
	free(want);
	free(path);
}

/* Every format of one pair of fixture runs against golden/<prefix>.<ext>. */
static void golden_pair(const char *base, const char *neu, const char *prefix)
{
	const char *names[] = {base, neu};
	const struct {
		const char *ext;
		void (*fn)(FILE *, const struct lb_report *);
	} fmts[] = {{"txt", lb_format_text},
		    {"email", lb_format_email},
		    {"md", lb_format_markdown},
		    {"json", lb_format_json},
		    {"csv", lb_format_csv}};
	struct lb_report r;

	build(&r, names, 2, false, false);
	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		char *out = render(&r, fmts[i].fn), file[96];

		snprintf(file, sizeof(file), "%s.%s", prefix, fmts[i].ext);
		check_golden(file, out);
		free(out);
	}
	destroy(&r);
}

static void test_golden_formats(void **state)
{
	(void)state;
	golden_pair("base", "new", "compare");
	/* Counters in three scopes (issue 12): labelled and compared like with like. */
	golden_pair("scopes-base", "scopes-new", "compare_scopes");
}

/* The scope fixtures: a counter is matched on name and scope, never across scopes. */
static void test_counter_scopes(void **state)
{
	const char *names[] = {"scopes-base", "scopes-new"};
	struct lb_report r;
	size_t seen = 0;
	(void)state;

	build(&r, names, 2, false, false);
	assert_int_equal((int)r.cmps[0].n_cases, 2);
	for (size_t j = 0; j < r.cmps[0].n_cases; j++) {
		const struct lb_cmp_case *cc = &r.cmps[0].cases[j];
		bool llc = !strcmp(cc->a->remote, "llc");

		for (size_t k = 0; k < cc->n_counters; k++) {
			const struct lb_cmp_counter *q = &cc->counters[k];

			/* Both sides of a row come from the row's own scope. */
			if (q->a)
				assert_string_equal(q->a->scope, q->scope);
			if (q->b)
				assert_string_equal(q->b->scope, q->scope);
			if (strcmp(q->name, "tlb_flush"))
				continue;
			seen++;
			if (!strcmp(q->scope, "thread"))
				assert_true(q->per_op_a == (llc ? 7 : 6));
			else if (!strcmp(q->scope, "cpu"))
				assert_true(q->per_op_a == (llc ? 19 : 14) &&
					    q->per_op_b == q->per_op_a);
			else
				assert_true(llc && !strcmp(q->scope, "remote_cpu") &&
					    q->per_op_a == 6);
		}
	}
	assert_int_equal((int)seen, 5); /* thread + cpu alone; thread + cpu + remote_cpu at llc */
	destroy(&r);
}

/*
 * E-mail rows keep their label on the row within 72 columns even when the cells are wide: a
 * CV over 100%, an 8-digit median, the longest default counter name on the remote CPU.
 */
static void test_email_wide_rows(void **state)
{
	const char *names[] = {"scopes-base", "scopes-new"};
	struct lb_report r;
	struct lb_cmp_case *cc;
	char *out, *line;
	size_t found = 0;
	(void)state;

	build(&r, names, 2, false, false);
	cc = &r.cmps[0].cases[1]; /* llc */
	cc->metrics[0].med_a = 12345678;
	cc->metrics[0].cv_a = 1.61;
	cc->metrics[0].cv_b = 1.05;
	for (size_t k = 0; k < cc->n_counters; k++)
		if (!strcmp(cc->counters[k].scope, "remote_cpu") &&
		    !strcmp(cc->counters[k].name, "tlb_flush.remote_shootdown")) {
			cc->counters[k].name = "tlb_flush.local_mm_shootdown";
			cc->counters[k].per_op_a = 12345679; /* one digit wider than the column */
		}
	out = render(&r, lb_format_email);
	for (line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
		size_t n = strlen(line);

		if (n > 72)
			fail_msg("line longer than 72 columns: '%s'", line);
		if (strstr(line, "12345678") && n > 8 && !strcmp(line + n - 8, " fork ns"))
			found++;
		if (strstr(line, "12345679") && n > 33 &&
		    !strcmp(line + n - 33, "rcpu tlb_flush.local_mm_shootdown"))
			found++;
	}
	assert_int_equal((int)found, 2);
	free(out);
	destroy(&r);
}

/* The mail contract on any input, including non-ASCII text from the environment. */
static void test_email_contract(void **state)
{
	const char *names[] = {"base", "other-machine", "new"};
	struct lb_report r;
	char *out, *line;
	size_t n_lines = 0;
	(void)state;

	build(&r, names, 3, true, false);
	/* A CPU model with a non-ASCII byte must not leak into the mail. */
	json_object_set_new(r.runs[0].env, "cpu_model",
			    json_string("Caf\xc3\xa9 CPU \xe2\x84\xa2 with a very long model name "
					"that goes on and on past the column limit"));
	out = render(&r, lb_format_email);
	for (const unsigned char *p = (const unsigned char *)out; *p; p++)
		if (*p >= 0x80)
			fail_msg("non-ASCII byte 0x%02x in the email report", *p);
	for (line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
		if (strlen(line) > 72)
			fail_msg("line longer than 72 columns: '%s'", line);
		n_lines++;
	}
	assert_true(n_lines > 30);
	free(out);
	out = render(&r, lb_format_email);
	assert_non_null(strstr(out, "WARNING: NOT COMPARABLE: CPU model differs"));
	/* A significant row carries its verdict, CI and p on the line under it. */
	assert_non_null(strstr(out, "%* "));
	/* With --holm the CI is at the test's Holm level (99% here, 4 tests). */
	assert_non_null(strstr(out, "% CI ["));
	assert_non_null(strstr(out, ", g="));
	assert_non_null(strstr(out, "Holm-adjusted"));
	free(out);
	destroy(&r);
}

/* A count the same in every repetition is "exact" (TCG plugin counts); one differing is not. */
static void test_counter_exact(void **state)
{
	double same[] = {513, 513, 513}, differ[] = {513, 514};
	struct lb_rcounter k = {"tcg.map.dsb", "tcg:dsb", "vcpu", true, NULL, same, 3};

	(void)state;
	assert_true(lb_counter_exact(&k));
	k.n = 1;
	assert_true(lb_counter_exact(&k));
	k.values = differ;
	k.n = 2;
	assert_false(lb_counter_exact(&k));
	k.values = same;
	k.available = false;
	assert_false(lb_counter_exact(&k));
	k.available = true;
	k.n = 0;
	assert_false(lb_counter_exact(&k));
	assert_false(lb_counter_exact(NULL));
	/* A perf counter constant over the repetitions is not called exact. */
	k.n = 3;
	k.event = "tlb:tlb_flush";
	assert_false(lb_counter_exact(&k));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reader_errors),
	    cmocka_unit_test(test_matching_and_stats),
	    cmocka_unit_test(test_holm_applied),
	    cmocka_unit_test(test_incomparable),
	    cmocka_unit_test(test_mode_pairs),
	    cmocka_unit_test(test_golden_formats),
	    cmocka_unit_test(test_counter_scopes),
	    cmocka_unit_test(test_email_wide_rows),
	    cmocka_unit_test(test_email_contract),
	    cmocka_unit_test(test_settings_and_virt),
	    cmocka_unit_test(test_no_verdict_and_pooled_sides),
	    cmocka_unit_test(test_counter_exact),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
