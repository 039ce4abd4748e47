// SPDX-License-Identifier: GPL-2.0
/* Units of replication of a case's metric; see units.h. */
#include <stdlib.h>

#include "units.h"

const char *lb_unit_name(enum lb_unit_kind k)
{
	return k == LB_UNIT_ROUND ? "round" : "replicate";
}

static long setting(const struct lb_rrun *run, const char *key)
{
	json_t *v = run->settings ? json_object_get(run->settings, key) : NULL;

	return json_is_integer(v) ? (long)json_integer_value(v) : -1;
}

int lb_units_of(const struct lb_rrun *run, const struct lb_rcase *c, const struct lb_rmetric *m,
		bool rounds_ok, struct lb_units *u)
{
	long rounds = setting(run, "rounds"), reps = setting(run, "reps");
	size_t k = c->n_replicates ? c->n_replicates : 1, sum = 0;

	u->kind = LB_UNIT_REPLICATE;
	u->counts = NULL;
	if (k == 1 && rounds_ok && rounds >= 2 && reps >= rounds && c->complete &&
	    m->n == (size_t)reps) {
		u->counts = malloc((size_t)rounds * sizeof(*u->counts));
		if (!u->counts)
			return -1;
		/* As `run --rounds` splits: the first reps % rounds chunks one larger. */
		for (long i = 0; i < rounds; i++)
			u->counts[i] = (size_t)(reps / rounds + (i < reps % rounds));
		u->kind = LB_UNIT_ROUND;
		u->side = (struct lb_rep_side){
		    .samples = m->samples, .counts = u->counts, .k = (size_t)rounds};
		return 0;
	}
	u->counts = malloc(k * sizeof(*u->counts));
	if (!u->counts)
		return -1;
	for (size_t i = 0; i < k && c->n_replicates; i++) {
		u->counts[i] = c->replicate_reps[i];
		sum += u->counts[i];
	}
	if (!c->n_replicates || sum != m->n) {
		u->counts[0] = m->n;
		u->side = (struct lb_rep_side){.samples = m->samples, .counts = u->counts, .k = 1};
		return c->n_replicates ? -1 : 0;
	}
	u->side = (struct lb_rep_side){.samples = m->samples, .counts = u->counts, .k = k};
	return 0;
}

void lb_units_free(struct lb_units *u)
{
	free(u->counts);
	u->counts = NULL;
}
