// SPDX-License-Identifier: GPL-2.0
/* Cost model files (cost_model.h): parse, check against a run's arch, and the estimate's sum. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cost_model.h"

#define TCG_PREFIX "tcg:"

static const char *const arches[] = {"aarch64", "x86_64", "ppc64le", "ppc64", NULL};

const char *lb_cost_arch_name(const char *arch)
{
	return arch && !strcmp(arch, "arm64") ? "aarch64" : arch;
}

void lb_cost_model_free(struct lb_cost_model *m)
{
	for (size_t i = 0; i < m->n_events; i++) {
		free(m->events[i].event);
		free(m->events[i].source);
	}
	free(m->events);
	free(m->path);
	free(m->name);
	free(m->arch);
	memset(m, 0, sizeof(*m));
}

/* An event name as the plugin's counters spell them: tcg: then [a-z0-9_] words joined by dots. */
static bool valid_event(const char *s)
{
	const char *p = s + strlen(TCG_PREFIX);

	if (strncmp(s, TCG_PREFIX, strlen(TCG_PREFIX)) || !*p || *p == '.')
		return false;
	for (; *p; p++) {
		bool word = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_';

		if (!word && !(*p == '.' && p[1] && p[1] != '.'))
			return false;
	}
	return true;
}

/* Whether a is b's group total or b is a's ("tcg:dsb" and "tcg:dsb.ish"). */
static bool nested(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la > lb)
		return nested(b, a);
	return la < lb && !strncmp(a, b, la) && b[la] == '.';
}

/* The next blank-separated word of *p (NULL at the end of the line), *p moved past it. */
static char *word(char **p)
{
	char *w;

	*p += strspn(*p, " \t");
	if (!**p)
		return NULL;
	w = *p;
	*p += strcspn(*p, " \t");
	if (**p)
		*(*p)++ = 0;
	return w;
}

static char *trim(char *s)
{
	size_t n;

	s += strspn(s, " \t");
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = 0;
	return s;
}

struct parse {
	struct lb_cost_model *m;
	const char *path;
	size_t line, model_line, arch_line;
	char *err;
	size_t errlen;
};

/* "PATH:LINE: what" in err; returns -1. */
__attribute__((format(printf, 2, 3))) static int fail(struct parse *ps, const char *fmt, ...)
{
	int len = snprintf(ps->err, ps->errlen, "%s:%zu: ", ps->path, ps->line);
	va_list ap;

	va_start(ap, fmt);
	if (len >= 0 && (size_t)len < ps->errlen)
		vsnprintf(ps->err + len, ps->errlen - (size_t)len, fmt, ap);
	va_end(ap);
	return -1;
}

static int set_once(struct parse *ps, const char *key, char **dst, size_t *at, const char *val)
{
	if (*dst)
		return fail(ps, "a second '%s' line (the first is line %zu)", key, *at);
	if (!*val)
		return fail(ps, "'%s' needs %s", key,
			    strcmp(key, "model") ? "an arch (aarch64, x86_64, ppc64le or ppc64)"
						 : "the CPU model's name");
	*dst = strdup(val);
	*at = ps->line;
	return *dst ? 0 : fail(ps, "out of memory");
}

static int parse_event(struct parse *ps, char *rest)
{
	struct lb_cost_model *m = ps->m;
	char *name = word(&rest), *num = word(&rest), *source = trim(rest), *end;
	struct lb_cost_event *n;
	double cycles;

	if (!name || !num)
		return fail(ps, "'event' needs EVENT CYCLES SOURCE (e.g. event tcg:isb 12 "
				"Document title, table 3-1)");
	if (!valid_event(name))
		return fail(ps,
			    "event '%s' is not a TCG counter event as run.json names it "
			    "(tcg:<event>, e.g. tcg:dsb.ishst, tcg:hcall)",
			    name);
	errno = 0;
	cycles = strtod(num, &end);
	if (errno || end == num || *end || !isfinite(cycles) || cycles <= 0)
		return fail(ps, "cycles '%s' of %s is not a number above 0", num, name);
	if (!*source)
		return fail(ps,
			    "event %s has no source: give the published document (title and "
			    "section or table) or URL the figure is from",
			    name);
	for (size_t i = 0; i < m->n_events; i++) {
		if (!strcmp(m->events[i].event, name))
			return fail(ps, "event %s twice (the first is line %zu)", name,
				    m->events[i].line);
		if (nested(m->events[i].event, name))
			return fail(ps,
				    "event %s and %s (line %zu): one is the other's group total, "
				    "their counts would be costed twice",
				    name, m->events[i].event, m->events[i].line);
	}
	n = realloc(m->events, (m->n_events + 1) * sizeof(*n));
	if (!n)
		return fail(ps, "out of memory");
	m->events = n;
	n = &m->events[m->n_events];
	n->event = strdup(name);
	n->source = strdup(source);
	n->cycles = cycles;
	n->line = ps->line;
	m->n_events++;
	return n->event && n->source ? 0 : fail(ps, "out of memory");
}

static int parse_line(struct parse *ps, char *s)
{
	char *key = word(&s), *val = trim(s);

	if (!key || *key == '#')
		return 0;
	if (!strcmp(key, "model"))
		return set_once(ps, "model", &ps->m->name, &ps->model_line, val);
	if (!strcmp(key, "arch")) {
		const char *a = lb_cost_arch_name(val);
		size_t i;

		for (i = 0; arches[i] && strcmp(arches[i], a); i++)
			;
		if (*val && !arches[i])
			return fail(
			    ps, "unknown arch '%s' (want aarch64, x86_64, ppc64le or ppc64)", val);
		return set_once(ps, "arch", &ps->m->arch, &ps->arch_line, a);
	}
	if (!strcmp(key, "event"))
		return parse_event(ps, s);
	return fail(ps, "unknown keyword '%s' (want model, arch or event)", key);
}

int lb_cost_model_parse(const char *text, const char *path, struct lb_cost_model *m, char *err,
			size_t errlen)
{
	struct parse ps = {.m = m, .path = path, .err = err, .errlen = errlen};
	char *copy = strdup(text), *p = copy;
	int rc = 0;

	memset(m, 0, sizeof(*m));
	m->path = strdup(path);
	if (!copy || !m->path) {
		free(copy);
		lb_cost_model_free(m);
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	while (p && !rc) {
		char *nl = strchr(p, '\n');

		if (nl)
			*nl = 0;
		if (nl && nl > p && nl[-1] == '\r')
			nl[-1] = 0;
		ps.line++;
		rc = parse_line(&ps, p);
		p = nl ? nl + 1 : NULL;
	}
	free(copy);
	if (!rc && (!m->name || !m->arch || !m->n_events)) {
		snprintf(err, errlen, "%s: no '%s' line", path,
			 !m->name   ? "model"
			 : !m->arch ? "arch"
				    : "event");
		rc = -1;
	}
	if (rc)
		lb_cost_model_free(m);
	return rc;
}

int lb_cost_model_load(const char *path, struct lb_cost_model *m, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char *text = NULL;
	size_t len = 0, cap = 0, got;
	int rc;

	memset(m, 0, sizeof(*m));
	if (!f) {
		snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		return -1;
	}
	do {
		char *n;

		if (len + 4096 + 1 > cap) {
			cap = cap ? 2 * cap : 8192;
			n = realloc(text, cap);
			if (!n) {
				free(text);
				fclose(f);
				snprintf(err, errlen, "%s: out of memory", path);
				return -1;
			}
			text = n;
		}
		got = fread(text + len, 1, 4096, f);
		len += got;
	} while (got);
	text[len] = 0;
	rc = ferror(f);
	fclose(f);
	if (rc || memchr(text, 0, len)) {
		snprintf(err, errlen, "%s: %s", path, rc ? "read error" : "not a text file");
		free(text);
		return -1;
	}
	rc = lb_cost_model_parse(text, path, m, err, errlen);
	free(text);
	return rc;
}

int lb_cost_model_check_arch(const struct lb_cost_model *m, const char *run, const char *arch,
			     char *err, size_t errlen)
{
	const char *a = lb_cost_arch_name(arch);

	if (a && !strcmp(a, m->arch))
		return 0;
	snprintf(err, errlen,
		 "--cost-model %s: the model (%s) is for %s, run %s is %s: refusing (cycles per "
		 "event hold only for the CPU they were published for)",
		 m->path, m->name, m->arch, run, a ? a : "of an unrecorded arch");
	return -1;
}

const struct lb_cost_event *lb_cost_model_find(const struct lb_cost_model *m, const char *event)
{
	for (size_t i = 0; i < m->n_events; i++)
		if (!strcmp(m->events[i].event, event))
			return &m->events[i];
	return NULL;
}

double lb_cost_sum(const struct lb_cost_model *m, const struct lb_cost_count *counts, size_t n,
		   size_t *n_costed)
{
	double sum = 0;
	size_t used = 0;

	for (size_t i = 0; i < n; i++) {
		const struct lb_cost_event *e = lb_cost_model_find(m, counts[i].event);

		if (!e)
			continue;
		used++;
		sum += counts[i].per_op * e->cycles; /* NAN stays NAN */
	}
	if (n_costed)
		*n_costed = used;
	return sum;
}
