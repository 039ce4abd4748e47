// SPDX-License-Identifier: GPL-2.0
/* One RUN of lazybench.ko per case visit; see kernel_common.h. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kernel_common.h"
#include "kmod_case.h"
#include "kmod_client.h"
#include "kmod_check.h"

struct kernel_state {
	int fd;
	struct lb_kmod_case c;	    /* reps and warmup of the visit */
	struct lazybench_run run;   /* as the module returned it */
	unsigned nm;		    /* module metrics (empty comes after them) */
	uint64_t *samples;	    /* c.reps x nm */
	struct lazybench_rep *reps; /* c.reps */
	unsigned calls;		    /* rep() calls so far */
};

/* The harness's mode enum and the module's are the same four, in the same order. */
_Static_assert((int)LB_MODE_ON == (int)LAZYBENCH_MODE_ON &&
		   (int)LB_MODE_OFF == (int)LAZYBENCH_MODE_OFF &&
		   (int)LB_MODE_NESTED == (int)LAZYBENCH_MODE_NESTED &&
		   (int)LB_MODE_PAUSED == (int)LAZYBENCH_MODE_PAUSED,
	       "mode enums differ");
_Static_assert(LAZYBENCH_MAX_METRICS + 1 <= LB_MAX_METRICS, "room for the empty metric");

/* Results count 4 KiB pages; the module counts PTEs of the kernel's page size. */
static uint64_t kernel_pages(unsigned long pages_4k)
{
	long ps = sysconf(_SC_PAGESIZE);
	uint64_t kp = ps > 4096 ? ((uint64_t)pages_4k * 4096 + ps - 1) / (uint64_t)ps : pages_4k;

	return kp ? kp : 1;
}

static int fill_case(uint32_t workload, const struct lb_case_params *p, struct lb_kmod_case *c,
		     char *reason, size_t len)
{
	int v = LAZYBENCH_VARIANT_NONE;

	if (p->variant && (v = lb_kmod_variant_parse(p->variant)) < 0) {
		snprintf(reason, len, "unknown variant %s", p->variant);
		return EINVAL;
	}
	memset(c, 0, sizeof(*c));
	c->workload = workload;
	c->variant = (uint32_t)v;
	c->mode = (uint32_t)p->mode;
	c->pages = kernel_pages(p->pages);
	/* --batch counts pages per call of the kernel API; none given: one call of all pages. */
	c->batch = p->batch > 0 ? (uint64_t)p->batch : 0;
	if (c->batch > c->pages) {
		snprintf(reason, len, "batch %ld is more than the %llu PTEs of %lu 4 KiB pages",
			 p->batch, (unsigned long long)c->pages, p->pages);
		return EINVAL;
	}
	c->reps = p->reps ? p->reps : 1;
	c->warmup = p->warmup;
	c->delay_ns = p->delay_ns;
	return 0;
}

int lb_kernel_available(uint32_t workload, const struct lb_case_params *p, char *reason, size_t len)
{
	struct lb_kmod_case c;
	struct lazybench_run r;
	int err = 0, fd = lb_kmod_fd(&err, reason, len);

	if (fd < 0)
		return err;
	if ((err = fill_case(workload, p, &c, reason, len)))
		return err;
	c.dry = true;
	err = lb_kmod_run_case(fd, &c, NULL, &r);
	if (err)
		snprintf(reason, len, "%s", r.reason[0] ? r.reason : strerror(err));
	return err;
}

/* Can the mode move module metric @m of @c here (from INFO)? NULL when INFO cannot tell. */
static const char *effect_of(int fd, const struct lb_kmod_case *c, unsigned m)
{
	const struct lazybench_wl_info *e;
	struct lazybench_info info;
	char reason[256];

	if (lb_kmod_info(fd, &info, reason, sizeof(reason)))
		return NULL;
	e = lb_kmod_wl_info(&info, c->workload, c->variant);
	return e && m < e->nr_metrics && m < LAZYBENCH_MAX_METRICS
		   ? lb_kmod_effect_name(e->effect[m])
		   : NULL;
}

const char *lb_kernel_effect(uint32_t workload, const struct lb_case_params *p, unsigned m)
{
	struct lb_kmod_case c;
	char reason[LB_REASON_LEN];
	int err = 0, fd = lb_kmod_fd(&err, reason, sizeof(reason));

	if (fd < 0 || fill_case(workload, p, &c, reason, sizeof(reason)))
		return NULL;
	return effect_of(fd, &c, m);
}

int lb_kernel_setup(uint32_t workload, struct lb_ctx *ctx)
{
	struct kernel_state *s = calloc(1, sizeof(*s));
	int err = 0;

	if (!s)
		return ENOMEM;
	s->fd = lb_kmod_fd(&err, ctx->reason, sizeof(ctx->reason));
	if (s->fd < 0 ||
	    (err = fill_case(workload, ctx->p, &s->c, ctx->reason, sizeof(ctx->reason)))) {
		free(s);
		return err;
	}
	s->nm = lb_kmod_nr_metrics(workload);
	s->samples = calloc((size_t)s->c.reps * s->nm, sizeof(*s->samples));
	s->reps = calloc(s->c.reps, sizeof(*s->reps));
	if (!s->samples || !s->reps) {
		free(s->samples);
		free(s->reps);
		free(s);
		return ENOMEM;
	}
	for (unsigned m = 0; m < s->nm; m++)
		ctx->effect[m] = effect_of(s->fd, &s->c, m);
	ctx->priv = s;
	return 0;
}

static int run_failed(struct lb_ctx *ctx, const struct lazybench_run *r, const char *what, int err)
{
	snprintf(ctx->reason, sizeof(ctx->reason), "%s: %s", what,
		 r->reason[0] ? r->reason : strerror(err));
	return err;
}

/*
 * The timed sections the RUN ran, per repetition and metric, for the TCG region accounting: a
 * pass metric runs the repetition's sections (rep_info: pages / batch), the purge one section, the
 * empty pass none that is marked (kmod/lb_run.c). Warmup repetitions report no rep_info; they ran
 * the same pages and batch as the timed ones. The BASELINE RUN runs no section.
 */
static void report_sections(struct lb_ctx *ctx, const struct kernel_state *s)
{
	const struct lb_kmod_wl *wl = lb_kmod_wl(s->c.workload);
	unsigned n = s->nm + 1, reps = s->run.reps_done ? s->c.warmup + s->run.reps_done : 0;
	unsigned long *sections = calloc((size_t)(reps ? reps : 1) * n, sizeof(*sections));

	if (!sections)
		abort();
	for (unsigned r = 0; r < reps; r++) {
		const struct lazybench_rep *ri = &s->reps[r < s->c.warmup ? 0 : r - s->c.warmup];

		for (unsigned m = 0; m < s->nm; m++)
			sections[(size_t)r * n + m] =
			    wl && wl->metrics[m] && !strcmp(wl->metrics[m], "purge")
				? 1
				: (unsigned long)ri->sections;
	}
	ctx->run_sections(ctx, sections, reps, s->c.warmup);
	free(sections);
}

/* The first call: the BASELINE RUN, then the RUN, each bracketed by the counters. */
static int run_all(struct lb_ctx *ctx, struct kernel_state *s)
{
	struct lb_kmod_case base = s->c;
	int err;

	base.baseline = true;
	ctx->counters_start(ctx);
	err = lb_kmod_run_case(s->fd, &base, s->samples, &s->run);
	ctx->counters_stop(ctx);
	if (err)
		return run_failed(ctx, &s->run, "baseline RUN", err);
	ctx->counters_baseline(ctx);
	s->c.rep_info = s->reps;
	ctx->counters_start(ctx);
	err = lb_kmod_run_case(s->fd, &s->c, s->samples, &s->run);
	ctx->counters_stop(ctx);
	ctx->counters_spread(ctx, s->c.reps + s->c.warmup);
	report_sections(ctx, s);
	/* EINTR keeps the repetitions done (run.reps_done); they are handed out below. */
	if (err && err != EINTR)
		return run_failed(ctx, &s->run, "RUN", err);
	return 0;
}

int lb_kernel_rep(struct lb_ctx *ctx, uint64_t ns[LB_MAX_METRICS])
{
	struct kernel_state *s = ctx->priv;
	unsigned k = s->calls++, t;
	int err;

	if (k == 0 && (err = run_all(ctx, s)))
		return err;
	/* Warmup repetitions ran inside the RUN, untimed: nothing to hand out. */
	if (k < s->c.warmup)
		return 0;
	t = k - s->c.warmup;
	if (t >= s->run.reps_done)
		return run_failed(ctx, &s->run, "RUN interrupted", EINTR);
	for (unsigned m = 0; m < s->nm; m++)
		ns[m] = s->samples[(size_t)t * s->nm + m];
	ns[s->nm] = s->reps[t].empty_ns;
	return 0;
}

void lb_kernel_teardown(struct lb_ctx *ctx)
{
	struct kernel_state *s = ctx->priv;
	json_t *check = lb_kmod_check_json(&s->run.check, s->run.reason);

	/* The harness records them as the case's state_check and kernel, taking the references. */
	if (s->calls) {
		if (json_is_null(check))
			check = json_object();
		json_object_set_new(check, "mode_check",
				    lb_kmod_mode_check_json(&s->run.mode_check));
		ctx->state_check = check;
		ctx->kernel = lb_kmod_reps_json(s->reps, s->run.reps_done);
	} else {
		json_decref(check);
	}
	free(s->samples);
	free(s->reps);
	free(s);
	ctx->priv = NULL;
}
