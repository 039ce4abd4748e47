// SPDX-License-Identifier: GPL-2.0
/*
 * RUN: validate the request, refuse what this kernel cannot express, run
 * warmup + timed repetitions of one workload in one mode, copy the timings,
 * the per-repetition accounting and the state self-checks out.
 *
 * Bounded and killable: pages x (reps + warmup) and the total injected
 * delay are capped, signals are checked after every section (-EINTR with
 * the repetitions done so far copied out), long loops reschedule, and the
 * mmap_lock of the VMA workloads is held per repetition, not per RUN.
 */
#include <linux/kernel.h>
#include <linux/kernel_stat.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "lb.h"
#include "uapi/lazybench_marker.h"

static u64 lb_csw(void)
{
	return current->nvcsw + current->nivcsw;
}

/* Hard and soft interrupts kstat counted on @cpu. */
static u64 lb_cpu_irqs(unsigned int cpu)
{
	return kstat_cpu_irqs_sum(cpu) + kstat_cpu_softirqs_sum(cpu);
}

/*
 * One section: @fn over pages [first, first + nr) (NULL: an empty section)
 * inside the mode wrapper, timed into *ns. The state checks run inside the
 * timed part, in empty sections too, so that subtracting the empty pass
 * removes their cost as well. Only the sections that call @fn count as
 * timed work for the context-switch and interrupt accounting.
 */
static int lb_section(struct lb_run_ctx *ctx, lb_section_fn fn,
		      unsigned long first, unsigned long nr, u64 *ns)
{
	unsigned int cpu = raw_smp_processor_id();
	u64 csw = lb_csw(), irqs = lb_cpu_irqs(cpu), t0;
	unsigned long token;
	int ret = 0;

	t0 = ktime_get_ns();
	/* The empty pass (fn == NULL) opens no region: only timed work. */
	if (fn)
		lazybench_marker_open();
	token = lb_mode_enter(ctx->mode);
	lb_check_mode_entered(ctx);
	if (fn) {
		ret = fn(ctx, first, nr);
		lb_delay(ctx->delay_ns);
	}
	lb_check_mode_leaving(ctx);
	lb_mode_exit(ctx->mode, token);
	if (fn)
		lazybench_marker_close();
	*ns += ktime_get_ns() - t0;
	lb_check_mode_left(ctx);
	if (fn) {
		ctx->rep.csw += lb_csw() - csw;
		if (raw_smp_processor_id() == cpu)
			ctx->rep.irqs += lb_cpu_irqs(cpu) - irqs;
		else
			ctx->rep.flags |= LAZYBENCH_REP_MIGRATED;
	}
	if (!ret && signal_pending(current)) {
		snprintf(ctx->reason, LAZYBENCH_REASON_LEN,
			 "interrupted by a signal");
		ret = -EINTR;
	}
	return ret;
}

int lb_timed_sections(struct lb_run_ctx *ctx, lb_section_fn fn, u64 *ns)
{
	unsigned long first, nr;
	int ret = 0;

	*ns = 0;
	for (first = 0; first < ctx->pages && !ret; first += nr) {
		nr = min(ctx->batch, ctx->pages - first);
		ret = lb_section(ctx, fn, first, nr, ns);
		/* Outside any section we opened: sleeping is fine here. */
		cond_resched();
	}
	/* One line of the TCG plugin's totals per metric pass, not per section. */
	if (fn)
		lazybench_marker_sum();
	/* Only the first pass of a repetition counts lazy sections. */
	ctx->count_lazy = false;
	return ret;
}

static int lb_purge(struct lb_run_ctx *ctx, unsigned long first,
		    unsigned long nr)
{
	vm_unmap_aliases();
	return 0;
}

/*
 * vfree/vunmap/vm_unmap_ram leave the TLB flush and the KASAN shadow
 * depopulate to a purge that a kworker runs later, polluting whatever
 * sample runs then. Purge here instead, timed, in the RUN's mode.
 */
int lb_timed_purge(struct lb_run_ctx *ctx, u64 *ns)
{
	int ret;

	*ns = 0;
	ret = lb_section(ctx, lb_purge, 0, 0, ns);
	lazybench_marker_sum();
	return ret;
}

void lb_count_lazy(struct lb_run_ctx *ctx, unsigned long addr,
		   unsigned long nr)
{
	unsigned long end = addr + (nr << PAGE_SHIFT), next, n;

	/* Paused (off, paused): the kernel's enable is a no-op. */
	if (!ctx->count_lazy || ctx->mode == LAZYBENCH_MODE_OFF ||
	    ctx->mode == LAZYBENCH_MODE_PAUSED)
		return;
	for (; addr < end; addr = next) {
		next = pmd_addr_end(addr, end);
		n = (next - addr) >> PAGE_SHIFT;
		ctx->rep.lazy_sections++;
		ctx->rep.lazy_ptes += n;
		ctx->rep.max_ptes_per_section =
			max_t(u32, ctx->rep.max_ptes_per_section, n);
	}
}

int lb_case_available(const struct lb_kwl *wl, u32 variant, u32 mode,
		      char *reason, size_t len)
{
	int ret;

	if (wl->ops->available) {
		ret = wl->ops->available(variant, reason, len);
		if (ret)
			return ret;
	}
	return lb_mode_available(wl, variant, mode, reason, len);
}

#define LB_FAIL(ret, r, ...) ({ \
	snprintf((r)->reason, sizeof((r)->reason), __VA_ARGS__); \
	ret; \
})

/* Caps on the whole RUN: its PTE writes and its injected delay. */
static int lb_run_validate_work(struct lazybench_run *r,
				const struct lb_kwl *wl, u32 total_reps)
{
	u64 work = r->pages * total_reps;
	u64 delay = (u64)r->delay_ns * DIV_ROUND_UP(r->pages, r->batch) *
		    wl->nr_metrics * total_reps;

	if (work > LB_MAX_WORK)
		return LB_FAIL(-E2BIG, r,
			       "pages x (reps + warmup) = %llu above the limit %llu",
			       work, LB_MAX_WORK);
	if (delay > LB_MAX_DELAY_TOTAL_NS)
		return LB_FAIL(-E2BIG, r,
			       "delay_ns x sections x passes x (reps + warmup) = %llu ns above the limit %llu ns",
			       delay, LB_MAX_DELAY_TOTAL_NS);
	return 0;
}

/* The user buffers: samples, and rep_info when given. */
static int lb_run_validate_out(struct lazybench_run *r, u32 nr_metrics)
{
	u64 entries = (u64)r->reps * nr_metrics;

	if (r->flags & (LAZYBENCH_RUN_DRY | LAZYBENCH_RUN_BASELINE))
		return 0;
	if (r->samples_len < entries)
		return LB_FAIL(-EINVAL, r,
			       "samples_len %u below reps x %u metrics",
			       r->samples_len, nr_metrics);
	if (!access_ok(u64_to_user_ptr(r->samples), entries * sizeof(u64)))
		return LB_FAIL(-EFAULT, r, "samples is not writable");
	if (!r->rep_info)
		return 0;
	if (r->rep_info_len < r->reps)
		return LB_FAIL(-EINVAL, r, "rep_info_len %u below reps %u",
			       r->rep_info_len, r->reps);
	if (!access_ok(u64_to_user_ptr(r->rep_info),
		       (u64)r->reps * sizeof(struct lazybench_rep)))
		return LB_FAIL(-EFAULT, r, "rep_info is not writable");
	return 0;
}

/* Field checks: -EINVAL for what is malformed, -E2BIG for what is too large. */
static int lb_run_validate(struct lazybench_run *r, u32 usize,
			   const struct lb_kwl **wlp, u32 *nr_metrics)
{
	const struct lb_kwl *wl = lb_workload_get(r->workload);
	u64 max_pages = lb_max_pages();
	u32 total_reps;
	int ret;

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
	ret = lb_run_validate_work(r, wl, total_reps);
	if (ret)
		return ret;
	if (!wl->needs_vma && r->addr)
		return LB_FAIL(-EINVAL, r, "%s takes no addr", wl->name);
	if (wl->needs_vma && !r->addr)
		return LB_FAIL(-EINVAL, r,
			       "%s needs addr, an mmap() of /dev/lazybench",
			       wl->name);
	*nr_metrics = wl->nr_metrics;
	if (usize < LAZYBENCH_RUN_SIZE_VER2 && wl->ops->has_purge)
		(*nr_metrics)--;
	ret = lb_run_validate_out(r, *nr_metrics);
	if (ret)
		return ret;
	*wlp = wl;
	return 0;
}

/*
 * With mmap_lock held: is the claimed mapping still at ctx->addr? Another
 * thread may have unmapped or moved it while the lock was free (between
 * repetitions it maps no page, so that is harmless). Sets ctx->vma, or
 * NULL when it went away.
 */
static bool lb_run_refind(struct lb_run_ctx *ctx)
{
	struct vm_area_struct *vma;

	vma = ctx->vma ? vma_lookup(ctx->mm, ctx->addr) : NULL;
	if (vma && vma->vm_ops == &lb_vm_ops &&
	    vma->vm_private_data == ctx->vma_priv &&
	    vma->vm_start == ctx->addr && vma_pages(vma) == ctx->pages &&
	    (vma->vm_flags & VM_READ)) {
		ctx->vma = vma;
		return true;
	}
	ctx->vma = NULL;
	return false;
}

/*
 * VMA workloads: take mmap_lock for read and find the mapping again.
 * Nothing to do for the other workloads. @killable: give up on a fatal
 * signal or a vanished mapping (not for the teardown, which must run and
 * skips a vanished mapping).
 */
static int lb_run_lock(struct lb_run_ctx *ctx, bool killable)
{
	if (!ctx->wl->needs_vma)
		return 0;
	if (!killable)
		mmap_read_lock(ctx->mm);
	else if (mmap_read_lock_killable(ctx->mm))
		return -EINTR;
	if (lb_run_refind(ctx) || !killable)
		return 0;
	mmap_read_unlock(ctx->mm);
	snprintf(ctx->reason, LAZYBENCH_REASON_LEN,
		 "the mapping was unmapped, moved or made unreadable during the RUN");
	return -ENXIO;
}

static void lb_run_unlock(struct lb_run_ctx *ctx)
{
	if (ctx->wl->needs_vma)
		mmap_read_unlock(ctx->mm);
}

/* One repetition: the empty pass, then the workload's passes. */
static int lb_run_one(struct lb_run_ctx *ctx, u64 *ns)
{
	int ret;

	memset(&ctx->rep, 0, sizeof(ctx->rep));
	ctx->rep.sections = lb_nr_sections(ctx);
	ret = lb_run_lock(ctx, true);
	if (ret)
		return ret;
	ret = lb_timed_sections(ctx, NULL, &ctx->rep.empty_ns);
	if (!ret) {
		ctx->count_lazy = true;
		ret = ctx->wl->ops->rep(ctx, ns);
		ctx->count_lazy = false;
	}
	lb_run_unlock(ctx);
	if (ctx->rep.csw)
		ctx->rep.flags |= LAZYBENCH_REP_CSW;
	if (ctx->rep.irqs)
		ctx->rep.flags |= LAZYBENCH_REP_IRQ;
	return ret;
}

/*
 * Setup, warmup + timed repetitions, teardown. Timings of the timed ones
 * into @samples (ctx->nr_metrics each), their accounting into @reps;
 * *done counts them. A BASELINE RUN only sets up and tears down.
 */
static int lb_run_reps(struct lb_run_ctx *ctx, const struct lazybench_run *r,
		       u64 *samples, struct lazybench_rep *reps, u32 *done)
{
	u64 ns[LAZYBENCH_MAX_METRICS];
	u32 i, t;
	int ret;

	ret = lb_run_lock(ctx, true);
	if (ret)
		return ret;
	ret = ctx->wl->ops->setup(ctx);
	lb_run_unlock(ctx);
	if (ret)
		return ret;
	if (r->flags & LAZYBENCH_RUN_BASELINE)
		goto teardown;
	for (i = 0; i < r->warmup + r->reps; i++) {
		memset(ns, 0, sizeof(ns));
		ret = lb_run_one(ctx, ns);
		if (ret)
			break;
		if (i >= r->warmup) {
			t = i - r->warmup;
			memcpy(&samples[(u64)t * ctx->nr_metrics], ns,
			       ctx->nr_metrics * sizeof(u64));
			reps[t] = ctx->rep;
			(*done)++;
		}
		cond_resched();
	}
teardown:
	/* Not killable: the teardown must run (it skips a vanished VMA). */
	lb_run_lock(ctx, false);
	ctx->wl->ops->teardown(ctx);
	lb_run_unlock(ctx);
	return ret;
}

static int lb_run_on_vma(struct lb_run_ctx *ctx, struct lazybench_run *r,
			 u64 *samples, struct lazybench_rep *reps, u32 *done)
{
	int ret;

	ctx->mm = current->mm;
	if (!ctx->mm)
		return LB_FAIL(-EINVAL, r, "no user address space");
	if (mmap_read_lock_killable(ctx->mm))
		return -EINTR;
	ret = lb_vma_claim(ctx, r->addr);
	mmap_read_unlock(ctx->mm);
	if (ret)
		return ret;
	ret = lb_run_reps(ctx, r, samples, reps, done);
	lb_vma_unclaim(ctx);
	return ret;
}

/* Copy the timed repetitions done (all of them, or those before -EINTR). */
static int lb_run_copy_out(const struct lazybench_run *r, const u64 *samples,
			   const struct lazybench_rep *reps, u32 nr_metrics,
			   u32 done)
{
	if (copy_to_user(u64_to_user_ptr(r->samples), samples,
			 (u64)done * nr_metrics * sizeof(u64)))
		return -EFAULT;
	if (r->rep_info &&
	    copy_to_user(u64_to_user_ptr(r->rep_info), reps,
			 (u64)done * sizeof(*reps)))
		return -EFAULT;
	return 0;
}

static int lb_run_execute(const struct lb_kwl *wl, struct lazybench_run *r,
			  u32 nr_metrics)
{
	struct lb_run_ctx ctx = {
		.wl = wl,
		.variant = r->variant,
		.mode = r->mode,
		.delay_ns = r->delay_ns,
		.nr_metrics = nr_metrics,
		.pages = r->pages,
		.batch = r->batch,
		.reason = r->reason,
	};
	u64 ops = r->pages * ((u64)r->reps + r->warmup);
	struct lazybench_rep *reps;
	u64 *samples;
	int ret, check, mode_check;

	/* The pages the PTEs or mappings point at, plus one dummy page. */
	if (lb_pages_reserve(r->pages + 1))
		return LB_FAIL(-ENOMEM, r,
			       "runs in flight already hold most of the page limit");
	samples = kvcalloc((u64)r->reps * nr_metrics, sizeof(u64), GFP_KERNEL);
	reps = kvcalloc(r->reps, sizeof(*reps), GFP_KERNEL);
	if (!samples || !reps) {
		ret = LB_FAIL(-ENOMEM, r, "out of memory for %u repetitions",
			      r->reps);
		goto free;
	}
	if (wl->needs_vma)
		ret = lb_run_on_vma(&ctx, r, samples, reps, &r->reps_done);
	else
		ret = lb_run_reps(&ctx, r, samples, reps, &r->reps_done);
	r->mode_check = ctx.mode_check;
	if (ret == -EINTR) {
		snprintf(r->reason, sizeof(r->reason),
			 "interrupted by a signal after %u of %u timed repetitions",
			 r->reps_done, r->reps);
		if (lb_run_copy_out(r, samples, reps, nr_metrics,
				    r->reps_done))
			ret = -EFAULT;
		goto free;
	}
	if (ret || (r->flags & LAZYBENCH_RUN_BASELINE))
		goto free;
	check = lb_check_eval(&ctx, ops, &r->check);
	mode_check = lb_check_mode_eval(&ctx);
	r->mode_check = ctx.mode_check;
	ret = lb_run_copy_out(r, samples, reps, nr_metrics, r->reps_done);
	if (!ret)
		ret = check ? check : mode_check;
free:
	kvfree(reps);
	kvfree(samples);
	lb_pages_release(r->pages + 1);
	return ret;
}

long lb_ioctl_run(void __user *uarg)
{
	const struct lb_kwl *wl = NULL;
	struct lazybench_run r;
	u32 usize, nr_metrics = 0;
	int ret;

	BUILD_BUG_ON(sizeof(r) != LAZYBENCH_RUN_SIZE_VER2);
	ret = lb_copy_struct_in(&r, sizeof(r), LAZYBENCH_RUN_SIZE_VER1, uarg);
	if (ret)
		return ret;
	usize = r.size;
	/* Output fields: whatever the caller left there is overwritten. */
	r.nr_metrics = 0;
	r.reps_done = 0;
	memset(&r.check, 0, sizeof(r.check));
	memset(&r.mode_check, 0, sizeof(r.mode_check));
	memset(r.reason, 0, sizeof(r.reason));

	ret = lb_run_validate(&r, usize, &wl, &nr_metrics);
	if (!ret) {
		r.nr_metrics = nr_metrics;
		ret = lb_case_available(wl, r.variant, r.mode, r.reason,
					sizeof(r.reason));
	}
	if (!ret && !(r.flags & LAZYBENCH_RUN_DRY))
		ret = lb_run_execute(wl, &r, nr_metrics);
	if (lb_copy_struct_out(uarg, &r, sizeof(r), usize))
		return -EFAULT;
	return ret;
}
