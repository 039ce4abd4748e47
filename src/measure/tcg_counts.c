// SPDX-License-Identifier: GPL-2.0
/* Exact event counts from the VM bed's TCG plugin as counters of a case (see tcg_counts.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lazybench_marker.h"
#include "tcg_counts.h"

#define SCOPES 2
static const char *const scope_names[SCOPES] = {"vcpu", "other_vcpus"};
/* Group totals exported next to the plugin's own events: every event whose name starts so. */
static const char *const groups[] = {"dsb.", "tlbi."};
#define NGROUPS (sizeof(groups) / sizeof(groups[0]))

struct lb_tcg {
	bool kernel;
	unsigned n_metrics;
	const char *const *metrics;
	size_t max_reps, kept;
	size_t measured;	     /* kernel: measured harness repetitions ended */
	bool marked[LB_MAX_METRICS]; /* kernel: metrics the RUN marked (not the empty) */
	bool run_seen;		     /* kernel: lb_tcg_run was called */
	int fd;
	off_t off;
	char *names[LB_TCG_MAX_EVENTS];
	size_t n_names;
	bool available;
	const char *err_name;
	char reason[512];
	unsigned long opened;			/* syscall: regions the harness opened this rep */
	unsigned rep;				/* repetitions begun (kernel: of the RUN) */
	uint64_t *vals[LB_MAX_METRICS][SCOPES]; /* [event * max_reps + rep] */
	struct lb_tcg_region *region;		/* parse buffer */
	uint64_t (*sum)[SCOPES][LB_TCG_MAX_EVENTS]; /* [n_metrics]: this repetition */
};

int lb_tcg_parse_header(const char *line, char **names, size_t max)
{
	char *copy, *tok, *save = NULL;
	size_t n = 0;
	int in_events = 0;

	if (strncmp(line, "lbtcg 1 ", 8))
		return -1;
	copy = strndup(line, strcspn(line, "\n")); /* the first line only */
	if (!copy)
		abort();
	for (tok = strtok_r(copy, " \n", &save); tok; tok = strtok_r(NULL, " \n", &save)) {
		if (!in_events) {
			in_events = !strcmp(tok, "events");
			continue;
		}
		if (n == max) {
			n = 0;
			in_events = 0;
			break;
		}
		names[n] = strdup(tok);
		if (!names[n])
			abort();
		n++;
	}
	free(copy);
	if (!in_events || !n || strcmp(names[0], "insn")) {
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		return -1;
	}
	return (int)n;
}

/* The plugin writes events in its header's order: look from just after the previous one. */
static int find_name(char *const *names, size_t n, const char *s, size_t len, size_t *from)
{
	for (size_t k = 0; k < n; k++) {
		size_t i = (*from + k) % n;

		if (names[i][0] == s[0] && !strncmp(names[i], s, len) && !names[i][len]) {
			*from = i + 1;
			return (int)i;
		}
	}
	return -1;
}

int lb_tcg_parse_region(const char *line, char *const *names, size_t n, struct lb_tcg_region *r,
			char *reason, size_t len)
{
	const char *p = line;
	uint64_t *scope = NULL;
	unsigned long long seq;
	size_t from = 0;
	int used = 0, sc;

	if (strncmp(line, "region ", 7))
		return 0;
	/* Zero what the previous line set (the struct is reused), or all of a new one. */
	if (r->n_set[0] > LB_TCG_MAX_EVENTS || r->n_set[1] > LB_TCG_MAX_EVENTS)
		memset(r, 0, sizeof(*r));
	for (int sc = 0; sc < 2; sc++) {
		uint64_t *v = sc ? r->other : r->own;

		for (size_t i = 0; i < r->n_set[sc]; i++)
			if (r->set[sc][i] < LB_TCG_MAX_EVENTS)
				v[r->set[sc][i]] = 0;
		r->n_set[sc] = 0;
	}
	if (sscanf(line, "region %llu cpu %u close_cpu %u%n", &seq, &r->cpu, &r->close_cpu,
		   &used) != 3) {
		snprintf(reason, len, "malformed region line: %.80s", line);
		return -1;
	}
	p += used;
	while (*p && *p != '\n') {
		const char *tok, *eq;
		char *end;
		int ev;

		while (*p == ' ')
			p++;
		tok = p;
		while (*p && *p != ' ' && *p != '\n')
			p++;
		if (p == tok)
			break;
		if (p - tok == 3 && !strncmp(tok, "own", 3)) {
			scope = r->own;
			from = 0;
			continue;
		}
		if (p - tok == 5 && !strncmp(tok, "other", 5)) {
			scope = r->other;
			from = 0;
			continue;
		}
		eq = memchr(tok, '=', (size_t)(p - tok));
		ev = eq ? find_name(names, n, tok, (size_t)(eq - tok), &from) : -1;
		if (!scope || ev < 0) {
			snprintf(reason, len, "region line with %s: %.*s",
				 scope ? "an event not in the plugin's header" : "no scope",
				 (int)(p - tok), tok);
			return -1;
		}
		errno = 0;
		scope[ev] = strtoull(eq + 1, &end, 10);
		sc = scope == r->other;
		if (r->n_set[sc] < LB_TCG_MAX_EVENTS)
			r->set[sc][r->n_set[sc]++] = (uint8_t)ev;
		if (errno || end != p || end == eq + 1) {
			snprintf(reason, len, "bad count in region line: %.*s", (int)(p - tok),
				 tok);
			return -1;
		}
	}
	return 1;
}

static void unavailable(struct lb_tcg *t, const char *err_name, const char *reason)
{
	if (!t->available)
		return;
	t->available = false;
	t->err_name = err_name;
	snprintf(t->reason, sizeof(t->reason), "%.400s", reason);
}

struct lb_tcg *lb_tcg_open(bool kernel, unsigned n_metrics, const char *const *metrics,
			   size_t max_reps)
{
	struct lb_tcg *t = calloc(1, sizeof(*t));
	const char *path = getenv("LAZYBENCH_TCG_REGIONS"), *why;
	char head[4096], msg[400];
	ssize_t got;
	int n;

	if (!t)
		abort();
	t->kernel = kernel;
	t->n_metrics = kernel ? n_metrics : 1;
	t->metrics = metrics;
	t->max_reps = max_reps ? max_reps : 1;
	t->fd = -1;
	t->available = true;
	if (!path || !*path) {
		why = getenv("LAZYBENCH_TCG_UNAVAILABLE");
		unavailable(t, "ENOENT",
			    why && *why
				? why
				: "exact event counts come from the TCG plugin of the VM bed "
				  "(lazybench vm); this is not a guest of it");
		return t;
	}
	if (!LAZYBENCH_MARKERS) {
		unavailable(t, "EOPNOTSUPP", "no region markers for this architecture");
		return t;
	}
	t->fd = open(path, O_RDONLY | O_CLOEXEC);
	got = t->fd < 0 ? -1 : pread(t->fd, head, sizeof(head) - 1, 0);
	if (got <= 0) {
		snprintf(msg, sizeof(msg), "cannot read the TCG plugin's file %.200s: %s", path,
			 got < 0 ? strerror(errno) : "empty");
		unavailable(t, "EIO", msg);
		return t;
	}
	head[got] = '\0';
	n = lb_tcg_parse_header(head, t->names, LB_TCG_MAX_EVENTS);
	if (n < 0) {
		unavailable(t, "EPROTO", "the TCG plugin's file has no version-1 header");
		return t;
	}
	t->n_names = (size_t)n;
	for (unsigned m = 0; m < t->n_metrics; m++)
		for (unsigned s = 0; s < SCOPES; s++) {
			t->vals[m][s] = calloc(t->n_names * t->max_reps, sizeof(uint64_t));
			if (!t->vals[m][s])
				abort();
		}
	t->sum = calloc(t->n_metrics, sizeof(*t->sum));
	t->region = calloc(1, sizeof(*t->region));
	if (!t->sum || !t->region)
		abort();
	return t;
}

bool lb_tcg_available(const struct lb_tcg *t)
{
	return t->available;
}

void lb_tcg_describe(const struct lb_tcg *t, char *buf, size_t len)
{
	size_t used;

	if (!t->available) {
		snprintf(buf, len, "unavailable: %s %s", t->err_name, t->reason);
		return;
	}
	used = (size_t)snprintf(buf, len, "available: events");
	for (size_t e = 0; e < t->n_names && used < len; e++)
		used += (size_t)snprintf(buf + used, len - used, " %s", t->names[e]);
}

void lb_tcg_mark_open(struct lb_tcg *t)
{
	lazybench_marker_open();
	t->opened++;
}

void lb_tcg_mark_close(struct lb_tcg *t)
{
	(void)t;
	lazybench_marker_close();
}

/* What the plugin wrote since t->off, NUL-terminated, and t->off moved past it; NULL on a read
 * error. */
static char *read_new(struct lb_tcg *t)
{
	size_t cap = 256 * 1024, len = 0;
	char *buf = malloc(cap);
	ssize_t got;

	if (!buf)
		abort();
	while ((got = pread(t->fd, buf + len, cap - len - 1, t->off + (off_t)len)) > 0) {
		len += (size_t)got;
		if (cap - len < 1024) {
			cap *= 2;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
	}
	if (got < 0) {
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	t->off += (off_t)len;
	return buf;
}

static void skip_new(struct lb_tcg *t)
{
	struct stat st;
	char *buf;

	/* Jump to the size fstat sees (over 9p a fresh getattr; the file only grows), then read
	 * whatever lies beyond it: a case starting late in a long run must not read it all. */
	if (!fstat(t->fd, &st) && st.st_size > t->off)
		t->off = st.st_size;
	buf = read_new(t);

	if (!buf)
		unavailable(t, "EIO", "cannot read the TCG plugin's file");
	free(buf);
}

void lb_tcg_rep_begin(struct lb_tcg *t)
{
	t->opened = 0;
	/* Kernel workloads: one RUN in the first repetition brings every repetition's regions. */
	if (t->kernel && t->rep++)
		return;
	if (!t->kernel)
		t->rep++;
	if (!t->available)
		return;
	/* Skip what was written since (regions outside our repetitions). The size is found by
	 * reading: over 9p, the guest's idea of the file size (lseek SEEK_END) can be stale. */
	skip_new(t);
	memset(t->sum, 0, t->n_metrics * sizeof(*t->sum));
}

/* Regions the repetition has: per metric, layout[m] (syscall workloads: the ones the harness
 * opened, all in metric 0). */
static unsigned long rep_regions(const struct lb_tcg *t, const unsigned long *layout)
{
	unsigned long n = 0;

	if (!layout)
		return t->opened;
	for (unsigned m = 0; m < t->n_metrics; m++)
		n += layout[m];
	return n;
}

/* The metric region i (0-based, within its repetition) belongs to; n_metrics when past them. */
static unsigned region_metric(const struct lb_tcg *t, const unsigned long *layout, unsigned long i)
{
	unsigned m;

	if (!layout)
		return 0;
	for (m = 0; m < t->n_metrics && i >= layout[m]; m++)
		i -= layout[m];
	return m;
}

static void keep_sum(struct lb_tcg *t)
{
	if (t->kept >= t->max_reps)
		return;
	for (unsigned m = 0; m < t->n_metrics; m++)
		for (unsigned s = 0; s < SCOPES; s++)
			for (size_t e = 0; e < t->n_names; e++)
				t->vals[m][s][e * t->max_reps + t->kept] = t->sum[m][s][e];
	t->kept++;
}

/* Parse one line into t->region: 1 a region, 0 another line, -1 unavailable (reason set). */
static int parse_line(struct lb_tcg *t, const char *line, unsigned rep)
{
	char why[256];
	int k;

	if (!strncmp(line, "error ", 6)) {
		snprintf(why, sizeof(why), "repetition %u: the TCG plugin reported: %.120s", rep,
			 line);
		unavailable(t, "EPROTO", why);
		return -1;
	}
	k = lb_tcg_parse_region(line, t->names, t->n_names, t->region, why, sizeof(why));
	if (k < 0) {
		unavailable(t, "EPROTO", why);
		return -1;
	}
	if (k && t->region->cpu != t->region->close_cpu) {
		snprintf(why, sizeof(why),
			 "repetition %u: a region opened on vCPU %u closed on vCPU %u "
			 "(the task migrated): per-vCPU counts would be mixed",
			 rep, t->region->cpu, t->region->close_cpu);
		unavailable(t, "EPROTO", why);
		return -1;
	}
	return k;
}

/*
 * Account the regions in buf for repetitions first .. first + n_reps - 1 (numbered from 1 in
 * reasons), in order, each with layout[r * n_metrics + m] regions per metric (layout NULL: one
 * syscall repetition, t->opened regions). The regions of repetitions below keep_from are dropped
 * (warmup), the others kept. false (unavailable, with the reason) when the regions seen differ
 * from the sections run, or on a marker error or a migrated region.
 */
static const unsigned long *rep_layout(const struct lb_tcg *t, const unsigned long *layout,
				       unsigned r)
{
	return layout ? layout + (size_t)r * t->n_metrics : NULL;
}

/* Close every repetition whose regions are all in (its sums kept unless warmup), from *r on. */
static void close_reps(struct lb_tcg *t, const unsigned long *layout, unsigned *r, unsigned n_reps,
		       unsigned keep_from, unsigned long *in_rep)
{
	while (*r < n_reps && *in_rep == rep_regions(t, rep_layout(t, layout, *r))) {
		if (*r >= keep_from)
			keep_sum(t);
		memset(t->sum, 0, t->n_metrics * sizeof(*t->sum));
		*in_rep = 0;
		(*r)++;
	}
}

static bool account(struct lb_tcg *t, char *buf, const unsigned long *layout, unsigned first,
		    unsigned n_reps, unsigned keep_from)
{
	unsigned long expect = 0, seen = 0, in_rep = 0;
	unsigned r = 0;
	char why[256], *line, *save = NULL;

	for (unsigned i = 0; i < n_reps; i++)
		expect += rep_regions(t, rep_layout(t, layout, i));
	memset(t->sum, 0, t->n_metrics * sizeof(*t->sum));
	close_reps(t, layout, &r, n_reps, keep_from, &in_rep);
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		int k = parse_line(t, line, first + r);
		unsigned m;

		if (k < 0)
			return false;
		if (!k)
			continue;
		seen++;
		if (r >= n_reps)
			continue; /* counted in seen: the check below fails */
		m = region_metric(t, rep_layout(t, layout, r), in_rep++);
		for (int sc = 0; sc < 2 && m < t->n_metrics; sc++)
			for (size_t i = 0; i < t->region->n_set[sc]; i++) {
				size_t e = t->region->set[sc][i];

				t->sum[m][sc][e] += sc ? t->region->other[e] : t->region->own[e];
			}
		close_reps(t, layout, &r, n_reps, keep_from, &in_rep);
	}
	if (seen != expect) {
		if (n_reps == 1)
			snprintf(
			    why, sizeof(why),
			    "repetition %u: the TCG plugin saw %lu marked regions, the run had "
			    "%lu timed sections",
			    first, seen, expect);
		else
			snprintf(why, sizeof(why),
				 "the TCG plugin saw %lu marked regions in the RUN of repetitions "
				 "%u-%u (warmup included), which ran %lu timed sections",
				 seen, first, first + n_reps - 1, expect);
		unavailable(t, "EPROTO", why);
		return false;
	}
	return true;
}

void lb_tcg_run(struct lb_tcg *t, const unsigned long *sections, unsigned n_reps, unsigned warmup)
{
	size_t kept = t->kept;
	char *buf;

	t->run_seen = true;
	for (unsigned r = 0; r < n_reps; r++)
		for (unsigned m = 0; m < t->n_metrics; m++)
			t->marked[m] |= sections[(size_t)r * t->n_metrics + m] > 0;
	if (!t->available || !t->kernel)
		return;
	buf = read_new(t);
	if (!buf) {
		unavailable(t, "EIO", "cannot read the TCG plugin's file");
		return;
	}
	/* Every repetition's counts or none: a mismatch anywhere leaves nothing misaligned. */
	if (!account(t, buf, sections, 1, n_reps, warmup))
		t->kept = kept;
	free(buf);
}

void lb_tcg_rep_end(struct lb_tcg *t, bool keep)
{
	char *buf;

	if (t->kernel) {
		t->measured += keep;
		return;
	}
	if (!t->available)
		return;
	buf = read_new(t);
	if (!buf) {
		unavailable(t, "EIO", "cannot read the TCG plugin's file");
		return;
	}
	account(t, buf, NULL, t->rep, 1, keep ? 0 : 1);
	free(buf);
}

static struct lb_counter_result *grow(struct lb_counter_result **out, size_t n)
{
	*out = realloc(*out, (n + 1) * sizeof(**out));
	if (!*out)
		abort();
	memset(&(*out)[n], 0, sizeof(**out));
	return &(*out)[n];
}

static char *fmt(const char *a, const char *b, const char *c)
{
	char *s;

	if (asprintf(&s, "%s%s%s", a, b, c) < 0)
		abort();
	return s;
}

static const char *metric_name(const struct lb_tcg *t, unsigned m)
{
	return t->kernel ? t->metrics[m] : "all";
}

size_t lb_tcg_export(const struct lb_tcg *t, struct lb_counter_result **out, size_t n)
{
	/* Kernel workloads: the RUN's repetitions that the harness measured. */
	size_t kept = t->kernel && t->measured < t->kept ? t->measured : t->kept;

	for (unsigned m = 0; m < t->n_metrics; m++) {
		const char *mn = metric_name(t, m);
		char prefix[96];

		/* A metric the module does not mark (the empty pass) has no counts at all. */
		if (t->kernel && t->run_seen && !t->marked[m])
			continue;
		snprintf(prefix, sizeof(prefix), "tcg.%s.", mn);
		if (!t->available) {
			struct lb_counter_result *k = grow(out, n++);

			k->event = strdup("tcg");
			k->name = fmt("tcg.", mn, "");
			k->scope = scope_names[0];
			k->err_name = t->err_name;
			k->reason = strdup(t->reason);
			if (!k->event || !k->name || !k->reason)
				abort();
			continue;
		}
		for (unsigned s = 0; s < SCOPES; s++) {
			for (size_t g = 0; g < NGROUPS; g++) {
				size_t len = strlen(groups[g]);
				uint64_t *v = NULL;

				for (size_t e = 0; e < t->n_names; e++) {
					if (strncmp(t->names[e], groups[g], len))
						continue;
					if (!v) {
						v = calloc(kept ? kept : 1, sizeof(*v));
						if (!v)
							abort();
					}
					for (size_t r = 0; r < kept; r++)
						v[r] += t->vals[m][s][e * t->max_reps + r];
				}
				if (v) {
					struct lb_counter_result *k = grow(out, n++);
					char group[16];

					snprintf(group, sizeof(group), "%.*s", (int)(len - 1),
						 groups[g]);
					k->event = fmt("tcg:", group, "");
					k->name = fmt(prefix, group, "");
					k->scope = scope_names[s];
					k->available = true;
					k->values = v;
				}
			}
			for (size_t e = 0; e < t->n_names; e++) {
				struct lb_counter_result *k = grow(out, n++);

				k->event = fmt("tcg:", t->names[e], "");
				k->name = fmt(prefix, t->names[e], "");
				k->scope = scope_names[s];
				k->available = true;
				k->values = calloc(kept ? kept : 1, sizeof(uint64_t));
				if (!k->values)
					abort();
				for (size_t r = 0; r < kept; r++)
					k->values[r] = t->vals[m][s][e * t->max_reps + r];
			}
		}
	}
	return n;
}

void lb_tcg_close(struct lb_tcg *t)
{
	if (!t)
		return;
	if (t->fd >= 0)
		close(t->fd);
	for (size_t i = 0; i < t->n_names; i++)
		free(t->names[i]);
	for (unsigned m = 0; m < LB_MAX_METRICS; m++)
		for (unsigned s = 0; s < SCOPES; s++)
			free(t->vals[m][s]);
	free(t->sum);
	free(t->region);
	free(t);
}
