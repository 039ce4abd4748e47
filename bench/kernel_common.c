// SPDX-License-Identifier: GPL-2.0
/* One RUN ioctl per repetition; see kernel_common.h. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kernel_common.h"
#include "kmod_case.h"
#include "kmod_client.h"
#include "kmod_check.h"

struct kernel_state {
	int fd;
	struct lazybench_run run; /* prepared once, issued per repetition */
	void *map;		  /* the mapping populate/depopulate/zap write PTEs into */
	size_t map_len;
	struct lazybench_state_check total; /* summed over repetitions */
	uint64_t samples[2];
};

/* The harness's mode enum and the module's are the same four, in the same order. */
_Static_assert((int)LB_MODE_ON == (int)LAZYBENCH_MODE_ON &&
		   (int)LB_MODE_OFF == (int)LAZYBENCH_MODE_OFF &&
		   (int)LB_MODE_NESTED == (int)LAZYBENCH_MODE_NESTED &&
		   (int)LB_MODE_PAUSED == (int)LAZYBENCH_MODE_PAUSED,
	       "mode enums differ");

/* Results count 4 KiB pages; the module counts PTEs of the kernel's page size. */
static uint64_t kernel_pages(unsigned long pages_4k)
{
	long ps = sysconf(_SC_PAGESIZE);
	uint64_t kp = ps > 4096 ? ((uint64_t)pages_4k * 4096 + ps - 1) / (uint64_t)ps : pages_4k;

	return kp ? kp : 1;
}

static int fill_run(uint32_t workload, const struct lb_case_params *p, struct lazybench_run *r,
		    char *reason, size_t len)
{
	int v = LAZYBENCH_VARIANT_NONE;

	if (p->variant && (v = lb_kmod_variant_parse(p->variant)) < 0) {
		snprintf(reason, len, "unknown variant %s", p->variant);
		return EINVAL;
	}
	memset(r, 0, sizeof(*r));
	r->workload = workload;
	r->variant = (uint32_t)v;
	r->mode = (uint32_t)p->mode;
	r->pages = kernel_pages(p->pages);
	/* --batch counts PTEs (kernel pages); none given: one section of all pages. */
	r->batch = p->batch > 0 ? (uint64_t)p->batch : 0;
	if (r->batch > r->pages) {
		snprintf(reason, len, "batch %ld is more than the %llu PTEs of %lu 4 KiB pages",
			 p->batch, (unsigned long long)r->pages, p->pages);
		return EINVAL;
	}
	r->reps = 1;
	return 0;
}

int lb_kernel_available(uint32_t workload, const struct lb_case_params *p, char *reason, size_t len)
{
	struct lb_kmod_case c;
	struct lazybench_run r;
	int err = 0, fd = lb_kmod_fd(&err, reason, len);

	if (fd < 0)
		return err;
	if ((err = fill_run(workload, p, &r, reason, len)))
		return err;
	c = (struct lb_kmod_case){.workload = r.workload,
				  .variant = r.variant,
				  .mode = r.mode,
				  .pages = r.pages,
				  .batch = r.batch,
				  .reps = 1,
				  .dry = true};
	err = lb_kmod_run_case(fd, &c, NULL, &r);
	if (err)
		snprintf(reason, len, "%s", r.reason[0] ? r.reason : strerror(err));
	return err;
}

int lb_kernel_setup(uint32_t workload, struct lb_ctx *ctx)
{
	struct kernel_state *s = calloc(1, sizeof(*s));
	int err = 0;

	if (!s)
		return ENOMEM;
	s->fd = lb_kmod_fd(&err, ctx->reason, sizeof(ctx->reason));
	if (s->fd < 0 ||
	    (err = fill_run(workload, ctx->p, &s->run, ctx->reason, sizeof(ctx->reason)))) {
		free(s);
		return err;
	}
	if (lb_kmod_needs_mapping(workload)) {
		s->map_len = s->run.pages * (size_t)sysconf(_SC_PAGESIZE);
		s->map = mmap(NULL, s->map_len, PROT_READ | PROT_WRITE, MAP_SHARED, s->fd, 0);
		if (s->map == MAP_FAILED) {
			err = errno;
			snprintf(ctx->reason, sizeof(ctx->reason), "mmap of %s: %s",
				 LAZYBENCH_DEVICE, strerror(err));
			free(s);
			return err;
		}
		s->run.addr = (uintptr_t)s->map;
	}
	s->run.samples = (uintptr_t)s->samples;
	s->run.samples_len = 2;
	ctx->priv = s;
	return 0;
}

static void add_check(struct lazybench_state_check *t, const struct lazybench_state_check *k)
{
	t->writes += k->writes;
	t->active_at_write += k->active_at_write;
	t->resumes += k->resumes;
	t->active_after_resume += k->active_after_resume;
	t->expect_at_write = k->expect_at_write;
	t->expect_after_resume = k->expect_after_resume;
	/* Failed sticks; otherwise the latest verdict (they agree across repetitions). */
	if (t->result != LAZYBENCH_CHECK_FAILED)
		t->result = k->result;
}

int lb_kernel_rep(struct lb_ctx *ctx, uint64_t ns[LB_MAX_METRICS])
{
	struct kernel_state *s = ctx->priv;
	int err;

	ctx->counters_start(ctx);
	err = lb_kmod_run(s->fd, &s->run);
	ctx->counters_stop(ctx);
	add_check(&s->total, &s->run.check);
	if (err) {
		snprintf(ctx->reason, sizeof(ctx->reason), "%s",
			 s->run.reason[0] ? s->run.reason : strerror(err));
		return err;
	}
	ns[0] = s->samples[0];
	ns[1] = s->samples[1];
	return 0;
}

void lb_kernel_teardown(struct lb_ctx *ctx)
{
	struct kernel_state *s = ctx->priv;
	json_t *check = lb_kmod_check_json(&s->total, s->run.reason);

	/* The harness records it as the case's state_check and takes the reference. */
	if (json_is_null(check))
		json_decref(check);
	else
		ctx->state_check = check;
	if (s->map)
		munmap(s->map, s->map_len);
	free(s);
	ctx->priv = NULL;
}
