// SPDX-License-Identifier: GPL-2.0
/*
 * TASK_LAZY: pause the lazy MMU mode of the calling task across return to
 * userspace, so that its real mprotect/fork/munmap/mremap/madvise calls run
 * with the mode off. Nothing checks the state on return to userspace or at
 * context switch; a pause with enable_count 0 makes no arch call, so it is
 * safe on every arch (unlike leaving a task *enabled*, which disables
 * preemption on powerpc hash and sparc).
 *
 * The module remembers which tasks it paused and resumes only those: resuming
 * a pause_count of 0 would wrap the u8. A child forked while paused inherits
 * pause_count (fork copies task_struct) but is not on the list, so it stays
 * paused until it exits. Threads are tasks: the pause is per thread.
 */
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>

#include "lb.h"
#include "lb_compat.h"

struct lb_paused_task {
	struct list_head node;
	/* A reference, so that the pointer cannot be reused by a new task. */
	struct task_struct *task;
};

static LIST_HEAD(lb_paused);
static DEFINE_MUTEX(lb_paused_lock);

/* Forget tasks that exited while paused; their state died with them. */
static void lb_prune_exited(void)
{
	struct lb_paused_task *p, *tmp;

	lockdep_assert_held(&lb_paused_lock);
	list_for_each_entry_safe(p, tmp, &lb_paused, node) {
		if (p->task->exit_state || (p->task->flags & PF_EXITING)) {
			list_del(&p->node);
			put_task_struct(p->task);
			kfree(p);
		}
	}
}

static struct lb_paused_task *lb_find(struct task_struct *task)
{
	struct lb_paused_task *p;

	lockdep_assert_held(&lb_paused_lock);
	list_for_each_entry(p, &lb_paused, node)
		if (p->task == task)
			return p;
	return NULL;
}

bool lb_task_paused_by_module(struct task_struct *task)
{
	bool found;

	mutex_lock(&lb_paused_lock);
	found = lb_find(task);
	mutex_unlock(&lb_paused_lock);
	return found;
}

static int lb_task_off(char *reason)
{
	struct lb_paused_task *p;

	p = kzalloc_obj(*p);
	if (!p)
		return -ENOMEM;
	mutex_lock(&lb_paused_lock);
	lb_prune_exited();
	if (lb_find(current)) {
		mutex_unlock(&lb_paused_lock);
		kfree(p);
		snprintf(reason, LAZYBENCH_REASON_LEN,
			 "this task is already paused by lazybench");
		return -EALREADY;
	}
	lb_lazy_pause();
	get_task_struct(current);
	p->task = current;
	list_add(&p->node, &lb_paused);
	mutex_unlock(&lb_paused_lock);
	return 0;
}

static int lb_task_on(char *reason)
{
	struct lb_paused_task *p;
	u8 enable_count, pause_count;

	mutex_lock(&lb_paused_lock);
	p = lb_find(current);
	if (!p) {
		mutex_unlock(&lb_paused_lock);
		snprintf(reason, LAZYBENCH_REASON_LEN,
			 "lazybench did not pause this task (a forked child inherits the pause but cannot resume it)");
		return -ENOENT;
	}
	list_del(&p->node);
	lb_task_state(&enable_count, &pause_count);
	/* Someone else resumed it: resuming again would wrap pause_count. */
	if (pause_count)
		lb_lazy_resume();
	mutex_unlock(&lb_paused_lock);
	put_task_struct(p->task);
	kfree(p);
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

static bool lb_task_pause_supported(void)
{
	return lb_mode_generation() == LAZYBENCH_GEN_NESTING &&
	       lb_lazy_state_known();
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

	if (t.op != LAZYBENCH_TASK_LAZY_QUERY &&
	    (!lb_task_pause_supported())) {
		snprintf(t.reason, sizeof(t.reason),
			 "pausing a task needs the 7.x lazy MMU API on an arch that implements the mode (CONFIG_ARCH_HAS_LAZY_MMU_MODE)");
		ret = -EOPNOTSUPP;
	} else if (t.op == LAZYBENCH_TASK_LAZY_OFF) {
		ret = lb_task_off(t.reason);
	} else if (t.op == LAZYBENCH_TASK_LAZY_ON) {
		ret = lb_task_on(t.reason);
	}
	lb_task_state(&enable_count, &pause_count);
	t.enable_count = enable_count;
	t.pause_count = pause_count;
	t.paused_by_module = lb_task_paused_by_module(current);
	if (lb_copy_struct_out(uarg, &t, sizeof(t), usize))
		return -EFAULT;
	return ret;
}

/* Module unload: drop our references; paused tasks stay paused until exit. */
void lb_task_exit(void)
{
	struct lb_paused_task *p, *tmp;
	unsigned int still = 0;

	mutex_lock(&lb_paused_lock);
	list_for_each_entry_safe(p, tmp, &lb_paused, node) {
		if (!p->task->exit_state)
			still++;
		list_del(&p->node);
		put_task_struct(p->task);
		kfree(p);
	}
	mutex_unlock(&lb_paused_lock);
	if (still)
		pr_info("lazybench: %u task(s) stay paused until they exit\n",
			still);
}
