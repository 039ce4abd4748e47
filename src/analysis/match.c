// SPDX-License-Identifier: GPL-2.0
/* Case matching across runs (or modes) and the per-metric A/B statistics. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "model.h"
#include "ptes.h"

static bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

/* Same case apart from the mode (which the caller checks). */
static bool same_params(const struct lb_rcase *a, const struct lb_rcase *b)
{
	return str_eq(a->workload, b->workload) && str_eq(a->variant, b->variant) &&
	       a->pages == b->pages && a->batch == b->batch && str_eq(a->remote, b->remote);
}

static int add_unmatched(struct lb_comparison *c, const char *fmt, const char *who, const char *id,
			 const char *metric)
{
	char buf[512];
	char **n = realloc(c->unmatched, (c->n_unmatched + 1) * sizeof(*n));

	if (!n)
		return -1;
	c->unmatched = n;
	snprintf(buf, sizeof(buf), fmt, who, id, metric ? metric : "");
	for (size_t n = strlen(buf); n && buf[n - 1] == ' '; n--)
		buf[n - 1] = 0;
	c->unmatched[c->n_unmatched] = strdup(buf);
	return c->unmatched[c->n_unmatched++] ? 0 : -1;
}

static const struct lb_rmetric *find_metric(const struct lb_rcase *c, const char *name)
{
	for (size_t i = 0; i < c->n_metrics; i++)
		if (!strcmp(c->metrics[i].name, name))
			return &c->metrics[i];
	return NULL;
}

static const char *scope_of(const struct lb_rcounter *k)
{
	return k->scope ? k->scope : "unknown";
}

static const struct lb_rcounter *find_counter(const struct lb_rcase *c, const char *name,
					      const char *scope)
{
	for (size_t i = 0; i < c->n_counters; i++)
		if (!strcmp(c->counters[i].name, name) && !strcmp(scope_of(&c->counters[i]), scope))
			return &c->counters[i];
	return NULL;
}

static void counter_per_op(const struct lb_rrun *run, const struct lb_rcase *c,
			   const struct lb_rcounter *k, double *per_op, double *per_pte)
{
	*per_op = *per_pte = NAN;
	if (!k || !k->available || !k->n)
		return;
	*per_op = lb_stats_median(k->values, k->n);
	/* Per PTE only makes sense when the operation touches a known number of pages. */
	if (c->pages > 0)
		*per_pte = *per_op / lb_case_ptes(run, c);
}

static int build_counters(const struct lb_comparison *c, struct lb_cmp_case *cc)
{
	size_t cap = cc->a->n_counters + cc->b->n_counters, i;

	cc->counters = calloc(cap + 1, sizeof(*cc->counters));
	if (!cc->counters)
		return -1;
	for (i = 0; i < cap; i++) {
		const struct lb_rcounter *k = i < cc->a->n_counters
						  ? &cc->a->counters[i]
						  : &cc->b->counters[i - cc->a->n_counters];
		struct lb_cmp_counter *out;
		bool seen = false;

		for (size_t j = 0; j < cc->n_counters; j++)
			seen |= !strcmp(cc->counters[j].name, k->name) &&
				!strcmp(cc->counters[j].scope, scope_of(k));
		if (seen)
			continue;
		out = &cc->counters[cc->n_counters++];
		out->name = k->name;
		out->scope = scope_of(k);
		out->a = find_counter(cc->a, k->name, out->scope);
		out->b = find_counter(cc->b, k->name, out->scope);
		counter_per_op(c->run_a, cc->a, out->a, &out->per_op_a, &out->per_pte_a);
		counter_per_op(c->run_b, cc->b, out->b, &out->per_op_b, &out->per_pte_b);
	}
	return 0;
}

static bool is_control(const struct lb_rmetric *m)
{
	return m->effect && !strcmp(m->effect, LB_EFFECT_CONTROL);
}

static void test_metric(const struct lb_report *r, const struct lb_comparison *c,
			struct lb_cmp_metric *m)
{
	struct lb_rep_opts o = {.alpha = r->alpha,
				.margin = r->margin > 0 ? r->margin : 0.05,
				.target = r->target > 0 ? r->target : 0.05,
				.power = 0.80};
	struct lb_units ua = {0}, ub = {0};
	bool paired = c->mode_a != NULL; /* both modes ran in the same process */

	m->control = is_control(m->a) && is_control(m->b);
	m->med_a = m->med_b = m->cv_a = m->cv_b = m->within_a = m->within_b = NAN;
	if (lb_units_of(c->run_a, m->case_a, m->a, paired, &ua) ||
	    lb_units_of(c->run_b, m->case_b, m->b, paired, &ub)) {
		lb_units_free(&ua);
		lb_units_free(&ub);
		m->why_untested = "replicate_reps do not match the samples";
		return;
	}
	/* Rounds pair only when both sides are cut into the same rounds. */
	if (paired && (ua.kind != ub.kind || ua.side.k != ub.side.k)) {
		lb_units_free(&ua);
		lb_units_free(&ub);
		lb_units_of(c->run_a, m->case_a, m->a, false, &ua);
		lb_units_of(c->run_b, m->case_b, m->b, false, &ub);
	}
	m->unit = ua.kind;
	if (paired)
		lb_rep_compare_paired(&ua.side, &ub.side, &o, &m->ab);
	else
		lb_rep_compare(&ua.side, &ub.side, &o, &m->ab);
	m->hyg_ok_a = !lb_hygiene(&ua.side, &m->hyg_a);
	m->hyg_ok_b = !lb_hygiene(&ub.side, &m->hyg_b);
	lb_units_free(&ua);
	lb_units_free(&ub);
	m->k_a = m->ab.a.k;
	m->k_b = m->ab.b.k;
	m->med_a = m->ab.a.median;
	m->med_b = m->ab.b.median;
	m->cv_a = m->ab.a.sd_between;
	m->cv_b = m->ab.b.sd_between;
	m->within_a = m->ab.a.sd_within;
	m->within_b = m->ab.b.sd_within;
	m->ci = (struct lb_ratio_ci){.ratio = m->ab.ratio,
				     .low = m->ab.ci_low,
				     .high = m->ab.ci_high,
				     .level = 1 - r->alpha};
	if (m->ab.verdict == LB_VERDICT_NONE) {
		m->why_untested = m->ab.why_none;
		return;
	}
	m->tested = true;
	m->p_used = m->ab.p;
}

static int match_pair(const struct lb_report *r, struct lb_comparison *c)
{
	const struct lb_rrun *ra = c->run_a, *rb = c->run_b;
	bool *used_b = calloc(rb->n_cases + 1, sizeof(*used_b));
	const char *only = "only in %s: %s %s";

	if (!used_b)
		return -1;
	c->cases = calloc(ra->n_cases + 1, sizeof(*c->cases));
	if (!c->cases)
		goto oom;
	for (size_t i = 0; i < ra->n_cases; i++) {
		const struct lb_rcase *ca = &ra->cases[i], *cb = NULL;
		struct lb_cmp_case *cc;

		if (c->mode_a && strcmp(ca->mode, c->mode_a))
			continue;
		for (size_t j = 0; j < rb->n_cases && !cb; j++) {
			const struct lb_rcase *x = &rb->cases[j];

			if (used_b[j] || !same_params(ca, x))
				continue;
			if (c->mode_b ? strcmp(x->mode, c->mode_b) : strcmp(x->mode, ca->mode))
				continue;
			cb = x;
			used_b[j] = true;
		}
		if (!cb) {
			if (add_unmatched(c, only, c->name_a, ca->id, NULL))
				goto oom;
			continue;
		}
		if (ca->refused || cb->refused) {
			char why[300];

			snprintf(why, sizeof(why),
				 "refused in %s (%s):", ca->refused ? c->name_a : c->name_b,
				 ca->refused ? ca->refused : cb->refused);
			if (add_unmatched(c, "%s %s %s", why, ca->refused ? ca->id : cb->id, NULL))
				goto oom;
			continue;
		}
		cc = &c->cases[c->n_cases++];
		cc->a = ca;
		cc->b = cb;
		cc->metrics = calloc(ca->n_metrics + 1, sizeof(*cc->metrics));
		if (!cc->metrics || build_counters(c, cc))
			goto oom;
		for (size_t k = 0; k < ca->n_metrics; k++) {
			const struct lb_rmetric *mb = find_metric(cb, ca->metrics[k].name);
			struct lb_cmp_metric *m;

			if (!mb) {
				if (add_unmatched(c, only, c->name_a, ca->id, ca->metrics[k].name))
					goto oom;
				continue;
			}
			m = &cc->metrics[cc->n_metrics++];
			m->a = &ca->metrics[k];
			m->b = mb;
			m->case_a = ca;
			m->case_b = cb;
			test_metric(r, c, m);
		}
		for (size_t k = 0; k < cb->n_metrics; k++)
			if (!find_metric(ca, cb->metrics[k].name) &&
			    add_unmatched(c, only, c->name_b, cb->id, cb->metrics[k].name))
				goto oom;
	}
	for (size_t j = 0; j < rb->n_cases; j++) {
		if (used_b[j] || (c->mode_b && strcmp(rb->cases[j].mode, c->mode_b)))
			continue;
		if (add_unmatched(c, only, c->name_b, rb->cases[j].id, NULL))
			goto oom;
	}
	free(used_b);
	return 0;
oom:
	free(used_b);
	return -1;
}

static bool run_has_mode(const struct lb_rrun *run, const char *mode)
{
	for (size_t i = 0; i < run->n_cases; i++)
		if (!strcmp(run->cases[i].mode, mode))
			return true;
	return false;
}

/*
 * --mode-pairs: the saving of the mode is off -> on; the cost of nesting and of pausing is
 * measured against plain on.
 */
static const char *const mode_pairs[][2] = {{"off", "on"}, {"on", "nested"}, {"on", "paused"}};

static int plan(struct lb_report *r, char *err, size_t errlen)
{
	size_t cap = r->mode_pairs ? r->n_runs * 3 : r->n_runs - 1;

	r->cmps = calloc(cap + 1, sizeof(*r->cmps));
	if (!r->cmps) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (!r->mode_pairs) {
		for (size_t i = 1; i < r->n_runs; i++) {
			struct lb_comparison *c = &r->cmps[r->n_cmps++];

			c->run_a = &r->runs[0];
			c->run_b = &r->runs[i];
			c->name_a = r->runs[0].label;
			c->name_b = r->runs[i].label;
		}
		return 0;
	}
	for (size_t i = 0; i < r->n_runs; i++)
		for (size_t k = 0; k < 3; k++) {
			struct lb_comparison *c;

			if (!run_has_mode(&r->runs[i], mode_pairs[k][0]) ||
			    !run_has_mode(&r->runs[i], mode_pairs[k][1]))
				continue;
			c = &r->cmps[r->n_cmps++];
			c->run_a = c->run_b = &r->runs[i];
			c->mode_a = c->name_a = mode_pairs[k][0];
			c->mode_b = c->name_b = mode_pairs[k][1];
		}
	if (!r->n_cmps) {
		snprintf(err, errlen,
			 "--mode-pairs: no run has two of the modes off/on, on/nested, on/paused");
		return -1;
	}
	return 0;
}

/*
 * --holm: the CI at the level Holm tests this p at, 1 - alpha / (m - rank + 1) (rank of its
 * raw p among all m), so that a Holm-significant change has a CI excluding 0% and the others,
 * except where the step-down stopped earlier (then significant stays false), do not.
 */
static void holm_ci(struct lb_cmp_metric *cm, const double *p, size_t m, double alpha)
{
	size_t rank = 1;

	for (size_t i = 0; i < m; i++)
		rank += p[i] < cm->ab.p;
	lb_rep_ci(&cm->ab, alpha / (double)(m - rank + 1), &cm->ci.low, &cm->ci.high);
	cm->ci.level = 1 - alpha / (double)(m - rank + 1);
}

int lb_compare_build(struct lb_report *r, char *err, size_t errlen)
{
	size_t k = 0;
	double *p, *adj;

	if (plan(r, err, errlen))
		return -1;
	for (size_t i = 0; i < r->n_cmps; i++)
		if (match_pair(r, &r->cmps[i])) {
			snprintf(err, errlen, "out of memory while matching cases");
			return -1;
		}
	if (r->cost_model) {
		for (size_t i = 0; i < r->n_runs; i++) {
			char arch[64];
			const char *a =
			    lb_run_env_str(&r->runs[i], LB_ENV_ARCH, arch, sizeof(arch));

			if (lb_cost_model_check_arch(r->cost_model, r->runs[i].label, a, err,
						     errlen))
				return -1;
		}
		for (size_t i = 0; i < r->n_cmps; i++)
			for (size_t j = 0; j < r->cmps[i].n_cases; j++)
				if (lb_cost_case(r->cost_model, &r->cmps[i],
						 &r->cmps[i].cases[j])) {
					snprintf(err, errlen,
						 "out of memory while estimating costs");
					return -1;
				}
	}
	r->n_tests = 0;
	for (size_t i = 0; i < r->n_cmps; i++)
		for (size_t j = 0; j < r->cmps[i].n_cases; j++)
			for (size_t m = 0; m < r->cmps[i].cases[j].n_metrics; m++)
				r->n_tests += r->cmps[i].cases[j].metrics[m].tested;
	p = calloc(r->n_tests + 1, sizeof(*p));
	adj = calloc(r->n_tests + 1, sizeof(*adj));
	if (!p || !adj) {
		free(p);
		free(adj);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (int pass = 0; pass < 2; pass++) {
		k = 0;
		for (size_t i = 0; i < r->n_cmps; i++)
			for (size_t j = 0; j < r->cmps[i].n_cases; j++)
				for (size_t m = 0; m < r->cmps[i].cases[j].n_metrics; m++) {
					struct lb_cmp_metric *cm = &r->cmps[i].cases[j].metrics[m];

					if (!cm->tested)
						continue;
					if (pass == 0) {
						p[k++] = cm->ab.p;
						continue;
					}
					cm->p_used = r->holm ? adj[k] : cm->ab.p;
					if (r->holm)
						holm_ci(cm, p, r->n_tests, r->alpha);
					/* One t statistic gives p and CI: they agree (with --holm
					 * the CI is widened to the test's Holm level). */
					cm->significant = cm->p_used < r->alpha &&
							  (cm->ci.low > 1 || cm->ci.high < 1);
					if (r->mode_pairs && cm->control) {
						r->control.pairs++;
						r->control.positives += cm->significant;
					}
					k++;
				}
		if (pass == 0 && r->holm)
			lb_holm(p, r->n_tests, adj);
	}
	lb_aa_finish(&r->control);
	free(p);
	free(adj);
	return 0;
}

void lb_compare_free(struct lb_report *r)
{
	for (size_t i = 0; i < r->n_cmps; i++) {
		struct lb_comparison *c = &r->cmps[i];

		for (size_t j = 0; j < c->n_cases; j++) {
			free(c->cases[j].metrics);
			free(c->cases[j].counters);
			lb_cost_case_free(&c->cases[j]);
		}
		free(c->cases);
		for (size_t j = 0; j < c->n_unmatched; j++)
			free(c->unmatched[j]);
		free(c->unmatched);
	}
	free(r->cmps);
	for (size_t i = 0; i < r->n_issues; i++)
		free(r->issues[i].text);
	free(r->issues);
	for (size_t i = 0; i < r->n_env_diff; i++)
		free(r->env_diff[i]);
	free(r->env_diff);
	free(r->env_diff_run);
	r->cmps = NULL;
	r->issues = NULL;
	r->env_diff = NULL;
	r->env_diff_run = NULL;
	r->n_cmps = r->n_issues = r->n_env_diff = 0;
}
