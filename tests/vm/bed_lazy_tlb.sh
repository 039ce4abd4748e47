#!/usr/bin/env bash
# The lazy TLB workloads in the ARCH guest (tests/lazy_tlb/checks.sh): every case complete with
# positive timings, context switches counted, and at the exit of an mm that a remote CPU still
# holds lazily: IPIs (EXPECT=ipis: powerpc's MMU_LAZY_TLB_SHOOTDOWN, x86's page-table-freeing
# flush) or none (EXPECT=no-ipis: arm64's broadcast TLBI, powerpc built with refcounting);
# the control without a lazy user never sends one.
# On ppc64le it also checks which function carried the shootdown (radix: the exit's fullmm
# flush, hash: __mmdrop), and that the refcounting kernel never queues it.
#   bed_lazy_tlb.sh LAZYBENCH TARGET EXPECT [CONFIG]   (CONFIG: an extra vm --config)
source "$(dirname "$0")/lib.sh"
if [ -n "${4:-}" ] && [ "${LB_VM_LAZY_TLB_AB:-0}" != 1 ]; then
	echo "SKIP: the $4 kernel is built only with LB_VM_LAZY_TLB_AB=1 (one more kernel, 5.5-9.5 min cold)"
	exit 77
fi
source "$SRC/tests/lazy_tlb/checks.sh"
LAZY_TLB_REPS=8 # medians of 0/1 counts need few; each rep of the slow cases costs ms under TCG
target=${2:?arch} expect=${3:?ipis or no-ipis} config=${4:-}
# The function that carries the exit's TLB work to a lazy CPU, and how often it must run there:
# radix shoots down in its fullmm flush (exit_flush_lazy_tlbs), hash in __mmdrop
# (cleanup_lazy_tlbs); x86 flushes lazy CPUs because the exit frees page tables.
fn= want=
case "$target/$config" in
ppc64le_radix/) fn=do_exit_flush_lazy_tlb want=">=1" ;;
ppc64le_hash/) fn=do_shoot_lazy_tlb want=">=1" ;;
ppc64le_radix/no-lazy-tlb-shootdown) fn=do_exit_flush_lazy_tlb want=0 ;;
x86_64/) fn=flush_tlb_func want=">=1" ;;
esac
# The guest picks the closest placement it has (its topology is QEMU's), runs, and says which.
# shellcheck disable=SC2046
vm $(target_flags "$target") --no-kmod ${config:+--config "$config"} -- \
	"lazybench list > ./results/list.txt 2>&1; \
	for p in smt l2 llc package numa; do \
		grep -Eq \"^  \$p +available\" ./results/list.txt && { echo \$p > ./results/remote; break; }; \
	done; [ -s ./results/remote ] || echo none > ./results/remote; \
	r=\$(cat ./results/remote); [ \$r = none ] || r=none,\$r; \
	lazybench env > ./results/env.txt; \
	lazybench run $(lazy_tlb_run_args '$r' ${fn:+"$(lazy_tlb_fn_events "$fn")"}) \
		--label lt --results-dir ./results -q"
expect_rc 0
remote=$(cat "$OUT/results/remote")
# The x86_64 bed boots with one CPU online (QEMU -smp 2, but the tinyconfig kernel brings up
# one): no lazy user can exist there, only the control runs.
[ "$remote" != none ] || echo "NOTE: one CPU in the $target guest: no remote placement, lazy-user checks skipped"
J=$OUT/results/lt/run.json
scheme=shootdown
[ "$target" != arm64 ] && [ "$target" != x86_64 ] && [ -z "$config" ] || scheme=refcount
v=$(jq -r .env.lazy_tlb "$J")
[ "$v" = "$scheme" ] || fail "env lazy_tlb '$v', expected '$scheme'"
echo "ok: guest kernel's lazy TLB is $v; remote placement $remote"
lazy_tlb_check_run "$J" "$remote" "$expect"
[ -z "$fn" ] || [ "$remote" = none ] || lazy_tlb_check_fn "$J" "$remote" "$fn" "$want"
# Figures for the log: median exit_reap with and without the lazy user.
jq -r '.cases[] | select(.workload == "exit_lazy" or .workload == "context_switch1") |
	"\(.id) \(.metrics[0].name) median \(.metrics[0].summary.median) ns"' "$J"
if [ "$remote" = none ]; then
	echo "PASS: lazy TLB workloads on $target${config:+ ($config)} (control only: one CPU)"
else
	echo "PASS: lazy TLB workloads on $target${config:+ ($config)} ($expect at exit with a lazy user)"
fi
