// SPDX-License-Identifier: GPL-2.0
/* `lazybench env [--json]`: the environment a result depends on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "env.h"
#include "topo.h"

/* Human form: one "key: value" per line, nested objects flattened with dots. */
static void print_flat(const char *prefix, json_t *v)
{
	const char *k;
	json_t *x;
	char key[256];

	if (json_is_object(v)) {
		json_object_foreach(v, k, x)
		{
			snprintf(key, sizeof(key), "%s%s%s", prefix, *prefix ? "." : "", k);
			print_flat(key, x);
		}
		return;
	}
	if (json_is_string(v))
		printf("%-34s %s\n", prefix, json_string_value(v));
	else if (json_is_null(v))
		printf("%-34s -\n", prefix);
	else {
		char *s = json_dumps(v, JSON_ENCODE_ANY);

		printf("%-34s %s\n", prefix, s);
		free(s);
	}
}

int cmd_env(int argc, char **argv)
{
	bool as_json = false;
	const struct lb_opt opts[] = {
	    {.name = "json",
	     .kind = LB_OPT_FLAG,
	     .dest = &as_json,
	     .help = "print exactly what run.json records under \"env\""},
	    {0},
	};
	const struct lb_cmd cmd = {
	    .name = "env",
	    .synopsis = "[--json]",
	    .about = "Print the environment results depend on (kernel, CPU, topology, THP,\n"
		     "virtualisation, kernel config items, clock).",
	    .opts = opts,
	};
	char reason[256];
	hwloc_topology_t t;
	json_t *env;
	int rc = lb_opt_parse(&cmd, argc, argv, NULL);

	if (rc != LB_OPT_GO)
		return rc;
	t = lb_topo_load(reason, sizeof(reason));
	env = lb_env_collect(t);
	if (as_json) {
		json_dumpf(env, stdout, JSON_INDENT(2));
		putchar('\n');
	} else {
		print_flat("", env);
	}
	json_decref(env);
	if (t)
		hwloc_topology_destroy(t);
	return 0;
}
