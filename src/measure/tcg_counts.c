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
	struct lb_tcg_sum *line;		/* parse buffer */
	uint64_t (*sum)[SCOPES][LB_TCG_MAX_EVENTS]; /* [n_metrics]: this repetition */
};

int lb_tcg_parse_header(const char *line, char **names, size_t max)
{
	char *copy, *tok, *save = NULL;
	size_t n = 0;
	int in_events = 0;

	if (strncmp(line, "lbtcg 2 ", 8))
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

int lb_tcg_parse_sum(const char *line, char *const *names, size_t n, struct lb_tcg_sum *r,
		     char *reason, size_t len)
{
	const char *p = line;
	uint64_t *scope = NULL;
	unsigned long long seq;
	size_t from = 0;
	int used = 0, sc;

	if (strncmp(line, "sum ", 4))
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
	if (sscanf(line, "sum %llu regions %llu migrated %llu%n", &seq, &r->regions, &r->migrated,
		   &used) != 3) {
		snprintf(reason, len, "malformed sum line: %.80s", line);
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
			snprintf(reason, len, "sum line with %s: %.*s",
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
			snprintf(reason, len, "bad count in sum line: %.*s", (int)(p - tok), tok);
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
		unavailable(t, "EPROTO", "the TCG plugin's file has no version-2 header");
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
	t->line = calloc(1, sizeof(*t->line));
	if (!t->sum || !t->line)
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

static const char *metric_name(const struct lb_tcg *t, unsigned m)
{
	return t->kernel ? t->metrics[m] : "all";
}

void lb_tcg_rep_begin(struct lb_tcg *t)
{
	t->opened = 0;
	/* Kernel workloads: one RUN in the first repetition brings every repetition's sums. */
	if (t->kernel && t->rep++)
		return;
	if (!t->kernel)
		t->rep++;
	if (!t->available)
		return;
	/* Close the plugin's totals of whatever ran before (regions outside our repetitions) and
	 * skip them. The size is found by reading: over 9p, the guest's idea of the file size
	 * (lseek SEEK_END) can be stale. The plugin wrote the line before the marker retired. */
	lazybench_marker_sum();
	skip_new(t);
	memset(t->sum, 0, t->n_metrics * sizeof(*t->sum));
}

/* Parse one line into t->line: 1 a sum, 0 another line, -1 unavailable (reason set). */
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
	k = lb_tcg_parse_sum(line, t->names, t->n_names, t->line, why, sizeof(why));
	if (k < 0)
		unavailable(t, "EPROTO", why);
	return k;
}

/* The sums of one repetition are all in: kept unless warmup; a new one begins. */
static void rep_done(struct lb_tcg *t, unsigned r, unsigned keep_from)
{
	if (r >= keep_from && t->kept < t->max_reps) {
		for (unsigned m = 0; m < t->n_metrics; m++)
			for (unsigned s = 0; s < SCOPES; s++)
				for (size_t e = 0; e < t->n_names; e++)
					t->vals[m][s][e * t->max_reps + t->kept] = t->sum[m][s][e];
		t->kept++;
	}
	memset(t->sum, 0, t->n_metrics * sizeof(*t->sum));
}

/* A metric pass that marked sections: one sum of its regions expected. */
struct pass {
	unsigned rep, metric;
	unsigned long regions;
};

/*
 * Account the sums in buf for repetitions first .. first + n_reps - 1 (numbered from 1 in
 * reasons), in order: one sum per metric pass with layout[r * n_metrics + m] > 0 sections,
 * which must close exactly that many regions, none of them migrated (layout NULL: one syscall
 * repetition, one sum of the t->opened regions). The repetitions below keep_from are dropped
 * (warmup), the others kept. false (unavailable, with the reason) on any other sum, a missing
 * one, a marker error or a migrated region.
 */
static bool account(struct lb_tcg *t, char *buf, const unsigned long *layout, unsigned first,
		    unsigned n_reps, unsigned keep_from)
{
	struct pass *p = calloc((size_t)n_reps * t->n_metrics + 1, sizeof(*p));
	size_t np = 0, i = 0, sums = 0;
	unsigned done = 0;
	char why[256], *line, *save = NULL;
	bool ok = false;

	if (!p)
		abort();
	for (unsigned r = 0; r < n_reps; r++)
		for (unsigned m = 0; m < t->n_metrics; m++) {
			unsigned long n = layout ? layout[(size_t)r * t->n_metrics + m] : t->opened;

			if (n || !layout)
				p[np++] = (struct pass){r, m, n};
		}
	memset(t->sum, 0, t->n_metrics * sizeof(*t->sum));
	for (; done < (np ? p[0].rep : n_reps); done++)
		rep_done(t, done, keep_from);
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		const struct lb_tcg_sum *x = t->line;
		int k = parse_line(t, line, first + (i < np ? p[i].rep : n_reps - 1));

		if (k < 0)
			goto out;
		if (!k)
			continue;
		if (sums++, i == np)
			continue; /* counted in sums: the check below fails */
		if (x->migrated) {
			snprintf(
			    why, sizeof(why),
			    "repetition %u: %llu marked region(s) closed on another vCPU than "
			    "they opened on (the task migrated): per-vCPU counts would be mixed",
			    first + p[i].rep, x->migrated);
			unavailable(t, "EPROTO", why);
			goto out;
		}
		if (x->regions != p[i].regions) {
			snprintf(
			    why, sizeof(why),
			    "repetition %u%s%s: the TCG plugin saw %llu marked regions, the run "
			    "had %lu timed sections",
			    first + p[i].rep, layout ? ", " : "",
			    layout ? metric_name(t, p[i].metric) : "", x->regions, p[i].regions);
			unavailable(t, "EPROTO", why);
			goto out;
		}
		for (int sc = 0; sc < SCOPES; sc++)
			for (size_t j = 0; j < x->n_set[sc]; j++) {
				size_t e = x->set[sc][j];

				t->sum[p[i].metric][sc][e] += sc ? x->other[e] : x->own[e];
			}
		i++;
		for (; done < (i < np ? p[i].rep : n_reps); done++)
			rep_done(t, done, keep_from);
	}
	if (sums != np) {
		if (n_reps == 1)
			snprintf(why, sizeof(why),
				 "repetition %u: the TCG plugin wrote %zu sums of marked regions, "
				 "the run had %zu passes of timed sections",
				 first, sums, np);
		else
			snprintf(
			    why, sizeof(why),
			    "the TCG plugin wrote %zu sums of marked regions for the RUN of "
			    "repetitions %u-%u (warmup included), which had %zu passes of timed "
			    "sections",
			    sums, first, first + n_reps - 1, np);
		unavailable(t, "EPROTO", why);
		goto out;
	}
	ok = true;
out:
	free(p);
	return ok;
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
	lazybench_marker_sum();
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
	free(t->line);
	free(t);
}
