// SPDX-License-Identifier: GPL-2.0
/*
 * TASK_LAZY: pause the lazy MMU mode of the calling task across return to
 * userspace, so that its real mprotect/fork/munmap/mremap/madvise calls run
 * with the mode off. Nothing checks the state on return to userspace or at
 * context switch; a pause with enable_count 0 makes no arch call, so it is
 * safe on every arch (unlike leaving a task *enabled*, which disables
 * preemption on powerpc hash and sparc).
 *
 * Lifetime of a pause (docs/kmod.md, "TASK_LAZY"):
 *  - it belongs to the thread that asked for it, and ends with ON from that
 *    thread, with an exec() by it, or with its exit;
 *  - a task created by a paused thread (fork, vfork, clone, pthread_create)
 *    starts unpaused: fork copies task_struct, so the sched_process_fork
 *    probe undoes the copied pause before the child first runs;
 *  - every paused task holds a reference on the module: rmmod is refused
 *    (EBUSY) while one exists, so no pause outlives the module that can
 *    resume it.
 * The probes need tracepoints (CONFIG_TRACEPOINTS); without them OFF is
 * refused. Kernel-internal task creation that bypasses kernel_clone()
 * (io_uring workers, vhost tasks) is not traced: those inherit the pause and
 * run with the mode off, which is safe.
 */
#include <linux/list.h>
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/tracepoint.h>

#include "lb.h"
#include "lb_compat.h"

/* Pauses need the nesting API, an arch that implements it and the probes. */
#if LB_GEN != LB_GEN_NESTING
#define LB_TASK_PAUSE 0
#elif defined(CONFIG_ARCH_HAS_LAZY_MMU_MODE) && defined(CONFIG_TRACEPOINTS)
#define LB_TASK_PAUSE 1
#else
#define LB_TASK_PAUSE 0
#endif

struct linux_binprm;

struct lb_paused_task {
	struct list_head node;
	/* Freed from the probes, where preemption is disabled. */
	struct rcu_head rcu;
	/* No reference: the entry goes at the task's exit (probe below). */
	struct task_struct *task;
};

static LIST_HEAD(lb_paused);
/* Taken in the probes, which run with preemption disabled. */
static DEFINE_RAW_SPINLOCK(lb_paused_lock);
static unsigned int lb_nr_paused;
/* All three probes are registered: pauses can be given. */
static bool lb_probes_ready;

static struct lb_paused_task *lb_find(struct task_struct *task)
{
	struct lb_paused_task *p;

	lockdep_assert_held(&lb_paused_lock);
	list_for_each_entry(p, &lb_paused, node)
		if (p->task == task)
			return p;
	return NULL;
}

/* Remove @task's entry; the caller frees it and drops the module reference. */
static struct lb_paused_task *lb_take(struct task_struct *task)
{
	struct lb_paused_task *p;
	unsigned long flags;

	if (!READ_ONCE(lb_nr_paused))
		return NULL;
	raw_spin_lock_irqsave(&lb_paused_lock, flags);
	p = lb_find(task);
	if (p) {
		list_del(&p->node);
		WRITE_ONCE(lb_nr_paused, lb_nr_paused - 1);
	}
	raw_spin_unlock_irqrestore(&lb_paused_lock, flags);
	return p;
}

static void lb_forget(struct lb_paused_task *p)
{
	kfree_rcu(p, rcu);
	module_put(THIS_MODULE);
}

bool lb_task_paused_by_module(struct task_struct *task)
{
	unsigned long flags;
	bool found;

	raw_spin_lock_irqsave(&lb_paused_lock, flags);
	found = lb_find(task);
	raw_spin_unlock_irqrestore(&lb_paused_lock, flags);
	return found;
}

#if LB_TASK_PAUSE
/* A task created by a paused thread: undo the pause it copied. */
static void lb_probe_fork(void *data, struct task_struct *parent,
			  struct task_struct *child)
{
	unsigned long flags;
	bool paused;

	if (!READ_ONCE(lb_nr_paused))
		return;
	raw_spin_lock_irqsave(&lb_paused_lock, flags);
	paused = lb_find(parent);
	raw_spin_unlock_irqrestore(&lb_paused_lock, flags);
	/* Not running yet, enable_count 0: no arch call, nobody else writes. */
	if (paused && child->lazy_mmu_state.pause_count)
		__task_lazy_mmu_mode_resume(child);
}

/* exec ends the pause: the new program starts with the mode as usual. */
static void lb_probe_exec(void *data, struct task_struct *p, pid_t old_pid,
			  struct linux_binprm *bprm)
{
	struct lb_paused_task *e = lb_take(p);

	if (!e)
		return;
	lazy_mmu_mode_resume();
	lb_forget(e);
}

#ifdef LB_EXIT_TP_GROUP_DEAD
static void lb_probe_exit(void *data, struct task_struct *p, bool group_dead)
#else
static void lb_probe_exit(void *data, struct task_struct *p)
#endif
{
	struct lb_paused_task *e = lb_take(p);

	/* The state dies with the task; forget it now, not at the next call. */
	if (e)
		lb_forget(e);
}

static struct {
	const char *name;
	void *probe;
	struct tracepoint *tp;
} lb_probes[] = {
	{ "sched_process_fork", lb_probe_fork },
	{ "sched_process_exec", lb_probe_exec },
	{ "sched_process_exit", lb_probe_exit },
};

static void lb_find_tp(struct tracepoint *tp, void *priv)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(lb_probes); i++)
		if (!strcmp(tp->name, lb_probes[i].name))
			lb_probes[i].tp = tp;
}

static void lb_probes_unregister(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(lb_probes); i++) {
		if (lb_probes[i].tp)
			tracepoint_probe_unregister(lb_probes[i].tp,
						    lb_probes[i].probe, NULL);
		lb_probes[i].tp = NULL;
	}
	tracepoint_synchronize_unregister();
}

/* Module init: without all three probes, OFF is refused. */
void lb_task_init(void)
{
	unsigned int i;

	for_each_kernel_tracepoint(lb_find_tp, NULL);
	for (i = 0; i < ARRAY_SIZE(lb_probes); i++) {
		if (!lb_probes[i].tp ||
		    tracepoint_probe_register(lb_probes[i].tp,
					      lb_probes[i].probe, NULL)) {
			lb_probes[i].tp = NULL;
			lb_probes_unregister();
			pr_warn("lazybench: tracepoint %s unavailable: TASK_LAZY off refused\n",
				lb_probes[i].name);
			return;
		}
	}
	lb_probes_ready = true;
}
#else
void lb_task_init(void)
{
}

static void lb_probes_unregister(void)
{
}
#endif /* LB_TASK_PAUSE */

static int lb_task_off(char *reason)
{
	struct lb_paused_task *p;
	unsigned long flags;

	p = kzalloc_obj(*p);
	if (!p)
		return -ENOMEM;
	/* Our own fd pins the module: this cannot fail. */
	__module_get(THIS_MODULE);
	raw_spin_lock_irqsave(&lb_paused_lock, flags);
	if (lb_find(current)) {
		raw_spin_unlock_irqrestore(&lb_paused_lock, flags);
		lb_forget(p);
		snprintf(reason, LAZYBENCH_REASON_LEN,
			 "this task is already paused by lazybench");
		return -EALREADY;
	}
	lb_lazy_pause();
	p->task = current;
	list_add(&p->node, &lb_paused);
	WRITE_ONCE(lb_nr_paused, lb_nr_paused + 1);
	raw_spin_unlock_irqrestore(&lb_paused_lock, flags);
	return 0;
}

static int lb_task_on(char *reason)
{
	struct lb_paused_task *p = lb_take(current);
	u8 enable_count, pause_count;

	if (!p) {
		snprintf(reason, LAZYBENCH_REASON_LEN,
			 "lazybench did not pause this task");
		return -ENOENT;
	}
	lb_task_state(&enable_count, &pause_count);
	/* Someone else resumed it: resuming again would wrap pause_count. */
	if (pause_count)
		lb_lazy_resume();
	lb_forget(p);
	if (!pause_count) {
		snprintf(reason, LAZYBENCH_REASON_LEN,
			 "pause_count was already 0: something else resumed this task");
		return -EPROTO;
	}
	return 0;
}

/* No section open and no pause in force for the calling task. */
bool lb_task_state_neutral(void)
{
	u8 enable_count, pause_count;

	lb_task_state(&enable_count, &pause_count);
	return !enable_count && !pause_count;
}

static int lb_task_pause_supported(char *reason)
{
	if (lb_mode_generation() != LAZYBENCH_GEN_NESTING ||
	    !lb_lazy_state_known()) {
		snprintf(reason, LAZYBENCH_REASON_LEN,
			 "pausing a task needs the 7.x lazy MMU API on an arch that implements the mode (CONFIG_ARCH_HAS_LAZY_MMU_MODE)");
		return -EOPNOTSUPP;
	}
	if (!lb_probes_ready) {
		snprintf(reason, LAZYBENCH_REASON_LEN,
			 "no sched_process_{fork,exec,exit} tracepoints (CONFIG_TRACEPOINTS): a pause could leak into new tasks");
		return -EOPNOTSUPP;
	}
	return 0;
}

long lb_ioctl_task_lazy(void __user *uarg)
{
	struct lazybench_task_lazy t;
	u32 usize;
	u8 enable_count, pause_count;
	int ret;

	BUILD_BUG_ON(sizeof(t) != LAZYBENCH_TASK_LAZY_SIZE_VER1);
	ret = lb_copy_struct_in(&t, sizeof(t), LAZYBENCH_TASK_LAZY_SIZE_VER1,
				uarg);
	if (ret)
		return ret;
	if (!lb_zero(t.reserved, sizeof(t.reserved)) ||
	    !lb_zero(t.pad, sizeof(t.pad)) ||
	    t.op > LAZYBENCH_TASK_LAZY_QUERY)
		return -EINVAL;
	usize = t.size;
	memset(t.reason, 0, sizeof(t.reason));

	if (t.op != LAZYBENCH_TASK_LAZY_QUERY)
		ret = lb_task_pause_supported(t.reason);
	if (!ret && t.op == LAZYBENCH_TASK_LAZY_OFF)
		ret = lb_task_off(t.reason);
	else if (!ret && t.op == LAZYBENCH_TASK_LAZY_ON)
		ret = lb_task_on(t.reason);
	lb_task_state(&enable_count, &pause_count);
	t.enable_count = enable_count;
	t.pause_count = pause_count;
	t.paused_by_module = lb_task_paused_by_module(current);
	if (lb_copy_struct_out(uarg, &t, sizeof(t), usize))
		return -EFAULT;
	return ret;
}

/*
 * Module unload: a paused task holds a module reference, so the list is
 * empty here; the probes go first so that none runs during the unload.
 */
void lb_task_exit(void)
{
	lb_probes_unregister();
	WARN_ON_ONCE(!list_empty(&lb_paused));
}
