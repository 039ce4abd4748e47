// SPDX-License-Identifier: GPL-2.0
/* Parse `lazybench run` flags and expand the sweep; see run_opts.h. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opt.h"
#include "run_opts.h"

#define MAX_PAGES (1ul << 22) /* 16 GiB of 4 KiB pages */

/* Items of the comma lists (LB_OPT_LIST): 0, or -1 with why. */
static int one_workload(const char *s, size_t i, void *arg, char *why, size_t wl)
{
	struct lb_run_opts *o = arg;
	size_t n = 0;

	o->workloads[i] = lb_workload_find(s);
	if (o->workloads[i])
		return 0;
	n = (size_t)snprintf(why, wl, "unknown workload (known:");
	for (size_t k = 0; lb_workloads[k] && n < wl; k++)
		n += (size_t)snprintf(why + n, wl - n, " %s", lb_workloads[k]->name);
	if (n < wl)
		snprintf(why + n, wl - n, ")");
	return -1;
}

static int one_pages(const char *s, size_t i, void *arg, char *why, size_t wl)
{
	struct lb_run_opts *o = arg;
	unsigned long long v;

	if (!lb_parse_ull(s, 1, MAX_PAGES, &v)) {
		o->pages[i] = (unsigned long)v;
		return 0;
	}
	snprintf(why, wl, "want a page count from 1 to %lu", MAX_PAGES);
	return -1;
}

static int one_mode(const char *s, size_t i, void *arg, char *why, size_t wl)
{
	struct lb_run_opts *o = arg;
	int m = lb_mode_parse(s);

	if (m >= 0) {
		o->modes[i] = m;
		return 0;
	}
	snprintf(why, wl, "unknown mode (on, off, nested, paused)");
	return -1;
}

static int one_batch(const char *s, size_t i, void *arg, char *why, size_t wl)
{
	struct lb_run_opts *o = arg;
	unsigned long long v;

	if (!lb_parse_ull(s, 1, MAX_PAGES, &v)) {
		o->batches[i] = (long)v;
		return 0;
	}
	snprintf(why, wl, "want a PTE count from 1 to %lu", MAX_PAGES);
	return -1;
}

static int one_remote(const char *s, size_t i, void *arg, char *why, size_t wl)
{
	struct lb_run_opts *o = arg;
	int p = lb_placement_parse(s);

	if (p >= 0) {
		o->remotes[i] = p;
		return 0;
	}
	snprintf(why, wl, "unknown placement (none, smt, l2, llc, package, numa)");
	return -1;
}

/* The module's LB_MAX_DELAY_NS (INFO max_delay_ns): a busy-wait of at most 1 ms per section. */
#define MAX_DELAY_NS 1000000u

/* "N" (every kernel case) or "CASE-ID=N" (that case). */
static int one_delay(const char *s, size_t i, void *arg, char *why, size_t wl)
{
	struct lb_run_opts *o = arg;
	const char *eq = strrchr(s, '=');
	const char *num = eq ? eq + 1 : s;
	unsigned long long v;

	(void)i;
	o->delay_given = true;
	if (lb_parse_ull(num, 0, MAX_DELAY_NS, &v)) {
		snprintf(why, wl, "want N or CASE-ID=N, N in ns from 0 to %u (the module's limit)",
			 MAX_DELAY_NS);
		return -1;
	}
	if (!eq) {
		o->delay_all = (unsigned)v;
		return 0;
	}
	if (eq == s || (size_t)(eq - s) >= sizeof(o->delay_ids[0])) {
		snprintf(why, wl, "want a case id before '=' (as run.json names it)");
		return -1;
	}
	memcpy(o->delay_ids[o->n_delays], s, (size_t)(eq - s));
	o->delay_ids[o->n_delays][eq - s] = 0;
	o->delay_ns[o->n_delays++] = (unsigned)v;
	return 0;
}

#define MAX_LABEL 128

/* A run id: a directory name that compare and plot never read as an option. */
static int label_ok(const char *s, void *dest, char *why, size_t wl)
{
	size_t n = strlen(s);
	bool ok = n;

	for (const char *p = s; ok && *p; p++)
		ok = isalnum((unsigned char)*p) || strchr("._-+", *p);
	if (n > MAX_LABEL)
		snprintf(why, wl, "%zu characters, at most %d", n, MAX_LABEL);
	else if (*s == '-')
		snprintf(why, wl,
			 "must not start with '-' (compare and plot would read it as an "
			 "option)");
	else if (*s == '.')
		snprintf(why, wl, "must not start with '.'");
	else if (!ok)
		snprintf(why, wl, "use letters, digits and . _ - +");
	else {
		*(const char **)dest = s;
		return 0;
	}
	return -1;
}

/* The table of `lazybench run`, its destinations in o; help names the default workloads. */
static void run_cmd(struct lb_run_opts *o, struct lb_opt *t, char *wl_help, size_t wl_len,
		    const char **batch_arg, struct lb_event_list *events, struct lb_cmd *cmd)
{
	size_t n = (size_t)snprintf(wl_help, wl_len,
				    "workloads (see lazybench list); default: the "
				    "syscall\nworkloads");
	struct lb_opt *p = t;

	for (size_t i = 0, k = 0; lb_workloads[i] && n < wl_len; i++)
		if (lb_workloads[i]->kind == LB_KIND_SYSCALL && !lb_workloads[i]->opt_in)
			n += (size_t)snprintf(wl_help + n, wl_len - n, "%s%s", k++ ? "," : " ",
					      lb_workloads[i]->name);
	if (n < wl_len)
		n += (size_t)snprintf(
		    wl_help + n, wl_len - n,
		    ",\nthe same with or without lazybench.ko: kernel workloads\nrun only "
		    "when named (a case this kernel cannot run is kept\nas refused with "
		    "the reason, not an error), and so do the opt-in\nones:");
	for (size_t i = 0, k = 0; lb_workloads[i] && n < wl_len; i++)
		if (lb_workloads[i]->opt_in)
			n += (size_t)snprintf(wl_help + n, wl_len - n, "%s%s", k++ ? "," : " ",
					      lb_workloads[i]->name);
	*p++ = (struct lb_opt){.name = "workload",
			       .kind = LB_OPT_LIST,
			       .dest = o,
			       .item = one_workload,
			       .count = &o->n_workloads,
			       .max_items = LB_LIST_MAX,
			       .arg = "LIST",
			       .help = wl_help};
	*p++ = (struct lb_opt){.name = "pages",
			       .kind = LB_OPT_LIST,
			       .dest = o,
			       .item = one_pages,
			       .count = &o->n_pages,
			       .max_items = LB_LIST_MAX,
			       .arg = "LIST",
			       .help = "4 KiB pages per operation (default 1,64,512)"};
	*p++ = (struct lb_opt){.name = "mode",
			       .kind = LB_OPT_LIST,
			       .dest = o,
			       .item = one_mode,
			       .count = &o->n_modes,
			       .max_items = LB_LIST_MAX,
			       .arg = "LIST",
			       .help = "lazy MMU mode: on, off, nested, paused (default on)"};
	*p++ = (struct lb_opt){
	    .name = "batch",
	    .kind = LB_OPT_LIST,
	    .dest = o,
	    .item = one_batch,
	    .count = &o->n_batches,
	    .max_items = LB_LIST_MAX,
	    .seen = batch_arg,
	    .arg = "LIST",
	    .help = "pages per call of the kernel API, for workloads with a\nbatch (kernel ones; "
		    "default: one call of all pages; the\nkernel's own lazy sections stay per "
		    "PMD). Refused when no\nselected workload has one; in a mixed sweep the "
		    "others run\nwithout it and record batch null"};
	*p++ = (struct lb_opt){.name = "remote",
			       .kind = LB_OPT_LIST,
			       .dest = o,
			       .item = one_remote,
			       .count = &o->n_remotes,
			       .max_items = LB_LIST_MAX,
			       .arg = "LIST",
			       .help = "reader thread placement: none, smt, l2, llc, package, "
				       "numa\n(default none)"};
	*p++ = (struct lb_opt){.name = "reps",
			       .kind = LB_OPT_UINT,
			       .dest = &o->reps,
			       .min = 1,
			       .max = 1000000,
			       .why = "want a count from 1 to 1000000",
			       .arg = "N",
			       .help = "measured repetitions per case (default 30)"};
	*p++ =
	    (struct lb_opt){.name = "warmup",
			    .kind = LB_OPT_UINT,
			    .dest = &o->warmup,
			    .max = 100000,
			    .why = "want a count from 0 to 100000",
			    .arg = "N",
			    .help = "discarded repetitions first (default 3); with --rounds,\nat "
				    "every visit of a case"};
	*p++ = (struct lb_opt){
	    .name = "rounds",
	    .kind = LB_OPT_UINT,
	    .dest = &o->rounds,
	    .min = 1,
	    .max = 1000000,
	    .why = "want a count from 1 to --reps",
	    .arg = "K",
	    .help = "split each case's reps into K nearly equal chunks and make\nK passes over "
		    "the cases, each in a fresh seeded shuffle, so\nthat load drift spreads over "
		    "every case (1 <= K <= reps;\ndefault 1: each case's reps in one block)"};
	*p++ = (struct lb_opt){
	    .name = "runs",
	    .kind = LB_OPT_UINT,
	    .dest = &o->runs,
	    .min = 1,
	    .max = 1000,
	    .why = "want a count from 1 to 1000",
	    .arg = "K",
	    .help = "run the whole case set K times, each in a separately\nstarted process, "
		    "stored as one result with K replicates\n(the unit compare tests; default 5, "
		    "see docs/compare.md;\n--seed S gives replicate I the seed S + I - 1)"};
	*p++ = (struct lb_opt){
	    .name = "delay-ns",
	    .kind = LB_OPT_LIST,
	    .dest = o,
	    .item = one_delay,
	    .max_items = LB_LIST_MAX,
	    .arg = "LIST",
	    .help = "kernel workloads only: the module busy-waits N ns inside\nevery section "
		    "(recorded; compare shows it): N for every case,\nCASE-ID=N for one "
		    "(vmalloc/-/on/p64/b-/none=500); an injected,\nknown slowdown for "
		    "validate (default 0)"};
	*p++ = (struct lb_opt){.name = "cpu",
			       .kind = LB_OPT_INT,
			       .dest = &o->cpu,
			       .max = 65535,
			       .why = "want a CPU number",
			       .arg = "N",
			       .help = "CPU of the measuring thread (default 0)"};
	*events = (struct lb_event_list){o->events, &o->n_events, LB_LIST_MAX};
	*p++ = (struct lb_opt){.name = "events",
			       .kind = LB_OPT_LIST,
			       .dest = events,
			       .item = lb_event_list_add,
			       .max_items = LB_LIST_MAX,
			       .arg = "LIST",
			       .help = "more counters: libpfm4 names, sys:tracepoint[FILTER],\n"
				       "interrupts:LABEL"};
	*p++ =
	    (struct lb_opt){.name = "label",
			    .kind = LB_OPT_CALL,
			    .dest = &o->label,
			    .call = label_ok,
			    .arg = "NAME",
			    .help = "run id (default <UTC time>-<workloads>); never overwritten"};
	*p++ = (struct lb_opt){.name = "results-dir",
			       .kind = LB_OPT_STR,
			       .dest = &o->results_dir,
			       .why = "empty path",
			       .arg = "DIR",
			       .help = "where runs go (default ./results)"};
	*p++ =
	    (struct lb_opt){.name = "seed",
			    .kind = LB_OPT_ULONG,
			    .dest = &o->seed,
			    .max = 0xffffffffUL,
			    .why = "want a number",
			    .arg = "N",
			    .help = "seed of the case order shuffle and the bootstrap (default 1)"};
	*p++ =
	    (struct lb_opt){.name = "resamples",
			    .kind = LB_OPT_UINT,
			    .dest = &o->resamples,
			    .min = 100,
			    .max = 1000000,
			    .why = "want a count from 100 to 1000000",
			    .arg = "N",
			    .help = "bootstrap resamples for the CI of the median (default 2000)"};
	*p++ =
	    (struct lb_opt){.name = "quiet",
			    .short_name = 'q',
			    .kind = LB_OPT_FLAG,
			    .dest = &o->quiet,
			    .help = "only errors (stderr) and the summary (stdout): no progress,\n"
				    "notes or warnings (what they say is in run.json)"};
	*p = (struct lb_opt){0};
	*cmd = (struct lb_cmd){
	    .name = "run",
	    .synopsis = "[OPTIONS]",
	    .about = "Run cases (every combination of the lists) and write results/<run-id>/.",
	    .footer = "Output: progress, notes and warnings on stderr; the summary table, its last "
		      "line\n\"results: DIR\", on stdout, with -q too. Exit status 0 when every "
		      "case ran or\nwas refused, 1 when a case failed, 2 on a usage error, 130 on "
		      "Ctrl-C.",
	    .opts = t,
	    .in_order = true,
	};
}

/* A batch must reach at least one selected workload; never dropped without a word. */
static int check_batch(struct lb_run_opts *o, const char *batch_arg, char *err, size_t len)
{
	size_t with = 0;
	char none[200];

	if (!o->n_batches)
		return 0;
	for (size_t i = 0; i < o->n_workloads; i++)
		with += o->workloads[i]->has_batch;
	if (with == 0) {
		lb_run_batchless(o, none, sizeof(none));
		snprintf(err, len,
			 "--batch %s: no selected workload takes a batch (%s take none; kernel "
			 "workloads do)",
			 batch_arg, none);
		return -1;
	}
	o->batch_partly_unused = with < o->n_workloads;
	return 0;
}

/* --delay-ns is the module's knob: refused for syscall workloads, and a CASE-ID must be a case
 * of this run (a mistyped id would leave a side silently undelayed). */
static int check_delay(const struct lb_run_opts *o, char *err, size_t len)
{
	struct lb_case_result *cases;
	size_t n;
	int rc = 0;

	if (!o->delay_given)
		return 0;
	for (size_t i = 0; i < o->n_workloads; i++)
		if (o->workloads[i]->kind != LB_KIND_KERNEL) {
			snprintf(err, len,
				 "--delay-ns: %s is a syscall workload; the delay is the module's "
				 "busy-wait inside each section of a kernel workload (vmalloc, "
				 "vmap, ...), nothing can inject it into a syscall",
				 o->workloads[i]->name);
			return -1;
		}
	n = lb_run_expand(o, &cases);
	for (size_t d = 0; d < o->n_delays && !rc; d++) {
		bool found = false;

		for (size_t i = 0; i < n && !found; i++)
			found = !strcmp(cases[i].id, o->delay_ids[d]);
		if (!found) {
			snprintf(err, len,
				 "--delay-ns %s=%u: no such case in this run (ids as in "
				 "run.json, e.g. %s)",
				 o->delay_ids[d], o->delay_ns[d], n ? cases[0].id : "none");
			rc = -1;
		}
	}
	free(cases);
	return rc;
}

unsigned lb_run_delay_of(const struct lb_run_opts *o, const char *id)
{
	for (size_t d = 0; d < o->n_delays; d++)
		if (!strcmp(o->delay_ids[d], id))
			return o->delay_ns[d];
	return o->delay_all;
}

static void defaults(struct lb_run_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->pages[0] = 1;
	o->pages[1] = 64;
	o->pages[2] = 512;
	o->n_pages = 3;
	o->modes[0] = LB_MODE_ON;
	o->n_modes = 1;
	o->remotes[0] = LB_PLACE_NONE;
	o->n_remotes = 1;
	o->reps = 30;
	o->warmup = 3;
	o->rounds = 1;
	o->runs = LB_RUNS_DEFAULT;
	o->results_dir = "results";
	o->seed = 1;
	o->resamples = 2000;
	o->n_events = lb_event_defaults(o->events, LB_LIST_MAX);
	for (size_t i = 0; lb_workloads[i]; i++)
		if (lb_workloads[i]->kind == LB_KIND_SYSCALL && !lb_workloads[i]->opt_in &&
		    o->n_workloads < LB_LIST_MAX)
			o->workloads[o->n_workloads++] = lb_workloads[i];
}

void lb_run_usage(FILE *f)
{
	struct lb_run_opts o;
	struct lb_opt t[21];
	struct lb_cmd cmd;
	char wl_help[600];
	const char *batch_arg = NULL;
	struct lb_event_list events;

	defaults(&o);
	run_cmd(&o, t, wl_help, sizeof(wl_help), &batch_arg, &events, &cmd);
	lb_opt_help(&cmd, f);
}

int lb_run_parse(int argc, char **argv, struct lb_run_opts *o, char *err, size_t len)
{
	struct lb_opt t[21];
	struct lb_cmd cmd;
	char wl_help[600];
	const char *batch_arg = NULL;
	struct lb_event_list events;
	int r;

	defaults(o);
	run_cmd(o, t, wl_help, sizeof(wl_help), &batch_arg, &events, &cmd);
	r = lb_opt_scan(&cmd, argc, argv, NULL, err, len);
	if (r)
		return r;
	if (o->rounds > o->reps) {
		snprintf(err, len, "--rounds %u: more rounds than --reps %u (want 1 to %u)",
			 o->rounds, o->reps, o->reps);
		return -1;
	}
	if (check_batch(o, batch_arg, err, len))
		return -1;
	return check_delay(o, err, len);
}

void lb_run_batchless(const struct lb_run_opts *o, char *out, size_t len)
{
	size_t n = 0;

	out[0] = 0;
	for (size_t i = 0; i < o->n_workloads && n < len; i++)
		if (!o->workloads[i]->has_batch)
			n += (size_t)snprintf(out + n, len - n, "%s%s", n ? "," : "",
					      o->workloads[i]->name);
}

unsigned lb_run_chunk(const struct lb_run_opts *o, unsigned round)
{
	unsigned k = o->rounds ? o->rounds : 1;

	return o->reps / k + (round < o->reps % k);
}

size_t lb_run_expand(const struct lb_run_opts *o, struct lb_case_result **cases)
{
	static const char *const no_variant[] = {NULL};
	size_t cap = 16, n = 0;
	struct lb_case_result *c = calloc(cap, sizeof(*c));

	for (size_t w = 0; w < o->n_workloads; w++) {
		const struct lb_workload *wl = o->workloads[w];
		const char *const *variants = wl->variants ? wl->variants : no_variant;
		size_t nv = 0, nb = wl->has_batch && o->n_batches ? o->n_batches : 1;
		size_t np = wl->no_pages ? 1 : o->n_pages;

		while (wl->variants ? variants[nv] != NULL : nv < 1)
			nv++;
		for (size_t v = 0; v < nv; v++)
			for (size_t m = 0; m < o->n_modes; m++)
				for (size_t p = 0; p < np; p++)
					for (size_t b = 0; b < nb; b++)
						for (size_t r = 0; r < o->n_remotes; r++) {
							struct lb_case_result *k;

							if (n == cap) {
								cap *= 2;
								c = realloc(c, cap * sizeof(*c));
								if (!c)
									abort();
							}
							k = &c[n++];
							memset(k, 0, sizeof(*k));
							k->workload = wl->name;
							k->kind = wl->kind;
							k->variant = variants[v];
							k->mode = o->modes[m];
							k->pages = wl->no_pages ? 1 : o->pages[p];
							k->batch = wl->has_batch && o->n_batches
								       ? o->batches[b]
								       : -1;
							k->remote =
							    lb_placement_name(o->remotes[r]);
							k->cpu = o->cpu;
							k->remote_cpu = -1;
							k->n_metrics = wl->n_metrics;
							lb_case_id(k);
							k->delay_ns = lb_run_delay_of(o, k->id);
						}
	}
	*cases = c;
	return n;
}
