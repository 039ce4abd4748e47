#!/usr/bin/env bash
# The lazy TLB workloads in the ARCH guest (tests/lazy_tlb/checks.sh): every case complete with
# positive timings, context switches counted, and at the exit of an mm that a remote CPU still
# holds lazily: IPIs (EXPECT=ipis: powerpc's MMU_LAZY_TLB_SHOOTDOWN, x86's page-table-freeing
# flush) or none (EXPECT=no-ipis: arm64's broadcast TLBI, powerpc built with refcounting);
# the control without a lazy user never sends one.
#   bed_lazy_tlb.sh LAZYBENCH TARGET EXPECT [CONFIG]   (CONFIG: an extra vm --config)
source "$(dirname "$0")/lib.sh"
source "$SRC/tests/lazy_tlb/checks.sh"
target=${2:?arch} expect=${3:?ipis or no-ipis} config=${4:-}
# The guest picks the closest placement it has (its topology is QEMU's), runs, and says which.
# shellcheck disable=SC2046
vm $(target_flags "$target") --no-kmod ${config:+--config "$config"} -- \
	"lazybench list > ./results/list.txt 2>&1; \
	for p in smt l2 llc package numa; do \
		grep -Eq \"^  \$p +available\" ./results/list.txt && { echo \$p > ./results/remote; break; }; \
	done; [ -s ./results/remote ] || exit 7; \
	lazybench env > ./results/env.txt; \
	lazybench run $(lazy_tlb_run_args '$(cat ./results/remote)') --label lt \
		--results-dir ./results -q"
expect_rc 0
remote=$(cat "$OUT/results/remote")
J=$OUT/results/lt/run.json
want=shootdown
[ "$target" != arm64 ] && [ "$target" != x86_64 ] && [ -z "$config" ] || want=refcount
v=$(jq -r .env.lazy_tlb "$J")
[ "$v" = "$want" ] || fail "env lazy_tlb '$v', expected '$want'"
echo "ok: guest kernel's lazy TLB is $v; remote placement $remote"
lazy_tlb_check_run "$J" "$remote" "$expect"
# Figures for the log: median exit_reap with and without the lazy user.
jq -r '.cases[] | select(.workload == "exit_lazy" or .workload == "context_switch1") |
	"\(.id) \(.metrics[0].name) median \(.metrics[0].summary.median) ns"' "$J"
echo "PASS: lazy TLB workloads on $target${config:+ ($config)} ($expect at exit with a lazy user)"
