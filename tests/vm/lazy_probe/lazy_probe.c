// SPDX-License-Identifier: GPL-2.0
/*
 * lazy_probe: report what the lazy MMU mode API of the running kernel does, for the VM test
 * bed's tests. On load it walks the sequence of mm/tests/lazy_mmu_mode_kunit.c (enable, nested
 * enable, pause, no-op calls while paused, resume, disable) and logs the value of
 * is_lazy_mmu_mode_active() after each step; the host test compares them with the expected
 * ones. On kernels before the nesting API (stateless generation) it says so and calls the arch
 * enter/leave hooks once, or says that they are not exported to modules (powerpc before 7.0).
 */
#include <linux/module.h>
#include <linux/pgtable.h>
#include <linux/preempt.h>

/* powerpc and sparc export their lazy MMU batch state only to this namespace. */
#ifdef LAZY_PROBE_NS_BARE
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
#else
MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING");
#endif

#ifdef LAZY_PROBE_NESTING
#define LAZY_PROBE_STEPS 11

static int __init lazy_probe_init(void)
{
	char states[2 * LAZY_PROBE_STEPS + 1];
	int n = 0;

#define RECORD() (states[n++] = is_lazy_mmu_mode_active() ? '1' : '0', states[n++] = ',')
	RECORD();			/* before */
	lazy_mmu_mode_enable();
	RECORD();			/* enabled */
	lazy_mmu_mode_enable();
	RECORD();			/* nested enable */
	lazy_mmu_mode_disable();
	RECORD();			/* nested disable */
	lazy_mmu_mode_pause();
	RECORD();			/* paused */
	lazy_mmu_mode_enable();
	RECORD();			/* enable while paused: no effect */
	lazy_mmu_mode_disable();
	RECORD();			/* disable while paused: no effect */
	lazy_mmu_mode_pause();
	RECORD();			/* nested pause */
	lazy_mmu_mode_resume();
	RECORD();			/* nested resume: still paused */
	lazy_mmu_mode_resume();
	RECORD();			/* resumed: active again */
	lazy_mmu_mode_disable();
	RECORD();			/* disabled */
#undef RECORD
	states[n - 1] = '\0';
	pr_info("lazy_probe: generation=nesting states=%s\n", states);
	return 0;
}
#else
#ifdef LAZY_PROBE_HOOKS_UNEXPORTED
static int __init lazy_probe_init(void)
{
	pr_info("lazy_probe: generation=stateless states=none hooks=not-exported\n");
	return 0;
}
#else
static int __init lazy_probe_init(void)
{
	/* Stateless: no query exists; show that the hooks are reachable from a module. */
	preempt_disable();
	arch_enter_lazy_mmu_mode();
	arch_leave_lazy_mmu_mode();
	preempt_enable();
	pr_info("lazy_probe: generation=stateless states=none hooks=called\n");
	return 0;
}
#endif
#endif

static void __exit lazy_probe_exit(void)
{
}

module_init(lazy_probe_init);
module_exit(lazy_probe_exit);
MODULE_DESCRIPTION("Report the lazy MMU mode state transitions of the running kernel");
MODULE_LICENSE("GPL");
