// SPDX-License-Identifier: GPL-2.0
/* Parse `lazybench run` flags and expand the sweep; see run_opts.h. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run_opts.h"

#define MAX_PAGES (1ul << 22) /* 16 GiB of 4 KiB pages */

void lb_run_usage(FILE *f)
{
	fprintf(f, "usage: lazybench run [OPTIONS]\n"
		   "Run cases (every combination of the lists) and write results/<run-id>/.\n"
		   "  --workload LIST   workloads (see lazybench list); default: the syscall\n"
		   "                    workloads");
	for (size_t i = 0, k = 0; lb_workloads[i]; i++)
		if (lb_workloads[i]->kind == LB_KIND_SYSCALL)
			fprintf(f, "%s%s", k++ ? "," : " ", lb_workloads[i]->name);
	fprintf(f,
		",\n"
		"                    the same with or without lazybench.ko: kernel workloads\n"
		"                    run only when named (a case this kernel cannot run is kept\n"
		"                    as refused with the reason, not an error)\n"
		"  --pages LIST      4 KiB pages per operation (default 1,64,512)\n"
		"  --mode LIST       lazy MMU mode: on, off, nested, paused (default on)\n"
		"  --batch LIST      PTEs per lazy section, for workloads with a batch (kernel\n"
		"                    ones; default: one section of all pages). Refused when no\n"
		"                    selected workload has one; in a mixed sweep the others run\n"
		"                    without it and record batch null\n"
		"  --remote LIST     reader thread placement: none, smt, l2, llc, package, numa\n"
		"                    (default none)\n"
		"  --reps N          measured repetitions per case (default 30)\n"
		"  --warmup N        discarded repetitions first (default 3); with --rounds,\n"
		"                    at every visit of a case\n"
		"  --rounds K        split each case's reps into K nearly equal chunks and make\n"
		"                    K passes over the cases, each in a fresh seeded shuffle, so\n"
		"                    that load drift spreads over every case (1 <= K <= reps;\n"
		"                    default 1: each case's reps in one block)\n"
		"  --cpu N           CPU of the measuring thread (default 0)\n"
		"  --events LIST     more counters: libpfm4 names, sys:tracepoint[FILTER],\n"
		"                    interrupts:LABEL\n"
		"  --label NAME      run id (default <UTC time>-<workloads>); never overwritten\n"
		"  --results-dir DIR where runs go (default ./results)\n"
		"  --seed N          seed of the case order shuffle and the bootstrap (default 1)\n"
		"  --resamples N     bootstrap resamples for the CI of the median (default 2000)\n"
		"  -q, --quiet       only errors (stderr) and the summary (stdout): no progress,\n"
		"                    notes or warnings (what they say is in run.json)\n"
		"  -h, --help        this text\n"
		"Output: progress, notes and warnings on stderr; the summary table, its last line\n"
		"\"results: DIR\", on stdout, with -q too. Exit status 0 when every case ran or\n"
		"was refused, 1 when a case failed, 2 on a usage error, 130 on Ctrl-C.\n");
}

static int fail(char *err, size_t len, const char *flag, const char *value, const char *why)
{
	snprintf(err, len, "%s %s: %s", flag, value, why);
	return -1;
}

static int parse_ulong(const char *s, unsigned long min, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* Split a comma list into items, calling each(item); -1 on the first bad item. */
static int each_item(const char *list, const char *flag, char *err, size_t len, size_t *count,
		     int (*each)(const char *item, size_t i, void *arg, char *why, size_t wl),
		     void *arg)
{
	char *copy = strdup(list), *save = NULL, *tok;
	char why[200];

	*count = 0;
	if (!*list) {
		free(copy);
		return fail(err, len, flag, "''", "empty list");
	}
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (*count >= LB_LIST_MAX) {
			free(copy);
			return fail(err, len, flag, list, "too many items");
		}
		why[0] = 0;
		if (each(tok, *count, arg, why, sizeof(why))) {
			fail(err, len, flag, tok, why);
			free(copy);
			return -1;
		}
		(*count)++;
	}
	free(copy);
	return 0;
}

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

	if (!parse_ulong(s, 1, MAX_PAGES, &o->pages[i]))
		return 0;
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
	unsigned long v;

	if (!parse_ulong(s, 1, MAX_PAGES, &v)) {
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

static int one_event(const char *s, size_t i, void *arg, char *why, size_t wl)
{
	struct lb_run_opts *o = arg;

	return lb_event_parse(s, &o->events[o->n_events + i], why, wl);
}

static int valid_label(const char *s)
{
	if (!*s || *s == '.' || strlen(s) > 128)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("._-+", *s))
			return 0;
	return 1;
}

/* A batch must reach at least one selected workload; never dropped without a word. */
static int check_batch(struct lb_run_opts *o, const char *batch_arg, char *err, size_t len)
{
	size_t with = 0;
	char none[200], why[300];

	if (!o->n_batches)
		return 0;
	for (size_t i = 0; i < o->n_workloads; i++)
		with += o->workloads[i]->has_batch;
	if (with == 0) {
		lb_run_batchless(o, none, sizeof(none));
		snprintf(why, sizeof(why),
			 "no selected workload takes a batch (%s take none; kernel workloads "
			 "do)",
			 none);
		return fail(err, len, "--batch", batch_arg, why);
	}
	o->batch_partly_unused = with < o->n_workloads;
	return 0;
}

int lb_run_parse(int argc, char **argv, struct lb_run_opts *o, char *err, size_t len)
{
	enum {
		O_WORKLOAD = 256,
		O_PAGES,
		O_MODE,
		O_BATCH,
		O_REMOTE,
		O_REPS,
		O_WARMUP,
		O_CPU,
		O_EVENTS,
		O_LABEL,
		O_DIR,
		O_SEED,
		O_RESAMPLES,
		O_ROUNDS
	};
	static const struct option longs[] = {
	    {"workload", required_argument, NULL, O_WORKLOAD},
	    {"pages", required_argument, NULL, O_PAGES},
	    {"mode", required_argument, NULL, O_MODE},
	    {"batch", required_argument, NULL, O_BATCH},
	    {"remote", required_argument, NULL, O_REMOTE},
	    {"reps", required_argument, NULL, O_REPS},
	    {"warmup", required_argument, NULL, O_WARMUP},
	    {"cpu", required_argument, NULL, O_CPU},
	    {"events", required_argument, NULL, O_EVENTS},
	    {"label", required_argument, NULL, O_LABEL},
	    {"results-dir", required_argument, NULL, O_DIR},
	    {"seed", required_argument, NULL, O_SEED},
	    {"resamples", required_argument, NULL, O_RESAMPLES},
	    {"rounds", required_argument, NULL, O_ROUNDS},
	    {"quiet", no_argument, NULL, 'q'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *batch_arg = NULL, *rounds_arg = NULL;
	unsigned long v;
	size_t n;
	int c;

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
	o->results_dir = "results";
	o->seed = 1;
	o->resamples = 2000;
	o->n_events = lb_event_defaults(o->events, LB_LIST_MAX);
	for (size_t i = 0; lb_workloads[i]; i++)
		if (lb_workloads[i]->kind == LB_KIND_SYSCALL && o->n_workloads < LB_LIST_MAX)
			o->workloads[o->n_workloads++] = lb_workloads[i];

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+qh", longs, NULL)) != -1) {
		switch (c) {
		case O_WORKLOAD:
			if (each_item(optarg, "--workload", err, len, &n, one_workload, o))
				return -1;
			o->n_workloads = n;
			break;
		case O_PAGES:
			if (each_item(optarg, "--pages", err, len, &n, one_pages, o))
				return -1;
			o->n_pages = n;
			break;
		case O_MODE:
			if (each_item(optarg, "--mode", err, len, &n, one_mode, o))
				return -1;
			o->n_modes = n;
			break;
		case O_BATCH:
			if (each_item(optarg, "--batch", err, len, &n, one_batch, o))
				return -1;
			o->n_batches = n;
			batch_arg = optarg;
			break;
		case O_REMOTE:
			if (each_item(optarg, "--remote", err, len, &n, one_remote, o))
				return -1;
			o->n_remotes = n;
			break;
		case O_REPS:
			if (parse_ulong(optarg, 1, 1000000, &v))
				return fail(err, len, "--reps", optarg,
					    "want a count from 1 to 1000000");
			o->reps = (unsigned)v;
			break;
		case O_WARMUP:
			if (parse_ulong(optarg, 0, 100000, &v))
				return fail(err, len, "--warmup", optarg,
					    "want a count from 0 to 100000");
			o->warmup = (unsigned)v;
			break;
		case O_CPU:
			if (parse_ulong(optarg, 0, 65535, &v))
				return fail(err, len, "--cpu", optarg, "want a CPU number");
			o->cpu = (int)v;
			break;
		case O_EVENTS:
			if (o->n_events >= LB_LIST_MAX ||
			    each_item(optarg, "--events", err, len, &n, one_event, o))
				return o->n_events >= LB_LIST_MAX
					   ? fail(err, len, "--events", optarg, "too many events")
					   : -1;
			o->n_events += n;
			break;
		case O_LABEL:
			if (!valid_label(optarg))
				return fail(
				    err, len, "--label", optarg,
				    "use letters, digits and . _ - + (not starting with .)");
			o->label = optarg;
			break;
		case O_DIR:
			if (!*optarg)
				return fail(err, len, "--results-dir", "''", "empty path");
			o->results_dir = optarg;
			break;
		case O_SEED:
			if (parse_ulong(optarg, 0, 0xffffffffUL, &v))
				return fail(err, len, "--seed", optarg, "want a number");
			o->seed = v;
			break;
		case O_RESAMPLES:
			if (parse_ulong(optarg, 100, 1000000, &v))
				return fail(err, len, "--resamples", optarg,
					    "want a count from 100 to 1000000");
			o->resamples = (unsigned)v;
			break;
		case O_ROUNDS:
			if (parse_ulong(optarg, 1, 1000000, &v))
				return fail(err, len, "--rounds", optarg,
					    "want a count from 1 to --reps");
			o->rounds = (unsigned)v;
			rounds_arg = optarg;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'h':
			lb_run_usage(stdout);
			return 1;
		default:
			/* getopt leaves the offending word just before optind. */
			if (optopt >= 256)
				snprintf(err, len, "option %s needs a value", argv[optind - 1]);
			else if (optopt)
				snprintf(err, len, "unknown option '-%c'", optopt);
			else
				snprintf(err, len, "unknown option '%s'", argv[optind - 1]);
			return -1;
		}
	}
	if (optind < argc) {
		snprintf(err, len, "unexpected argument '%s'", argv[optind]);
		return -1;
	}
	if (o->rounds > o->reps) {
		char why[80];

		snprintf(why, sizeof(why), "more rounds than --reps %u (want 1 to %u)", o->reps,
			 o->reps);
		return fail(err, len, "--rounds", rounds_arg, why);
	}
	return check_batch(o, batch_arg, err, len);
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

		while (wl->variants ? variants[nv] != NULL : nv < 1)
			nv++;
		for (size_t v = 0; v < nv; v++)
			for (size_t m = 0; m < o->n_modes; m++)
				for (size_t p = 0; p < o->n_pages; p++)
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
							k->pages = o->pages[p];
							k->batch = wl->has_batch && o->n_batches
								       ? o->batches[b]
								       : -1;
							k->remote =
							    lb_placement_name(o->remotes[r]);
							k->cpu = o->cpu;
							k->remote_cpu = -1;
							k->n_metrics = wl->n_metrics;
							lb_case_id(k);
						}
	}
	*cases = c;
	return n;
}
