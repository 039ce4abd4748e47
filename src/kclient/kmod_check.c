// SPDX-License-Identifier: GPL-2.0
/* The module's mode-state check as run.json's "state_check" (docs/results-format.md). */
#include <jansson.h>

#include "kmod_check.h"

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
