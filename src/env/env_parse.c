// SPDX-License-Identifier: GPL-2.0
/* Parsers for `lazybench env`; see env_parse.h. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "env_parse.h"

static void trim_end(char *s)
{
	size_t n = strlen(s);

	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = 0;
}

int lb_kconfig_load(const char *path, const char *const *names, size_t n, json_t *items)
{
	gzFile f = gzopen(path, "rb");
	char line[1024];
	json_t *found = json_object();

	if (!f) {
		json_decref(found);
		return -1;
	}
	while (gzgets(f, line, sizeof(line))) {
		trim_end(line);
		for (size_t i = 0; i < n; i++) {
			size_t k = strlen(names[i]);
			const char *p = line;
			int unset = !strncmp(p, "# CONFIG_", 9);

			p += unset ? 9 : 7;
			if (!unset && strncmp(line, "CONFIG_", 7))
				continue;
			if (strncmp(p, names[i], k))
				continue;
			if (unset && !strcmp(p + k, " is not set"))
				json_object_set_new(found, names[i], json_string("n"));
			else if (!unset && p[k] == '=')
				json_object_set_new(found, names[i], json_string(p + k + 1));
		}
	}
	gzclose(f);
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_object_get(found, names[i]);

		if (v)
			json_object_set(items, names[i], v);
		else
			json_object_set_new(items, names[i], json_string("absent"));
	}
	json_decref(found);
	return 0;
}

const char *lb_lazy_tlb_mode(const char *refcount, const char *shootdown)
{
	if (!refcount || !shootdown || !strcmp(refcount, "unknown") ||
	    !strcmp(shootdown, "unknown"))
		return "unknown";
	if (!strcmp(shootdown, "y"))
		return "shootdown";
	if (!strcmp(refcount, "y"))
		return "refcount";
	if (!strcmp(refcount, "absent") && !strcmp(shootdown, "absent"))
		return "refcount (kernel predates the options)";
	return "unknown";
}

void lb_bracketed(const char *s, char *out, size_t len)
{
	const char *a = strchr(s, '['), *b = a ? strchr(a, ']') : NULL;

	if (a && b) {
		snprintf(out, len, "%.*s", (int)(b - a - 1), a + 1);
		return;
	}
	while (isspace((unsigned char)*s))
		s++;
	snprintf(out, len, "%s", s);
	trim_end(out);
}

int lb_read_line(const char *path, char *out, size_t len)
{
	FILE *f = fopen(path, "r");
	int r = -1;

	if (!f)
		return -1;
	if (fgets(out, (int)len, f)) {
		trim_end(out);
		r = 0;
	}
	fclose(f);
	return r;
}

int lb_cpuinfo_field(const char *text, const char *key, char *out, size_t len)
{
	size_t k = strlen(key);

	for (const char *l = text; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		const char *p = l + k;

		if (strncmp(l, key, k))
			continue;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != ':')
			continue;
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		snprintf(out, len, "%.*s", (int)strcspn(p, "\n"), p);
		trim_end(out);
		return 0;
	}
	return -1;
}

char *lb_read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	size_t cap = 4096, n = 0;
	char *buf;

	if (!f)
		return NULL;
	buf = malloc(cap);
	while (buf) {
		size_t r = fread(buf + n, 1, cap - n - 1, f);

		n += r;
		if (r == 0)
			break;
		if (cap - n - 1 == 0) {
			char *nb = realloc(buf, cap * 2);

			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	fclose(f);
	if (buf)
		buf[n] = 0;
	return buf;
}
