// SPDX-License-Identifier: GPL-2.0
/*
 * compare --cost-model: per matched case, the estimated cycles per operation of every
 * TCG-marked metric (counters tcg.<metric>.<event>, event tcg:<event>; an unavailable metric
 * is one counter tcg.<metric> with event tcg), from the median counts per op (model.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

static const char *const scopes[] = {"vcpu", "other_vcpus"};

static const struct lb_rcounter *either(const struct lb_cmp_counter *k)
{
	return k->a ? k->a : k->b;
}

/* The metric of a TCG counter into buf ("map" of tcg.map.dsb.ish), false for other counters. */
static bool tcg_metric(const struct lb_cmp_counter *k, char *buf, size_t len)
{
	const char *ev = either(k) ? either(k)->event : NULL;
	size_t n = strlen(k->name), e;

	if (!ev || strncmp(k->name, "tcg.", 4))
		return false;
	if (!strcmp(ev, "tcg")) { /* unavailable: one counter tcg.<metric> */
		snprintf(buf, len, "%s", k->name + 4);
		return true;
	}
	if (strncmp(ev, "tcg:", 4))
		return false;
	e = strlen(ev + 4);
	if (n < 4 + e + 2 || strcmp(k->name + n - e, ev + 4) || k->name[n - e - 1] != '.')
		return false;
	snprintf(buf, len, "%.*s", (int)(n - e - 5), k->name + 4);
	return true;
}

static bool in_group(const struct lb_cmp_counter *k, const char *metric, const char *scope)
{
	char m[64];

	return !strcmp(k->scope, scope) && tcg_metric(k, m, sizeof(m)) && !strcmp(m, metric);
}

/* Another counter of the group counts a member of this one's event (tcg:dsb of tcg:dsb.ish). */
static bool group_total(const struct lb_cmp_case *cc, const char *metric, const char *scope,
			const char *event)
{
	size_t n = strlen(event);

	for (size_t i = 0; i < cc->n_counters; i++) {
		const struct lb_cmp_counter *k = &cc->counters[i];
		const char *e = either(k)->event;

		if (in_group(k, metric, scope) && !strncmp(e, event, n) && e[n] == '.')
			return true;
	}
	return false;
}

/* Append word to a ", " list (a NULL list becomes ""). -1: out of memory. */
static int add_word(char **list, const char *word)
{
	size_t n = *list ? strlen(*list) : 0;
	char *p = realloc(*list, n + strlen(word) + 3);

	if (!p)
		return -1;
	snprintf(p + n, strlen(word) + 3, "%s%s", n ? ", " : "", word);
	*list = p;
	return 0;
}

/* One side's estimate (side 0: a, 1: b); NAN with the reason in why when unavailable. */
static double side_cycles(const struct lb_cost_model *m, const struct lb_cmp_case *cc,
			  const char *metric, const char *scope, int side, const char *label,
			  char *why, size_t len)
{
	struct lb_cost_count *counts = calloc(cc->n_counters + 1, sizeof(*counts));
	size_t n = 0, costed = 0;
	double sum;

	if (!counts) {
		snprintf(why, len, "out of memory");
		return NAN;
	}
	for (size_t i = 0; i < cc->n_counters; i++) {
		const struct lb_cmp_counter *k = &cc->counters[i];
		const struct lb_rcounter *rc = side ? k->b : k->a;

		if (!rc || !in_group(k, metric, rc->available ? scope : k->scope))
			continue;
		/* Unavailable in any scope (the plugin then writes one vcpu entry): here too. */
		if (!rc->available) {
			snprintf(why, len, "%s", rc->reason ? rc->reason : "not available");
			free(counts);
			return NAN;
		}
		counts[n].event = rc->event;
		counts[n++].per_op = side ? k->per_op_b : k->per_op_a;
	}
	sum = lb_cost_sum(m, counts, n, &costed);
	free(counts);
	/* Nothing the model has a figure for is counted here: no estimate, never 0 cycles. */
	if (!n)
		snprintf(why, len, "no TCG counts for %s in %s", metric, label);
	else if (!costed)
		snprintf(why, len, "none of the model's events is counted for %s", metric);
	else if (isnan(sum))
		snprintf(why, len, "a count with a figure has no repetitions in %s", label);
	return n && costed ? sum : NAN;
}

/*
 * Whether a term of the estimate counts event: the same event or its group total (tcg:tlbi
 * counts tcg:tlbi.vale1is). A figure the model has for a total that is not counted here
 * covers nothing: the member is then left out, and listed.
 */
static bool costed_by_terms(const struct lb_cost_est *e, const char *event)
{
	for (size_t i = 0; i < e->n_terms; i++) {
		const char *t = e->terms[i].ev->event;
		size_t n = strlen(t);

		if (!strncmp(t, event, n) && (!event[n] || event[n] == '.'))
			return true;
	}
	return false;
}

static int fill(const struct lb_cost_model *m, const char *const label[2],
		const struct lb_cmp_case *cc, struct lb_cost_est *e)
{
	for (size_t i = 0; i < m->n_events; i++) {
		const struct lb_cmp_counter *k = NULL;

		for (size_t j = 0; j < cc->n_counters && !k; j++)
			if (in_group(&cc->counters[j], e->metric, e->scope) &&
			    !strcmp(either(&cc->counters[j])->event, m->events[i].event))
				k = &cc->counters[j];
		if (!k) {
			if (add_word(&e->not_counted, m->events[i].event))
				return -1;
			continue;
		}
		e->terms[e->n_terms++] =
		    (struct lb_cost_term){&m->events[i], k->per_op_a, k->per_op_b};
	}
	for (size_t j = 0; j < cc->n_counters; j++) {
		const struct lb_cmp_counter *k = &cc->counters[j];
		const char *ev = either(k)->event;

		if (!in_group(k, e->metric, e->scope) || !strcmp(ev, "tcg") ||
		    costed_by_terms(e, ev) || group_total(cc, e->metric, e->scope, ev))
			continue;
		if ((k->per_op_a > 0 || k->per_op_b > 0) && add_word(&e->uncosted, ev))
			return -1;
	}
	e->cycles_a =
	    side_cycles(m, cc, e->metric, e->scope, 0, label[0], e->why_a, sizeof(e->why_a));
	e->cycles_b =
	    side_cycles(m, cc, e->metric, e->scope, 1, label[1], e->why_b, sizeof(e->why_b));
	return 0;
}

static void free_est(struct lb_cost_est *e)
{
	free(e->uncosted);
	free(e->not_counted);
	free(e->terms);
}

int lb_cost_case(const struct lb_cost_model *m, const struct lb_comparison *c,
		 struct lb_cmp_case *cc)
{
	char la[160], lb[160];
	const char *const label[2] = {la, lb};
	bool any_tcg = false;

	/* --mode-pairs: both sides are one run; say which mode. */
	if (c->mode_a) {
		snprintf(la, sizeof(la), "run %s mode %s", c->run_a->label, c->mode_a);
		snprintf(lb, sizeof(lb), "run %s mode %s", c->run_b->label, c->mode_b);
	} else {
		snprintf(la, sizeof(la), "%s", c->name_a);
		snprintf(lb, sizeof(lb), "%s", c->name_b);
	}
	cc->costs = calloc(2 * cc->n_counters + 1, sizeof(*cc->costs));
	if (!cc->costs)
		return -1;
	for (size_t i = 0; i < cc->n_counters; i++) {
		char metric[64];
		bool seen = false;

		if (!tcg_metric(&cc->counters[i], metric, sizeof(metric)))
			continue;
		any_tcg = true;
		for (size_t j = 0; j < cc->n_costs; j++)
			seen |= !strcmp(cc->costs[j].metric, metric);
		if (seen)
			continue;
		for (size_t s = 0; s < 2; s++) {
			struct lb_cost_est *e = &cc->costs[cc->n_costs];
			bool any = false;

			for (size_t j = 0; j < cc->n_counters; j++)
				any |= in_group(&cc->counters[j], metric, scopes[s]);
			if (!any)
				continue;
			snprintf(e->metric, sizeof(e->metric), "%s", metric);
			e->scope = scopes[s];
			e->terms = calloc(m->n_events + 1, sizeof(*e->terms));
			if (!e->terms || fill(m, label, cc, e)) {
				free_est(e);
				return -1;
			}
			/* The other vCPUs: only where the model's events cost something there. */
			if (s && !(e->cycles_a > 0) && !(e->cycles_b > 0)) {
				free_est(e);
				memset(e, 0, sizeof(*e));
				continue;
			}
			cc->n_costs++;
		}
	}
	if (!any_tcg) {
		struct lb_cost_est *e = &cc->costs[cc->n_costs++];

		e->scope = scopes[0];
		e->cycles_a = e->cycles_b = NAN;
		/* One reason for both sides: the same words, so that formats print it once. */
		snprintf(e->why_a, sizeof(e->why_a),
			 "no TCG counts in %s%s%s (only lazybench vm's TCG plugin records them)",
			 c->mode_a ? "run " : c->name_a, c->mode_a ? c->run_a->label : " or ",
			 c->mode_a ? "" : c->name_b);
		memcpy(e->why_b, e->why_a, sizeof(e->why_b));
	}
	return 0;
}

void lb_cost_case_free(struct lb_cmp_case *cc)
{
	for (size_t i = 0; i < cc->n_costs; i++)
		free_est(&cc->costs[i]);
	free(cc->costs);
	cc->costs = NULL;
	cc->n_costs = 0;
}
