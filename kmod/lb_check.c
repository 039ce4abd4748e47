// SPDX-License-Identifier: GPL-2.0
/*
 * State self-checks. Every workload, every mode: around every section the
 * module opens, the calling task must be in the state the mode claims and
 * neutral after it (lb_check_mode_*). Where the module's own callback writes
 * a PTE, also record whether the lazy MMU mode was active at that write (and
 * after resuming, for the callbacks that pause as KASAN does). A mismatch
 * fails the run.
 */
#include <linux/kernel.h>

#include "lb.h"

#define LB_EXPECT_NO_RESUME 2

void lb_check_write(struct lb_run_ctx *ctx)
{
	if (!ctx->recording)
		return;
	ctx->check.writes++;
	if (lb_lazy_active())
		ctx->check.active_at_write++;
}

void lb_check_resumed(struct lb_run_ctx *ctx)
{
	if (!ctx->recording)
		return;
	ctx->check.resumes++;
	if (lb_lazy_active())
		ctx->check.active_after_resume++;
}

/* Is the calling task in the lazy MMU state @mode claims? */
static bool lb_in_mode_state(u32 mode)
{
	bool active = lb_lazy_active();
	u8 e, p;

	lb_task_state(&e, &p);
	switch (mode) {
	case LAZYBENCH_MODE_ON:
		/* The kernel's own sections open inside the call. */
		return e == 0 && p == 0 && !active;
	case LAZYBENCH_MODE_OFF:
		return e == 0 && p == 1 && !active;
	case LAZYBENCH_MODE_NESTED:
		return e == 1 && p == 0 && active;
	case LAZYBENCH_MODE_PAUSED:
		return e == 1 && p == 1 && !active;
	default:
		return false;
	}
}

void lb_check_mode_entered(struct lb_run_ctx *ctx)
{
	if (!lb_lazy_state_known())
		return;
	ctx->mode_check.sections++;
	if (lb_in_mode_state(ctx->mode))
		ctx->mode_check.claimed_at_entry++;
}

void lb_check_mode_leaving(struct lb_run_ctx *ctx)
{
	if (lb_lazy_state_known() && lb_in_mode_state(ctx->mode))
		ctx->mode_check.claimed_at_exit++;
}

void lb_check_mode_left(struct lb_run_ctx *ctx)
{
	if (lb_lazy_state_known() && lb_in_mode_state(LAZYBENCH_MODE_ON))
		ctx->mode_check.neutral_after++;
}

/* The mode check of every section; -EPROTO (reason filled) on a miss. */
int lb_check_mode_eval(struct lb_run_ctx *ctx)
{
	struct lazybench_mode_check *m = &ctx->mode_check;

	if (!lb_lazy_state_known()) {
		m->result = LAZYBENCH_CHECK_UNAVAILABLE;
		return 0;
	}
	if (m->sections && m->claimed_at_entry == m->sections &&
	    m->claimed_at_exit == m->sections &&
	    m->neutral_after == m->sections) {
		m->result = LAZYBENCH_CHECK_PASSED;
		return 0;
	}
	snprintf(ctx->reason, LAZYBENCH_REASON_LEN,
		 "mode check failed: of %llu sections %llu in the mode's state at entry, %llu at exit, %llu neutral after",
		 m->sections, m->claimed_at_entry, m->claimed_at_exit,
		 m->neutral_after);
	m->result = LAZYBENCH_CHECK_FAILED;
	return -EPROTO;
}

/* Does the callback of this workload pause around its PTE write? */
static bool lb_check_pauses(const struct lb_run_ctx *ctx)
{
	return ctx->wl->id == LAZYBENCH_WL_DEPOPULATE ||
	       ctx->variant == LAZYBENCH_VARIANT_KASAN;
}

static bool lb_counts_match(u64 active, u64 total, u32 expect)
{
	return expect ? active == total : active == 0;
}

/*
 * @ops: PTE writes the callback must have made (pages x repetitions).
 * populate/prealloc: active at the write in on/nested, inactive in
 * off/paused. populate/kasan and depopulate: inactive at the write (the
 * callback paused), active again after resume in on/nested.
 */
int lb_check_eval(const struct lb_run_ctx *ctx, u64 ops,
		  struct lazybench_state_check *out)
{
	const struct lb_check_counts *c = &ctx->check;
	bool outer_active = ctx->mode == LAZYBENCH_MODE_ON ||
			    ctx->mode == LAZYBENCH_MODE_NESTED;
	bool pauses = lb_check_pauses(ctx);

	memset(out, 0, sizeof(*out));
	if (!ctx->wl->needs_vma || ctx->wl->id == LAZYBENCH_WL_ZAP) {
		out->result = LAZYBENCH_CHECK_NOT_APPLICABLE;
		return 0;
	}
	out->writes = c->writes;
	out->active_at_write = c->active_at_write;
	out->resumes = c->resumes;
	out->active_after_resume = c->active_after_resume;
	out->expect_at_write = pauses ? 0 : outer_active;
	out->expect_after_resume = pauses ? outer_active : LB_EXPECT_NO_RESUME;
	if (!lb_lazy_state_known()) {
		out->result = LAZYBENCH_CHECK_UNAVAILABLE;
		snprintf(ctx->reason, LAZYBENCH_REASON_LEN,
			 "state check unavailable: this kernel has no is_lazy_mmu_mode_active() (API before 7.0, or no CONFIG_ARCH_HAS_LAZY_MMU_MODE)");
		return 0;
	}
	if (c->writes != ops) {
		snprintf(ctx->reason, LAZYBENCH_REASON_LEN,
			 "state check failed: %llu PTE writes, expected %llu",
			 c->writes, ops);
		goto failed;
	}
	if (!lb_counts_match(c->active_at_write, c->writes,
			     out->expect_at_write)) {
		snprintf(ctx->reason, LAZYBENCH_REASON_LEN,
			 "state check failed: mode active at %llu of %llu PTE writes, expected %s",
			 c->active_at_write, c->writes,
			 out->expect_at_write ? "all" : "none");
		goto failed;
	}
	if (pauses && (c->resumes != ops ||
		       !lb_counts_match(c->active_after_resume, c->resumes,
					out->expect_after_resume))) {
		snprintf(ctx->reason, LAZYBENCH_REASON_LEN,
			 "state check failed: mode active after %llu of %llu resumes (expected %s of %llu)",
			 c->active_after_resume, c->resumes,
			 out->expect_after_resume ? "all" : "none", ops);
		goto failed;
	}
	out->result = LAZYBENCH_CHECK_PASSED;
	return 0;
failed:
	out->result = LAZYBENCH_CHECK_FAILED;
	return -EPROTO;
}
