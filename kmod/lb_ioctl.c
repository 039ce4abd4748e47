// SPDX-License-Identifier: GPL-2.0
/* ioctl dispatch and the versioned-struct copy rules of uapi/lazybench.h. */
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/uaccess.h>

#include "lb.h"

bool lb_zero(const void *p, size_t len)
{
	return !memchr_inv(p, 0, len);
}

/*
 * Copy a struct whose first __u32 is its size as the caller knows it.
 * Shorter than the first published version: -EINVAL. Longer than ours:
 * the extra bytes must be zero (-E2BIG otherwise), as openat2() does.
 */
int lb_copy_struct_in(void *dst, size_t ksize, size_t min_size,
		      const void __user *src)
{
	u32 usize;

	if (get_user(usize, (const u32 __user *)src))
		return -EFAULT;
	if (usize < min_size)
		return -EINVAL;
	return copy_struct_from_user(dst, ksize, src, usize);
}

/*
 * Copy back as much as the caller's struct holds (@usize, read at copy-in),
 * with the size field set to ours so that the caller learns what it got.
 */
int lb_copy_struct_out(void __user *dst, const void *src, size_t ksize,
		       u32 usize)
{
	if (copy_to_user(dst, src, min_t(size_t, usize, ksize)))
		return -EFAULT;
	if (put_user((u32)ksize, (u32 __user *)dst))
		return -EFAULT;
	return 0;
}

long lb_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	/* Dispatch on type and number only: the structs grow, the commands stay. */
	if (_IOC_TYPE(cmd) != LAZYBENCH_IOC_MAGIC)
		return -ENOTTY;
	switch (_IOC_NR(cmd)) {
	case _IOC_NR(LAZYBENCH_IOC_INFO):
		return lb_ioctl_info(uarg);
	case _IOC_NR(LAZYBENCH_IOC_RUN):
		return lb_ioctl_run(uarg);
	case _IOC_NR(LAZYBENCH_IOC_TASK_LAZY):
		return lb_ioctl_task_lazy(uarg);
	default:
		return -ENOTTY;
	}
}
