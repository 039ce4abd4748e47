// SPDX-License-Identifier: GPL-2.0
/*
 * The module's checks as run.json's "state_check" (docs/results-format.md), and its
 * per-repetition accounting as "kernel".
 */
#include <jansson.h>

#include "kmod_check.h"
#include "kmod_client.h"

json_t *lb_kmod_check_json(const struct lazybench_state_check *k, const char *reason)
{
	json_t *o;

	if (k->result == LAZYBENCH_CHECK_NOT_APPLICABLE)
		return json_null();
	if (k->result == LAZYBENCH_CHECK_UNAVAILABLE)
		return json_pack("{s:b,s:s}", "available", 0, "reason", reason);
	o = json_pack("{s:I,s:I,s:I,s:I,s:s,s:b}", "writes", (json_int_t)k->writes,
		      "active_at_write", (json_int_t)k->active_at_write, "resumes",
		      (json_int_t)k->resumes, "active_after_resume",
		      (json_int_t)k->active_after_resume, "expected",
		      k->expect_at_write ? "active at every write" : "inactive at every write",
		      "passed", k->result == LAZYBENCH_CHECK_PASSED);
	if (k->expect_after_resume != 2)
		json_object_set_new(o, "expected_after_resume",
				    json_string(k->expect_after_resume ? "active" : "inactive"));
	if (k->result == LAZYBENCH_CHECK_FAILED)
		json_object_set_new(o, "reason", json_string(reason));
	return o;
}

json_t *lb_kmod_mode_check_json(const struct lazybench_mode_check *m)
{
	return json_pack("{s:s,s:I,s:I,s:I,s:I}", "result", lb_kmod_check_name(m->result),
			 "sections", (json_int_t)m->sections, "claimed_at_entry",
			 (json_int_t)m->claimed_at_entry, "claimed_at_exit",
			 (json_int_t)m->claimed_at_exit, "neutral_after",
			 (json_int_t)m->neutral_after);
}

json_t *lb_kmod_rep_json(const struct lazybench_rep *r)
{
	json_t *flags = json_array();
	json_t *o = json_pack("{s:I,s:I,s:I,s:I,s:i,s:i,s:i}", "empty_ns", (json_int_t)r->empty_ns,
			      "sections", (json_int_t)r->sections, "lazy_sections",
			      (json_int_t)r->lazy_sections, "lazy_ptes", (json_int_t)r->lazy_ptes,
			      "max_ptes_per_section", (int)r->max_ptes_per_section, "csw",
			      (int)r->csw, "irqs", (int)r->irqs);

	/* Effective PTEs per lazy section; none in off/paused (no section opened). */
	json_object_set_new(o, "ptes_per_lazy_section",
			    r->lazy_sections
				? json_real((double)r->lazy_ptes / (double)r->lazy_sections)
				: json_null());
	if (r->flags & LAZYBENCH_REP_CSW)
		json_array_append_new(flags, json_string("csw"));
	if (r->flags & LAZYBENCH_REP_IRQ)
		json_array_append_new(flags, json_string("irq"));
	if (r->flags & LAZYBENCH_REP_MIGRATED)
		json_array_append_new(flags, json_string("migrated"));
	json_object_set_new(o, "contaminated", flags);
	return o;
}

json_t *lb_kmod_reps_json(const struct lazybench_rep *reps, uint32_t n)
{
	static const char *const keys[] = {
	    "empty_ns", "sections", "lazy_sections", "lazy_ptes", "ptes_per_lazy_section",
	    "csw",	"irqs",	    "contaminated"};
	json_t *o = json_object();

	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		json_t *arr = json_array();

		for (uint32_t r = 0; r < n; r++) {
			json_t *one = lb_kmod_rep_json(&reps[r]);

			json_array_append(arr, json_object_get(one, keys[k]));
			json_decref(one);
		}
		json_object_set_new(o, keys[k], arr);
	}
	return o;
}
