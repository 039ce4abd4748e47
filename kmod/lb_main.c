// SPDX-License-Identifier: GPL-2.0
/*
 * lazybench.ko: page-table workloads run with the lazy MMU mode on, off,
 * nested or paused, driven through /dev/lazybench (see uapi/lazybench.h).
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

#include "lb.h"

static const struct file_operations lb_fops = {
	/* An open fd pins the module: rmmod during a RUN gets -EBUSY. */
	.owner = THIS_MODULE,
	.unlocked_ioctl = lb_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.mmap = lb_mmap,
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
	return misc_register(&lb_misc);
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
MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING");
#endif
MODULE_DESCRIPTION("lazybench: lazy MMU mode microbenchmarks");
MODULE_LICENSE("GPL");
MODULE_VERSION(LB_MODULE_VERSION);
