# `list` and `env` on this machine: the workloads, modes and counters with reasons; env --json
# is valid JSON with every field the issue lists and agrees with the kernel.
source "$LB_SOURCE_DIR/tests/integration/lib.sh"

expect_status "list" 0 "$LB" list
for w in mprotect fork munmap mremap madvise; do
	grep -qE "^  $w +syscall" out.txt || fail "list lacks workload $w"
done
echo "ok: list shows the five syscall workloads"
if [ ! -e /dev/lazybench ]; then
	grep -qiE "mode off +unavailable: .*module" out.txt ||
		fail "list does not give the module as the reason for mode off"
fi
case $(uname -m) in
x86_64 | i?86)
	grep -qE "^  tlb_flush\.remote_ipi_send +cpu +tlb:tlb_flush\[reason == 4\] +available" out.txt ||
		fail "list: tlb_flush reason 4 not available (tracefs?)"
	echo "ok: list shows tlb_flush.remote_ipi_send available"
	;;
*)
	grep -qE "^  tlb_flush +thread +tlb:tlb_flush +(available|unavailable: [A-Z]+ .+)" out.txt ||
		fail "list: tlb_flush neither available nor given a reason"
	;;
esac
if [ ! -e /sys/bus/event_source/devices/cpu ] && [ ! -e /sys/bus/event_source/devices/armv8_pmuv3_0 ]; then
	grep -qE "^  cycles +thread +cycles +unavailable: ENOENT hardware event not supported here \(no PMU" out.txt ||
		fail "list: cycles should be unavailable for lack of a PMU"
	echo "ok: list shows cycles unavailable (no PMU)"
fi
expect_status "list --events unknown" 0 "$LB" list --events no_such_event_xyz
grep -q "no_such_event_xyz .*unavailable: ENOENT event not known to libpfm4" out.txt ||
	fail "unknown event not reported as unknown to libpfm4"
echo "ok: unknown event reported"

expect_status "env --json" 0 "$LB" env --json
jq -e . out.txt >/dev/null || fail "env --json is not JSON"
E=out.txt
expect_eq "kernel release" "$(jq -r .kernel.release $E)" "$(uname -r)"
expect_eq "arch" "$(jq -r .arch $E)" "$(uname -m)"
expect_eq "cpu_count" "$(jq .cpu_count $E)" "$(nproc --all)"
expect_eq "cmdline" "$(jq -r .kernel.cmdline $E)" "$(cat /proc/cmdline)"
for k in cpu_model topology numa_nodes smt governor thp virtualization kconfig mmu module \
	clocksource clock_resolution_ns page_size; do
	jq -e "has(\"$k\")" $E >/dev/null || fail "env lacks $k"
done
echo "ok: env has every field"
expect_eq "clocksource" "$(jq -r .clocksource $E)" \
	"$(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)"
expect_eq "kconfig items" "$(jq '.kconfig.items | length' $E)" 9
if [ -r /proc/config.gz ]; then
	want=$(zcat /proc/config.gz | sed -n 's/^CONFIG_PARAVIRT_XXL=//p')
	[ -n "$want" ] || want=$(zcat /proc/config.gz | grep -c '^# CONFIG_PARAVIRT_XXL is not set' |
		sed 's/^1$/n/; s/^0$/absent/')
	expect_eq "PARAVIRT_XXL as in /proc/config.gz" "$(jq -r .kconfig.items.PARAVIRT_XXL $E)" "$want"
	# lazy TLB: shootdown when selected, else refcount (the option exists since 6.2)
	cfg=$(zcat /proc/config.gz)
	if grep -qx 'CONFIG_MMU_LAZY_TLB_SHOOTDOWN=y' <<<"$cfg"; then
		want=shootdown
	elif grep -qx 'CONFIG_MMU_LAZY_TLB_REFCOUNT=y' <<<"$cfg"; then
		want=refcount
	else
		want="refcount (kernel predates the options)"
	fi
	expect_eq "lazy_tlb as in /proc/config.gz" "$(jq -r .lazy_tlb $E)" "$want"
fi
if [ ! -e /proc/modules ]; then
	expect_eq "module" "$(jq .module.loaded $E)" false
fi
expect_status "env with VM bed variables" 0 env LAZYBENCH_CLOCKSOURCE=jiffies \
	LAZYBENCH_KERNEL_PKG=linux-source-7.2_7.2.13-1 "$LB" env --json
expect_eq "vm_bed clocksource" "$(jq -r .vm_bed.LAZYBENCH_CLOCKSOURCE out.txt)" jiffies
expect_eq "vm_bed kernel pkg" "$(jq -r .vm_bed.LAZYBENCH_KERNEL_PKG out.txt)" \
	linux-source-7.2_7.2.13-1
expect_status "env text" 0 "$LB" env
grep -q "^virtualization.type" out.txt || fail "env text lacks virtualization"
expect_status "list placements" 0 "$LB" list
for p in smt l2 llc package numa; do
	grep -qE "^  $p +(available \(CPU [0-9]+\)|unavailable: remote placement $p .+)" out.txt ||
		fail "list: placement $p neither available nor refused with a reason"
done
echo "ok: list shows every placement with a CPU or a reason"
if [ "$(nproc)" -ge 2 ]; then
	grep -qE "^  (smt|l2|llc|package|numa) +available" out.txt ||
		fail "list: no placement available on a machine with $(nproc) CPUs"
fi
