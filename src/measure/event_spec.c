// SPDX-License-Identifier: GPL-2.0
/* Event-name parsing and the default counter set; see event_spec.h. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "event_spec.h"

static bool is_ident(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '-' && s[i] != '.')
			return false;
	return true;
}

int lb_event_parse(const char *text, struct lb_event_spec *out, char *err, size_t len)
{
	const char *br = strchr(text, '['), *colon;
	size_t base;

	memset(out, 0, sizeof(*out));
	if (!*text) {
		snprintf(err, len, "empty event name");
		return -1;
	}
	base = br ? (size_t)(br - text) : strlen(text);
	if (base == 0 || base >= sizeof(out->event)) {
		snprintf(err, len, "bad event name '%s'", text);
		return -1;
	}
	snprintf(out->event, sizeof(out->event), "%.*s", (int)base, text);
	snprintf(out->name, sizeof(out->name), "%s", text);
	if (br) {
		size_t flen = strlen(br + 1);

		if (flen < 2 || br[flen] != ']' || flen - 1 >= sizeof(out->filter)) {
			snprintf(err, len, "bad filter in event '%s' (want sys:name[FILTER])",
				 text);
			return -1;
		}
		snprintf(out->filter, sizeof(out->filter), "%.*s", (int)(flen - 1), br + 1);
	}
	colon = strchr(out->event, ':');
	if (colon && colon[1] != ':' && !strchr(colon + 1, ':')) {
		size_t sl = (size_t)(colon - out->event), nl = strlen(colon + 1);

		if (!is_ident(out->event, sl) || !is_ident(colon + 1, nl) ||
		    sl >= sizeof(out->sys) || nl >= sizeof(out->tp)) {
			snprintf(err, len, "bad event name '%s'", text);
			return -1;
		}
		snprintf(out->sys, sizeof(out->sys), "%.*s", (int)sl, out->event);
		snprintf(out->tp, sizeof(out->tp), "%s", colon + 1);
		out->source =
		    strcmp(out->sys, "interrupts") ? LB_SRC_TRACEPOINT : LB_SRC_INTERRUPTS;
	} else {
		out->source = LB_SRC_PFM;
	}
	if (out->filter[0] && out->source != LB_SRC_TRACEPOINT) {
		snprintf(err, len, "filter on '%s', which is not a tracepoint", out->event);
		return -1;
	}
	return 0;
}

/* tlb:tlb_flush reasons (enum tlb_flush_reason, include/linux/mm_types.h). */
static const char *const flush_reasons[] = {
    "task_switch",	  "remote_shootdown", "local_shootdown",
    "local_mm_shootdown", "remote_ipi_send",  "remote_wrong_cpu",
};

size_t lb_event_defaults(struct lb_event_spec *out, size_t max)
{
	static const char *const plain[] = {
	    "task-clock", "cycles", "instructions", "dTLB-load-misses", "tlb:tlb_flush",
	};
	char text[160], err[160];
	size_t n = 0;

	for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]) && n < max; i++)
		if (!lb_event_parse(plain[i], &out[n], err, sizeof(err)))
			n++;
	for (size_t r = 0; r < sizeof(flush_reasons) / sizeof(flush_reasons[0]) && n < max; r++) {
		snprintf(text, sizeof(text), "tlb:tlb_flush[reason == %zu]", r);
		if (!lb_event_parse(text, &out[n], err, sizeof(err))) {
			snprintf(out[n].name, sizeof(out[n].name), "tlb_flush.%s",
				 flush_reasons[r]);
			n++;
		}
	}
	for (size_t i = 0; i < 2 && n < max; i++)
		if (!lb_event_parse(i ? "ipi:ipi_send_cpumask" : "ipi:ipi_send_cpu", &out[n], err,
				    sizeof(err)))
			n++;
#if defined(__x86_64__) || defined(__i386__)
	if (n < max && !lb_event_parse("interrupts:TLB", &out[n], err, sizeof(err))) {
		snprintf(out[n].name, sizeof(out[n].name), "irq.tlb_shootdowns");
		n++;
	}
#endif
	/* tracepoints are named by their event alone, without "sys:" */
	for (size_t i = 0; i < n; i++)
		if (out[i].source == LB_SRC_TRACEPOINT && !out[i].filter[0])
			snprintf(out[i].name, sizeof(out[i].name), "%s", out[i].tp);
	return n;
}

int lb_event_list_add(const char *text, size_t i, void *list, char *why, size_t len)
{
	struct lb_event_list *l = list;

	(void)i;
	if (*l->n >= l->max) {
		snprintf(why, len, "too many events");
		return -1;
	}
	if (lb_event_parse(text, &l->specs[*l->n], why, len))
		return -1;
	(*l->n)++;
	return 0;
}
