// SPDX-License-Identifier: GPL-2.0
/*
 * Mailing-list report: ASCII only, at most 72 columns, LKP-style
 * "base %stddev %change new %stddev" rows, a ministat-style verdict under each, a header
 * naming both kernels and the machine, and the exact command lines to reproduce.
 * Every line goes through emit(), which replaces non-ASCII bytes and wraps at 72 columns,
 * so no value read from a run (CPU model, command line) can break the contract.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

#define EMAIL_COLS 72

static void emit_line(FILE *f, const char *s, size_t len)
{
	while (len && s[len - 1] == ' ')
		len--;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		fputc(ch >= 0x80 || (ch < 0x20 && ch != '\t') || ch == 0x7f ? '?' : ch, f);
	}
	fputc('\n', f);
}

/* Print one logical line; longer than 72 columns wraps at a space with a 4-space indent. */
static void emit(FILE *f, const char *fmt, ...)
{
	char buf[4096];
	const char *p = buf;
	bool first = true;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (char *t = buf; *t; t++)
		if (*t == '\t')
			*t = ' ';
	for (;;) {
		size_t room = first ? EMAIL_COLS : EMAIL_COLS - 4, len = strlen(p), cut;

		if (!first)
			fputs("    ", f);
		if (len <= room) {
			emit_line(f, p, len);
			return;
		}
		for (cut = room; cut > 0 && p[cut] != ' '; cut--)
			;
		if (cut == 0)
			cut = room;
		emit_line(f, p, cut);
		p += cut;
		while (*p == ' ')
			p++;
		first = false;
	}
}

/* A command line as shell words, wrapped with backslash continuations within 72 columns. */
static void emit_command(FILE *f, json_t *argv)
{
	char line[4096] = "  ";
	size_t i, used = 0;
	json_t *v;

	json_array_foreach(argv, i, v)
	{
		const char *w = json_string_value(v) ? json_string_value(v) : "";
		char word[1024];

		if (!*w || strpbrk(w, " \t'\"$*?;&|<>()[]{}\\`!#~"))
			snprintf(word, sizeof(word), "'%s'", w);
		else
			snprintf(word, sizeof(word), "%s", w);
		/* Keep two columns for " \\" on every line but the last. */
		if (used && strlen(line) + 1 + strlen(word) > EMAIL_COLS - 2) {
			emit(f, "%s \\", line);
			snprintf(line, sizeof(line), "    %s", word);
		} else {
			size_t l = strlen(line);

			snprintf(line + l, sizeof(line) - l, "%s%s", used ? " " : "", word);
		}
		used++;
	}
	if (used)
		emit(f, "%s", line);
}

/*
 * Case heading: workload[.variant]/mode/pPAGES[/bBATCH][/REMOTE]; without the mode with
 * --mode-pairs, where the header says which modes are base and new.
 */
static void case_name(char *buf, size_t len, const struct lb_rcase *c, bool with_mode)
{
	char b[32] = "", rem[48] = "", var[96] = "";

	if (c->variant)
		snprintf(var, sizeof(var), ".%s", c->variant);
	if (c->batch >= 0)
		snprintf(b, sizeof(b), "/b%ld", c->batch);
	if (strcmp(c->remote, "none"))
		snprintf(rem, sizeof(rem), "/%s", c->remote);
	snprintf(buf, len, "%s%s%s%s/p%ld%s%s", c->workload, var, with_mode ? "/" : "",
		 with_mode ? c->mode : "", c->pages, b, rem);
}

/* LKP shows the relative stddev across runs only where it exceeds 2%; one run has none. */
static void stddev_col(char *buf, size_t len, double cv, size_t k)
{
	if (k < 2)
		snprintf(buf, len, "%s", "1 run");
	else if (isnan(cv) || cv * 100 <= 2)
		snprintf(buf, len, "%s", "");
	else
		snprintf(buf, len, "+-%.0f%%", cv * 100);
}

/*
 * One row: base %sd %change new %sd, then the label: 37 columns of cells (a 7-digit base, 8
 * digits new, the mark) and two blanks leave 33 for "rcpu tlb_flush.local_mm_shootdown".
 */
#define ROW_FMT "%7s %5s %7s%c %8s %5s  %s"

static void row(FILE *f, const char *base, const char *sd_a, const char *change, bool mark,
		const char *neu, const char *sd_b, const char *label)
{
	char line[512];
	size_t len;

	snprintf(line, sizeof(line), ROW_FMT, base, sd_a, change, mark ? '*' : ' ', neu, sd_b,
		 label);
	/*
	 * Wide cells (a CV over 99%, an 8-digit median) or a long label: take one blank from
	 * the leftmost run of two or more, again and again, until the row fits. The label stays
	 * on the row; only that row's columns shift.
	 */
	len = strlen(line);
	while (len > EMAIL_COLS) {
		char *gap = strstr(line, "  ");

		if (!gap)
			break;
		memmove(gap, gap + 1, strlen(gap + 1) + 1);
		len--;
	}
	emit(f, "%s", line);
}

static void header(FILE *f, const struct lb_report *r, const struct lb_comparison *c)
{
	char ka[128], kb[128], host[128], cpu[256], arch[64], virt[64];
	const char *h;
	const struct lb_rrun *a = c->run_a, *b = c->run_b;

	if (r->mode_pairs) {
		emit(f, "lazybench mode comparison: lazy MMU %s (base) vs %s (new)", c->mode_a,
		     c->mode_b);
		emit(f, "run:     %s, kernel %s", a->label,
		     lb_run_env_or_unknown(a, LB_ENV_KERNEL_RELEASE, ka, sizeof(ka)));
	} else {
		emit(f, "lazybench A/B comparison");
		emit(f, "base:    %s, kernel %s", a->label,
		     lb_run_env_or_unknown(a, LB_ENV_KERNEL_RELEASE, ka, sizeof(ka)));
		emit(f, "new:     %s, kernel %s", b->label,
		     lb_run_env_or_unknown(b, LB_ENV_KERNEL_RELEASE, kb, sizeof(kb)));
	}
	/* No hostname recorded (older runs): the machine is named by its CPU only. */
	h = lb_run_env_str(a, LB_ENV_HOSTNAME, host, sizeof(host));
	emit(f, "machine: %s%s%s, %s, virtualisation %s", h ? h : "", h ? ", " : "",
	     lb_run_env_or_unknown(a, LB_ENV_CPU_MODEL, cpu, sizeof(cpu)),
	     lb_run_env_or_unknown(a, LB_ENV_ARCH, arch, sizeof(arch)),
	     lb_run_env_or_unknown(a, LB_ENV_VIRT, virt, sizeof(virt)));
	{
		char g[64], t[64], c[64];
		json_t *st = a->settings;

		emit(f, "tuning:  governor %s, THP %s, clocksource %s",
		     lb_run_env_or_unknown(a, LB_ENV_GOVERNOR, g, sizeof(g)),
		     lb_run_env_or_unknown(a, LB_ENV_THP_ENABLED, t, sizeof(t)),
		     lb_run_env_or_unknown(a, LB_ENV_CLOCKSOURCE, c, sizeof(c)));
		if (json_is_object(st))
			emit(f, "params:  %lld reps after %lld warmup, CPU %lld, ASLR %s",
			     (long long)json_integer_value(json_object_get(st, LB_K_REPS)),
			     (long long)json_integer_value(json_object_get(st, LB_K_WARMUP)),
			     (long long)json_integer_value(json_object_get(st, LB_K_CPU)),
			     json_is_true(json_object_get(st, LB_K_ASLR_DISABLED)) ? "off" : "on");
	}
	emit(f, "");
	emit(f, "To reproduce:");
	for (const struct lb_rrun *run = a;; run = b) {
		/* Runs merged by `ab` share one command line: print it once. */
		if (run == b && run != a && json_equal(a->command_line, b->command_line))
			break;
		if (json_array_size(run->command_line))
			emit_command(f, run->command_line);
		else
			emit(f, "  (run %s recorded no command line)", run->label);
		if (run == b)
			break;
	}
	{
		json_t *cmd = json_array();

		/* argv[0] is the subcommand: the user typed "lazybench compare ...". */
		json_array_append_new(cmd, json_string("lazybench"));
		for (int i = 0; i < r->argc; i++)
			json_array_append_new(cmd, json_string(r->argv[i]));
		emit_command(f, cmd);
		json_decref(cmd);
	}
	for (size_t i = 0; i < r->n_issues; i++)
		emit(f, "%s: %s", r->issues[i].refuse ? "WARNING: NOT COMPARABLE" : "warning",
		     r->issues[i].text);
	if (!r->mode_pairs && r->n_env_diff) {
		emit(f, "");
		emit(f, "Environment differences (base -> new):");
		for (size_t i = 0; i < r->n_env_diff; i++)
			if (&r->runs[r->env_diff_run[i]] == b)
				emit(f, "  %s", r->env_diff[i]);
	}
	emit(f, "");
}

/* A verdict line only where there is something to say beyond the row's mark. */
static void verdict(FILE *f, const struct lb_report *r, const struct lb_cmp_metric *m)
{
	char pct[32], ci[64], p[32], v[600];
	const struct lb_rep_ab *ab = &m->ab;

	/* Short forms that fit the row width; a row without a line is inconclusive. */
	if (m->significant)
		emit(f, "%10s%s, %.0f%% CI %s, p%s%s, g=%.1f", "",
		     lb_fmt_pct(pct, sizeof(pct), m->ci.ratio), m->ci.level * 100,
		     lb_fmt_ci(ci, sizeof(ci), &m->ci),
		     *lb_fmt_p(p, sizeof(p), m->p_used) == '<' ? "" : "=", p, ab->hedges_g);
	else if (m->tested && ab->within_margin)
		emit(f, "%10sno change larger than %.1f%% (margin %.0f%%)", "", ab->eq_bound * 100,
		     r->margin * 100);
	else if (!m->tested && m->k_a && m->k_b)
		emit(f, "%10sno verdict: %zu vs %zu %ss (%d per side needed)", "", m->k_a, m->k_b,
		     lb_unit_name(m->unit), LB_REP_MIN);
	else if (!m->tested)
		emit(f, "%10sno verdict: %s", "", m->why_untested);
	if (*lb_fmt_hygiene(v, sizeof(v), m, "base", "new"))
		for (char *w = strtok(v, ";"); w; w = strtok(NULL, ";"))
			emit(f, "%10swarning:%s%s", "", *w == ' ' ? "" : " ", w);
}

/*
 * Counter rows of a case: measured in either run, not 0 in both, and not a thread-scope
 * count whose measuring-CPU count is shown (the thread's are in the other formats). The
 * label names the scope. Returns the number of rows left out for being 0 in both runs.
 */
static size_t counter_rows(FILE *f, const struct lb_cmp_case *cc, size_t *one_sided)
{
	size_t zeros = 0;

	for (size_t i = 0; i < cc->n_counters; i++) {
		const struct lb_cmp_counter *k = &cc->counters[i];
		char a[32], b[32], pct[32], label[160];

		if (!lb_counter_measured(k) || lb_counter_shadowed(cc, k))
			continue;
		if (k->per_op_a == 0 && k->per_op_b == 0) {
			zeros++;
			continue;
		}
		*one_sided += isnan(k->per_op_a) || isnan(k->per_op_b);
		snprintf(label, sizeof(label), "%s %s%s", lb_fmt_scope_short(k->scope), k->name,
			 strcmp(lb_counter_unit(k), "ns") ? "" : " ns");
		/* An exact count (the same in every repetition) has no spread to show. */
		row(f, lb_fmt_num(a, sizeof(a), k->per_op_a), lb_counter_exact(k->a) ? "exact" : "",
		    lb_fmt_counter_change(pct, sizeof(pct), k), false,
		    lb_fmt_num(b, sizeof(b), k->per_op_b), lb_counter_exact(k->b) ? "exact" : "",
		    label);
	}
	return zeros;
}

struct mail {
	FILE *f;
	const struct lb_report *r;
	const struct lb_cmp_case *headed; /* the case whose heading was printed last */
	size_t zeros, one_sided;
	size_t no_tcg;		/* --cost-model: cases without TCG counts */
	const char *no_tcg_why; /* the first one's reason */
};

static void mail_begin(void *ctx, const struct lb_comparison *c, size_t i)
{
	struct mail *d = ctx;

	if (i)
		emit(d->f, "");
	header(d->f, d->r, c);
	emit(d->f, ROW_FMT, "base", "%sd", "%change", ' ', "new", "%sd", "");
	emit(d->f, ROW_FMT, "\\", "", "|", ' ', "\\", "", "");
	d->headed = NULL;
	d->zeros = d->one_sided = d->no_tcg = 0;
}

/* The case's heading line, once, above its first row. */
static void heading(struct mail *d, const struct lb_cmp_case *cc)
{
	char name[200];

	if (d->headed == cc)
		return;
	d->headed = cc;
	case_name(name, sizeof(name), cc->a, !d->r->mode_pairs);
	emit(d->f, "%s", name);
}

static void mail_row(void *ctx, const struct lb_row *w)
{
	struct mail *d = ctx;
	const struct lb_cmp_metric *m = w->m;
	char sa[16], sb[16], pct[32], label[200];

	heading(d, w->cc);
	stddev_col(sa, sizeof(sa), m->cv_a, m->k_a);
	stddev_col(sb, sizeof(sb), m->cv_b, m->k_b);
	snprintf(label, sizeof(label), "%s %s", m->a->name, m->a->unit);
	/* %change: the ratio of the replicates' geometric means, with or without a verdict. */
	row(d->f, w->med_a, sa, lb_fmt_pct(pct, sizeof(pct), m->ab.ratio), m->significant, w->med_b,
	    sb, label);
	verdict(d->f, d->r, m);
}

/*
 * --cost-model: a row per estimate, labelled "est.cyc METRIC SCOPE", the columns as for
 * counters; under it what the estimate leaves out, or the reason it is unavailable.
 */
static void cost_rows(FILE *f, const struct lb_cmp_case *cc, size_t *no_tcg, const char **why)
{
	for (size_t i = 0; i < cc->n_costs; i++) {
		const struct lb_cost_est *e = &cc->costs[i];
		char a[32], b[32], pct[32], label[160], part[2048];

		/* No TCG counts for the case at all: counted, and named once under the table. */
		if (!*e->metric) {
			if (!(*no_tcg)++)
				*why = e->why_a;
			continue;
		}
		snprintf(label, sizeof(label), "est.cyc %s%s%s", e->metric, *e->metric ? " " : "",
			 lb_fmt_scope_short(e->scope));
		row(f, lb_fmt_num(a, sizeof(a), e->cycles_a), "",
		    lb_fmt_change(pct, sizeof(pct), e->cycles_a, e->cycles_b), false,
		    lb_fmt_num(b, sizeof(b), e->cycles_b), "", label);
		if (isnan(e->cycles_a) && isnan(e->cycles_b) && !strcmp(e->why_a, e->why_b)) {
			emit(f, "              unavailable: %s", e->why_a);
			continue;
		}
		if (isnan(e->cycles_a))
			emit(f, "              base unavailable: %s", e->why_a);
		if (isnan(e->cycles_b))
			emit(f, "              new unavailable: %s", e->why_b);
		if (*lb_fmt_cost_partial(part, sizeof(part), e))
			emit(f, "              %s", part);
	}
}

static void mail_case_end(void *ctx, const struct lb_cmp_case *cc)
{
	struct mail *d = ctx;

	heading(d, cc);
	d->zeros += counter_rows(d->f, cc, &d->one_sided);
	if (d->r->cost_model)
		cost_rows(d->f, cc, &d->no_tcg, &d->no_tcg_why);
}

static void mail_end(void *ctx, const struct lb_comparison *c)
{
	struct mail *d = ctx;
	struct lb_na_group na[8];
	size_t n_na = lb_unavailable_groups(c, true, na, 8);

	emit(d->f, "");
	if (d->zeros)
		emit(d->f, "%zu counter row(s) left out: 0 per operation in both runs.", d->zeros);
	if (d->one_sided)
		emit(d->f, "n/a: not measured in that run (its run.json says why).");
	for (size_t i = 0; i < n_na; i++)
		emit(d->f, "not available in either run: %s (%s): %s", na[i].names, na[i].scopes,
		     na[i].reason);
	if (d->no_tcg)
		emit(d->f, "est.cyc unavailable in %zu case(s): %s", d->no_tcg, d->no_tcg_why);
	for (size_t i = 0; i < c->n_unmatched; i++)
		emit(d->f, "unmatched, %s", c->unmatched[i]);
}

void lb_format_email(FILE *f, const struct lb_report *r)
{
	static const struct lb_table_hooks hooks = {mail_begin, mail_row, mail_case_end, mail_end};
	struct mail d = {.f = f, .r = r};

	lb_table_walk(r, &hooks, &d);
	emit(f, "");
	emit(f,
	     "Rows: medians of the replicates' medians per operation; %%sd: relative "
	     "standard deviation across replicates (runs or boots), shown above 2%%, "
	     "\"1 run\" when a side has one. Counter rows are counts per operation "
	     "in the measuring thread (thr), on the measuring CPU (cpu) or on the "
	     "remote reader's CPU (rcpu), each compared with the same scope; the "
	     "thread's counts of counters shown for the CPU are in the text, json "
	     "and csv formats. * = significant; a row without a line under it shows "
	     "no difference proven at %.0f%% confidence.",
	     (1 - r->alpha) * 100);
	{
		char *buf = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&buf, &len);

		if (m) {
			lb_fmt_method(m, r);
			fclose(m);
			buf[strcspn(buf, "\n")] = 0;
			emit(f, "%s", buf);
			free(buf);
		}
	}
	if (r->cost_model) {
		char label[300], note[2048];

		emit(f, "");
		emit(f, "est.cyc rows: %s.",
		     lb_fmt_cost_label(label, sizeof(label), r->cost_model));
		emit(f, "%s", lb_fmt_cost_note(note, sizeof(note), r));
	}
}
