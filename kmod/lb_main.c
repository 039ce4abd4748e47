// SPDX-License-Identifier: GPL-2.0
/*
 * lazybench.ko: page-table workloads run with the lazy MMU mode on, off,
 * nested or paused, driven through /dev/lazybench (see uapi/lazybench.h).
 */
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

#include "lb.h"

/* The node is 0600, but its mode can be changed: check the capability too. */
static int lb_open(struct inode *inode, struct file *file)
{
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	return 0;
}

static const struct file_operations lb_fops = {
	/* An open fd pins the module: rmmod during a RUN gets -EBUSY. */
	.owner = THIS_MODULE,
	.open = lb_open,
	.unlocked_ioctl = lb_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.mmap = lb_mmap,
	.get_unmapped_area = lb_get_unmapped_area,
	.llseek = noop_llseek,
};

static struct miscdevice lb_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "lazybench",
	.fops = &lb_fops,
	.mode = 0600,
};

static int __init lb_init(void)
{
	int ret;

	lb_task_init();
	ret = misc_register(&lb_misc);
	if (ret)
		lb_task_exit();
	return ret;
}

static void __exit lb_exit(void)
{
	misc_deregister(&lb_misc);
	lb_task_exit();
}

module_init(lb_init);
module_exit(lb_exit);

/* powerpc and sparc export their lazy MMU hooks to KUnit only. */
#if defined(CONFIG_PPC) || defined(CONFIG_SPARC64)
#ifdef LB_NS_BARE
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
#else
MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING");
#endif
#endif
MODULE_DESCRIPTION("lazybench: lazy MMU mode microbenchmarks");
MODULE_LICENSE("GPL");
MODULE_VERSION(LB_MODULE_VERSION);
