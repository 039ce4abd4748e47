# shellcheck shell=bash
# The facts of each guest architecture, in one table, for the vm/ scripts and the vm-tier tests
# (tests/vm/lib.sh). Sourced, never run; defines lb_arch_vars and nothing else.
#
# arch     kernel ARCH; cross prefix ('-': none); Debian arch; boot image; QEMU binary and -M
# machine; TCG -cpu; console; GNU triplet; `readelf -h` Machine; the guest's `uname -m`;
# extra kernel arguments ('-': none). x86_64: under TCG the clocksource watchdog misfires
# ("remote CPU read timed out") and could move a run off the TSC halfway, and QEMU's TSC follows
# the host clock, so trust it; ACPI's AML, interpreted under TCG (and with lockdep/KASAN in
# debug kernels), takes tens of seconds to route PCI interrupts: the PIRQ tables do it.
LB_ARCH_TABLE='
x86_64  x86_64  -                      amd64   arch/x86/boot/bzImage qemu-system-x86_64  pc      max    ttyS0   x86_64-linux-gnu      X86-64    x86_64  tsc=reliable,acpi=noirq
arm64   arm64   aarch64-linux-gnu-     arm64   arch/arm64/boot/Image qemu-system-aarch64 virt    max    ttyAMA0 aarch64-linux-gnu     AArch64   aarch64 -
ppc64le powerpc powerpc64le-linux-gnu- ppc64el vmlinux               qemu-system-ppc64   pseries power9 hvc0    powerpc64le-linux-gnu PowerPC64 ppc64le -
'

# lb_arch_vars ARCH: KARCH CROSS DEBARCH KIMAGE QEMU QEMU_MACHINE QEMU_TCG_CPU CONSOLE
# GNU_TRIPLET ELF_MACHINE UNAME_M KERNEL_ARGS from ARCH's row.
lb_arch_vars() {
	local row
	row=$(awk -v a="$1" '$1 == a' <<<"$LB_ARCH_TABLE")
	if [ -z "$row" ]; then
		printf '%s: unknown arch %s (x86_64, arm64, ppc64le) (see --help)\n' \
			"${LB_PROG:-$(basename "$0")}" "'$1'" >&2
		exit 2
	fi
	read -r _ KARCH CROSS DEBARCH KIMAGE QEMU QEMU_MACHINE QEMU_TCG_CPU CONSOLE GNU_TRIPLET \
		ELF_MACHINE UNAME_M KERNEL_ARGS <<<"$row"
	[ "$CROSS" != - ] || CROSS=''
	if [ "$KERNEL_ARGS" = - ]; then KERNEL_ARGS=''; else KERNEL_ARGS=${KERNEL_ARGS//,/ }; fi
}
