// SPDX-License-Identifier: GPL-2.0
/* `lazybench kmod info`: INFO, plus why each refused case is refused (a dry RUN). */
#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "kmod_client.h"
#include "kmod_cmd.h"

/* 0 when the case can run; else errno with the module's reason. */
static int dry_run(int fd, uint32_t w, uint32_t v, uint32_t m, char *reason, size_t len)
{
	struct lazybench_run r;
	int err;

	memset(&r, 0, sizeof(r));
	r.workload = w;
	r.variant = v;
	r.mode = m;
	r.pages = 1;
	r.reps = 1;
	r.flags = LAZYBENCH_RUN_DRY;
	/* The dry run checks what it can without a mapping; any non-zero address will do. */
	if (lb_kmod_wl(w)->needs_vma)
		r.addr = 1;
	err = lb_kmod_run(fd, &r);
	snprintf(reason, len, "%s", r.reason);
	return err;
}

static json_t *info_json(int fd, const struct lazybench_info *in)
{
	json_t *o = json_object(), *cases = json_array(), *effects = json_array();
	char reason[LAZYBENCH_REASON_LEN + 1];

	json_object_set_new(o, "module_version", json_string(in->module_version));
	json_object_set_new(o, "machine", json_string(in->machine));
	json_object_set_new(o, "release", json_string(in->release));
	json_object_set_new(o, "generation", json_string(lb_kmod_generation_name(in->generation)));
	json_object_set_new(o, "arch_implements_mode",
			    json_boolean(in->flags & LAZYBENCH_INFO_ARCH_LAZY));
	json_object_set_new(o, "kasan_vmalloc",
			    json_boolean(in->flags & LAZYBENCH_INFO_KASAN_VMALLOC));
	json_object_set_new(o, "debug_vm", json_boolean(in->flags & LAZYBENCH_INFO_DEBUG_VM));
	json_object_set_new(o, "state_check", json_boolean(in->flags & LAZYBENCH_INFO_STATE_CHECK));
	json_object_set_new(o, "preempt_off_in_mode",
			    json_boolean(in->flags & LAZYBENCH_INFO_PREEMPT_OFF));
	json_object_set_new(o, "page_size", json_integer(in->page_size));
	json_object_set_new(o, "mmu", json_string(lb_kmod_mmu_name(in->mmu)));
	json_object_set_new(o, "max_pages", json_integer((json_int_t)in->max_pages));
	json_object_set_new(o, "max_reps", json_integer(in->max_reps));
	json_object_set_new(o, "max_delay_ns", json_integer(in->max_delay_ns));
	json_object_set_new(o, "max_work", json_integer((json_int_t)in->max_work));
	json_object_set_new(o, "max_delay_total_ns",
			    json_integer((json_int_t)in->max_delay_total_ns));
	if (in->flags & LAZYBENCH_INFO_TASK_STATE)
		json_object_set_new(
		    o, "task",
		    json_pack("{s:i,s:i,s:b}", "enable_count", in->task_enable_count, "pause_count",
			      in->task_pause_count, "paused_by_module", in->task_paused_by_module));
	else
		json_object_set_new(o, "task",
				    json_pack("{s:b,s:s}", "available", 0, "reason",
					      "no per-task lazy MMU state on this kernel"));
	for (uint32_t w = 0; w < LAZYBENCH_WL_COUNT; w++) {
		for (uint32_t v = 0; v < LAZYBENCH_VARIANT_COUNT; v++) {
			const struct lazybench_wl_info *e = lb_kmod_wl_info(in, w, v);

			if (!lb_kmod_variant_valid(w, v))
				continue;
			for (uint32_t m = 0; m < LAZYBENCH_MODE_COUNT; m++) {
				int err = dry_run(fd, w, v, m, reason, sizeof(reason));
				bool avail = e && (e->modes & (1u << m));
				json_t *c = json_pack("{s:s,s:s?,s:s,s:b}", "workload",
						      lb_kmod_workload_name(w), "variant",
						      v ? lb_kmod_variant_name(v) : NULL, "mode",
						      lb_kmod_mode_name(m), "available", avail);
				if (err) {
					json_object_set_new(c, "errno",
							    json_string(strerrorname_np(err)));
					json_object_set_new(c, "reason", json_string(reason));
				}
				json_array_append_new(cases, c);
			}
			for (uint32_t k = 0; e && k < e->nr_metrics && k < 4; k++)
				json_array_append_new(effects,
						      json_pack("{s:s,s:s?,s:s,s:s}", "workload",
								e->name, "variant",
								v ? lb_kmod_variant_name(v) : NULL,
								"metric", e->metric[k], "effect",
								lb_kmod_effect_name(e->effect[k])));
			if (e && !json_object_get(o, "effect_rule"))
				json_object_set_new(o, "effect_rule",
						    json_string(e->effect_reason));
		}
	}
	json_object_set_new(o, "effects", effects);
	json_object_set_new(o, "cases", cases);
	return o;
}

static void print_text(json_t *o)
{
	json_t *task = json_object_get(o, "task"), *c;
	size_t i;

	printf("module %s on %s %s\n", json_string_value(json_object_get(o, "module_version")),
	       json_string_value(json_object_get(o, "machine")),
	       json_string_value(json_object_get(o, "release")));
	printf("API generation: %s; arch implements the mode: %s; MMU: %s; page size %lld\n",
	       json_string_value(json_object_get(o, "generation")),
	       json_is_true(json_object_get(o, "arch_implements_mode")) ? "yes" : "no",
	       json_string_value(json_object_get(o, "mmu")),
	       json_integer_value(json_object_get(o, "page_size")));
	printf("KASAN_VMALLOC: %s; DEBUG_VM: %s; state check: %s; max pages per run: %lld\n",
	       json_is_true(json_object_get(o, "kasan_vmalloc")) ? "yes" : "no",
	       json_is_true(json_object_get(o, "debug_vm")) ? "yes" : "no",
	       json_is_true(json_object_get(o, "state_check")) ? "yes" : "unavailable",
	       json_integer_value(json_object_get(o, "max_pages")));
	if (json_object_get(task, "enable_count"))
		printf("this task: enable_count %lld, pause_count %lld, paused by lazybench: %s\n",
		       json_integer_value(json_object_get(task, "enable_count")),
		       json_integer_value(json_object_get(task, "pause_count")),
		       json_is_true(json_object_get(task, "paused_by_module")) ? "yes" : "no");
	else
		printf("this task: unavailable (%s)\n",
		       json_string_value(json_object_get(task, "reason")));
	printf("\nCan the mode move a metric here? %s\n",
	       json_string_value(json_object_get(o, "effect_rule")));
	json_array_foreach(json_object_get(o, "effects"), i, c)
	{
		const char *v = json_string_value(json_object_get(c, "variant"));

		printf("  %-11s %-9s %-10s %s\n", json_string_value(json_object_get(c, "workload")),
		       v ? v : "-", json_string_value(json_object_get(c, "metric")),
		       json_string_value(json_object_get(c, "effect")));
	}
	printf("\n%-11s %-9s %-7s %s\n", "workload", "variant", "mode", "here");
	json_array_foreach(json_object_get(o, "cases"), i, c)
	{
		const char *v = json_string_value(json_object_get(c, "variant"));
		const char *why = json_string_value(json_object_get(c, "reason"));

		printf("%-11s %-9s %-7s %s%s%s%s\n",
		       json_string_value(json_object_get(c, "workload")), v ? v : "-",
		       json_string_value(json_object_get(c, "mode")), why ? "refused " : "runs",
		       why ? json_string_value(json_object_get(c, "errno")) : "", why ? ": " : "",
		       why ? why : "");
	}
}

int lb_kmod_cmd_info(int argc, char **argv)
{
	struct lazybench_info info;
	char reason[256];
	bool as_json = false;
	const struct lb_opt opts[] = {
	    {.name = "json", .kind = LB_OPT_FLAG, .dest = &as_json, .help = "print it as JSON"},
	    {0},
	};
	const struct lb_cmd cmd = {
	    .name = "kmod info",
	    .synopsis = "[--json]",
	    .about = "What this kernel and lazybench.ko allow: API generation, arch, modes per\n"
		     "workload, limits, the task's lazy MMU state.",
	    .opts = opts,
	};
	json_t *o;
	int fd;

	if ((fd = lb_opt_parse(&cmd, argc, argv, NULL)) != LB_OPT_GO)
		return fd;
	fd = lb_kmod_open_or_explain("kmod info");
	if (fd < 0)
		return LB_EXIT_FAIL;
	if (lb_kmod_info(fd, &info, reason, sizeof(reason))) {
		fprintf(stderr, "lazybench kmod info: %s\n", reason);
		return LB_EXIT_FAIL;
	}
	o = info_json(fd, &info);
	if (as_json) {
		char *s = json_dumps(o, JSON_INDENT(2));
		puts(s);
		free(s);
	} else {
		print_text(o);
	}
	json_decref(o);
	return 0;
}
