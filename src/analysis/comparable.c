// SPDX-License-Identifier: GPL-2.0
/*
 * Are two runs comparable? Machine, CPU model, architecture, virtualisation and page size must
 * match, and so must the run parameters that shape the samples; anything else that differs in
 * the environment (kernel release, kconfig, command line, governor, THP, lazy MMU API
 * generation, ...) is listed as a diff, since that is usually what the A/B is about.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

static const struct {
	const char *what;
	const char *path;
} must_match[] = {
    {"machine", LB_ENV_HOSTNAME},    {"CPU model", LB_ENV_CPU_MODEL},
    {"architecture", LB_ENV_ARCH},   {"virtualisation", LB_ENV_VIRT},
    {"page size", LB_ENV_PAGE_SIZE}, {"CPU topology", LB_ENV_TOPOLOGY},
};

/* Settings that change what the samples mean; seed and bootstrap settings do not. */
static const char *const must_match_settings[] = {LB_K_REPS, LB_K_WARMUP,	 LB_K_ROUNDS,
						  LB_K_CPU,  LB_K_ASLR_DISABLED, NULL};

static void add_issue(struct lb_report *r, bool refuse, const char *fmt, const char *what,
		      const char *a_name, const char *a, const char *b_name, const char *b)
{
	char buf[1024];
	struct lb_cmp_issue *n = realloc(r->issues, (r->n_issues + 1) * sizeof(*n));

	if (!n)
		return;
	r->issues = n;
	snprintf(buf, sizeof(buf), fmt, what, a_name, a, b_name, b);
	r->issues[r->n_issues].refuse = refuse;
	r->issues[r->n_issues].text = strdup(buf);
	if (r->issues[r->n_issues].text)
		r->n_issues++;
}

const char *lb_run_env_or_unknown(const struct lb_rrun *run, const char *path, char *buf,
				  size_t len)
{
	const char *v = lb_run_env_str(run, path, buf, len);

	if (v != buf)
		snprintf(buf, len, "%s", v ? v : "unknown");
	return buf;
}

static char *leaf_str(json_t *v)
{
	if (json_is_string(v))
		return strdup(json_string_value(v));
	return json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
}

static void add_diff(struct lb_report *r, const char *key, size_t run, json_t *a, json_t *b)
{
	const char *name_b = r->runs[run].label;
	char *sa = a ? leaf_str(a) : strdup("(absent)");
	char *sb = b ? leaf_str(b) : strdup("(absent)");
	char **n = realloc(r->env_diff, (r->n_env_diff + 1) * sizeof(*n));
	size_t *nr = realloc(r->env_diff_run, (r->n_env_diff + 1) * sizeof(*nr));
	size_t len;

	if (n)
		r->env_diff = n;
	if (nr)
		r->env_diff_run = nr;
	if (n && nr && sa && sb) {
		len = strlen(key) + strlen(sa) + strlen(sb) + strlen(name_b) + 16;
		r->env_diff[r->n_env_diff] = malloc(len);
		if (r->env_diff[r->n_env_diff]) {
			snprintf(r->env_diff[r->n_env_diff], len, "%s: %s -> %s (%s)", key, sa, sb,
				 name_b);
			r->env_diff_run[r->n_env_diff] = run;
			r->n_env_diff++;
		}
	}
	free(sa);
	free(sb);
}

/* prefix.key into path; a path too long for it ends in "..." rather than being cut silently. */
static void join_key(char *path, size_t len, const char *prefix, const char *key)
{
	int n = snprintf(path, len, "%s%s%s", prefix, *prefix ? "." : "", key);

	if (n < 0 || (size_t)n >= len)
		memcpy(path + len - 4, "...", 4);
}

/* Walk both trees; objects recurse with dotted keys, everything else is a leaf. */
static void diff_tree(struct lb_report *r, const char *prefix, size_t run, json_t *a, json_t *b)
{
	const char *key;
	json_t *v;
	char path[512];

	if (json_is_object(a) && json_is_object(b)) {
		json_object_foreach(a, key, v)
		{
			join_key(path, sizeof(path), prefix, key);
			diff_tree(r, path, run, v, json_object_get(b, key));
		}
		json_object_foreach(b, key, v)
		{
			if (json_object_get(a, key))
				continue;
			join_key(path, sizeof(path), prefix, key);
			diff_tree(r, path, run, NULL, v);
		}
		return;
	}
	if (!a || !b || !json_equal(a, b))
		add_diff(r, prefix, run, a, b);
}

void lb_compare_check_env(struct lb_report *r)
{
	const struct lb_rrun *base = &r->runs[0];
	const char *fmt = "%s differs: %s has '%s', %s has '%s'";

	for (size_t i = 1; i < r->n_runs; i++) {
		const struct lb_rrun *run = &r->runs[i];

		for (size_t k = 0; k < sizeof(must_match) / sizeof(must_match[0]); k++) {
			char ba[256], bb[256];
			const char *va =
			    lb_run_env_or_unknown(base, must_match[k].path, ba, sizeof(ba));
			const char *vb =
			    lb_run_env_or_unknown(run, must_match[k].path, bb, sizeof(bb));

			if (strcmp(va, vb))
				add_issue(r, true, fmt, must_match[k].what, base->label, va,
					  run->label, vb);
		}
		for (size_t k = 0; must_match_settings[k]; k++) {
			json_t *a = json_object_get(base->settings, must_match_settings[k]);
			json_t *b = json_object_get(run->settings, must_match_settings[k]);
			char *sa, *sb, what[64];

			if ((!a && !b) || (a && b && json_equal(a, b)))
				continue;
			sa = a ? leaf_str(a) : strdup("(absent)");
			sb = b ? leaf_str(b) : strdup("(absent)");
			snprintf(what, sizeof(what), "setting '%s'", must_match_settings[k]);
			add_issue(r, true, fmt, what, base->label, sa ? sa : "?", run->label,
				  sb ? sb : "?");
			free(sa);
			free(sb);
		}
		{
			/* run --delay-ns: an A/B with a known injected delay on one side is
			 * validate's design, so it is shown, never refused. */
			json_t *a = json_object_get(base->settings, LB_K_DELAY_NS);
			json_t *b = json_object_get(run->settings, LB_K_DELAY_NS);

			if (a || b) {
				char *sa = a ? leaf_str(a) : strdup("none");
				char *sb = b ? leaf_str(b) : strdup("none");

				add_issue(
				    r, false,
				    "%s (lazybench run --delay-ns, ns per section): %s has %s, "
				    "%s has %s",
				    "injected module delay", base->label, sa ? sa : "?", run->label,
				    sb ? sb : "?");
				free(sa);
				free(sb);
			}
		}
		if (!run->complete)
			add_issue(r, false,
				  "%s%s%s is incomplete (interrupted or a case failed)%s%s", "",
				  "run ", run->label, "", "");
		diff_tree(r, "", i, base->env, run->env);
	}
	for (size_t i = 0; i < r->n_runs; i++) {
		size_t boots = json_array_size(json_object_get(r->runs[i].root, LB_K_MERGED_FROM));
		char n[32];

		/* ab pools boots: the tests assume independent samples, not clusters of them. */
		snprintf(n, sizeof(n), "%zu", boots);
		if (boots > 1)
			add_issue(
			    r, false,
			    "%s%s pools %s boots (lazybench ab): boot-to-boot variation is not "
			    "modelled by the tests; prefer more rounds and --holm%s%s",
			    "run ", r->runs[i].label, n, "", "");
	}
	if (!base->complete)
		add_issue(r, false, "%s%s%s is incomplete (interrupted or a case failed)%s%s", "",
			  "run ", base->label, "", "");
}
