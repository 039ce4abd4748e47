// SPDX-License-Identifier: GPL-2.0
/*
 * RUN: validate the request, refuse what this kernel cannot express, run
 * warmup + timed repetitions of one workload in one mode, copy the timings
 * and the state self-check out.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>

#include "lb.h"

int lb_timed_sections(struct lb_run_ctx *ctx, lb_section_fn fn, u64 *ns)
{
	unsigned long first, nr, token;
	u64 total = 0, t0;
	int ret = 0;

	for (first = 0; first < ctx->pages && !ret; first += nr) {
		nr = min(ctx->batch, ctx->pages - first);
		t0 = ktime_get_ns();
		token = lb_mode_enter(ctx->mode);
		ret = fn(ctx, first, nr);
		lb_delay(ctx->delay_ns);
		lb_mode_exit(ctx->mode, token);
		total += ktime_get_ns() - t0;
		/* Outside any section we opened: sleeping is fine here. */
		cond_resched();
	}
	*ns = total;
	return ret;
}

int lb_case_available(const struct lb_workload *wl, u32 variant, u32 mode,
		      char *reason, size_t len)
{
	int ret;

	if (wl->available) {
		ret = wl->available(variant, reason, len);
		if (ret)
			return ret;
	}
	return lb_mode_available(wl, variant, mode, reason, len);
}

#define LB_FAIL(ret, r, ...) ({ \
	snprintf((r)->reason, sizeof((r)->reason), __VA_ARGS__); \
	ret; \
})

/* Field checks: -EINVAL for what is malformed, -E2BIG for what is too large. */
static int lb_run_validate(struct lazybench_run *r,
			   const struct lb_workload **wlp)
{
	const struct lb_workload *wl = lb_workload_get(r->workload);
	u64 max_pages = lb_max_pages();
	u32 total_reps;
	u64 entries;

	if (!lb_zero(r->reserved, sizeof(r->reserved)))
		return LB_FAIL(-EINVAL, r, "reserved bytes must be zero");
	if (!lb_task_state_neutral())
		return LB_FAIL(-EBUSY, r,
			       "the calling task is in or paused out of lazy MMU mode (TASK_LAZY off, or inherited by fork)");
	if (!wl)
		return LB_FAIL(-EINVAL, r, "unknown workload %u", r->workload);
	if (r->variant >= LAZYBENCH_VARIANT_COUNT ||
	    !(wl->variants & BIT(r->variant)))
		return LB_FAIL(-EINVAL, r, "variant %u is not one of %s's",
			       r->variant, wl->name);
	if (r->mode >= LAZYBENCH_MODE_COUNT)
		return LB_FAIL(-EINVAL, r, "unknown mode %u", r->mode);
	if (r->flags & ~LAZYBENCH_RUN_FLAGS_ALL)
		return LB_FAIL(-EINVAL, r, "unknown flags 0x%x", r->flags);
	if (!r->pages)
		return LB_FAIL(-EINVAL, r, "pages must be at least 1");
	if (r->pages > max_pages)
		return LB_FAIL(-E2BIG, r,
			       "pages %llu above the limit %llu (a quarter of available memory)",
			       r->pages, max_pages);
	if (!r->batch)
		r->batch = r->pages;
	if (r->batch > r->pages)
		return LB_FAIL(-EINVAL, r, "batch %llu larger than pages %llu",
			       r->batch, r->pages);
	if (!r->reps)
		return LB_FAIL(-EINVAL, r, "reps must be at least 1");
	if (check_add_overflow(r->reps, r->warmup, &total_reps) ||
	    total_reps > LB_MAX_REPS)
		return LB_FAIL(-E2BIG, r, "reps + warmup above %u",
			       LB_MAX_REPS);
	if (r->delay_ns > LB_MAX_DELAY_NS)
		return LB_FAIL(-E2BIG, r, "delay_ns above %u", LB_MAX_DELAY_NS);
	if (!wl->needs_vma && r->addr)
		return LB_FAIL(-EINVAL, r, "%s takes no addr", wl->name);
	if (wl->needs_vma && !r->addr)
		return LB_FAIL(-EINVAL, r,
			       "%s needs addr, an mmap() of /dev/lazybench",
			       wl->name);
	entries = (u64)r->reps * wl->nr_metrics;
	if (!(r->flags & LAZYBENCH_RUN_DRY)) {
		if (r->samples_len < entries)
			return LB_FAIL(-EINVAL, r,
				       "samples_len %u below reps x %u metrics",
				       r->samples_len, wl->nr_metrics);
		if (!access_ok(u64_to_user_ptr(r->samples),
			       entries * sizeof(u64)))
			return LB_FAIL(-EFAULT, r, "samples is not writable");
	}
	*wlp = wl;
	return 0;
}

/* Warmup + timed repetitions; timings of the timed ones into @samples. */
static int lb_run_reps(struct lb_run_ctx *ctx, const struct lazybench_run *r,
		       u64 *samples)
{
	u64 ns[2];
	u32 i;
	int ret;

	ret = ctx->wl->setup(ctx);
	if (ret)
		return ret;
	for (i = 0; i < r->warmup + r->reps; i++) {
		if (fatal_signal_pending(current)) {
			snprintf(ctx->reason, LAZYBENCH_REASON_LEN,
				 "interrupted by a fatal signal");
			ret = -EINTR;
			break;
		}
		memset(ns, 0, sizeof(ns));
		ret = ctx->wl->rep(ctx, ns);
		if (ret)
			break;
		if (i >= r->warmup)
			memcpy(&samples[(u64)(i - r->warmup) *
					ctx->wl->nr_metrics],
			       ns, ctx->wl->nr_metrics * sizeof(u64));
		cond_resched();
	}
	ctx->wl->teardown(ctx);
	return ret;
}

static int lb_run_on_vma(struct lb_run_ctx *ctx, struct lazybench_run *r,
			 u64 *samples)
{
	int ret;

	ctx->mm = current->mm;
	if (!ctx->mm)
		return LB_FAIL(-EINVAL, r, "no user address space");
	if (mmap_read_lock_killable(ctx->mm))
		return -EINTR;
	ret = lb_vma_claim(ctx, r->addr);
	if (!ret) {
		ret = lb_run_reps(ctx, r, samples);
		lb_vma_unclaim(ctx);
	}
	mmap_read_unlock(ctx->mm);
	return ret;
}

static int lb_run_execute(const struct lb_workload *wl,
			  struct lazybench_run *r)
{
	struct lb_run_ctx ctx = {
		.wl = wl,
		.variant = r->variant,
		.mode = r->mode,
		.delay_ns = r->delay_ns,
		.pages = r->pages,
		.batch = r->batch,
		.reason = r->reason,
	};
	u64 entries = (u64)r->reps * wl->nr_metrics;
	u64 ops = r->pages * ((u64)r->reps + r->warmup);
	u64 *samples;
	int ret, check;

	/* The pages the PTEs or mappings point at, plus one dummy page. */
	if (lb_pages_reserve(r->pages + 1))
		return LB_FAIL(-ENOMEM, r,
			       "runs in flight already hold most of the page limit");
	samples = kvcalloc(entries, sizeof(u64), GFP_KERNEL);
	if (!samples) {
		ret = -ENOMEM;
		goto release;
	}
	if (wl->needs_vma)
		ret = lb_run_on_vma(&ctx, r, samples);
	else
		ret = lb_run_reps(&ctx, r, samples);
	if (ret)
		goto free;
	check = lb_check_eval(&ctx, ops, &r->check);
	if (copy_to_user(u64_to_user_ptr(r->samples), samples,
			 entries * sizeof(u64)))
		ret = -EFAULT;
	else
		ret = check;
free:
	kvfree(samples);
release:
	lb_pages_release(r->pages + 1);
	return ret;
}

long lb_ioctl_run(void __user *uarg)
{
	const struct lb_workload *wl = NULL;
	struct lazybench_run r;
	u32 usize;
	int ret;

	BUILD_BUG_ON(sizeof(r) != LAZYBENCH_RUN_SIZE_VER1);
	ret = lb_copy_struct_in(&r, sizeof(r), LAZYBENCH_RUN_SIZE_VER1, uarg);
	if (ret)
		return ret;
	usize = r.size;
	/* Output fields: whatever the caller left there is overwritten. */
	r.nr_metrics = 0;
	memset(&r.check, 0, sizeof(r.check));
	memset(r.reason, 0, sizeof(r.reason));

	ret = lb_run_validate(&r, &wl);
	if (!ret) {
		r.nr_metrics = wl->nr_metrics;
		ret = lb_case_available(wl, r.variant, r.mode, r.reason,
					sizeof(r.reason));
	}
	if (!ret && !(r.flags & LAZYBENCH_RUN_DRY))
		ret = lb_run_execute(wl, &r);
	if (lb_copy_struct_out(uarg, &r, sizeof(r), usize))
		return -EFAULT;
	return ret;
}
