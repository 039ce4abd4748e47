#!/usr/bin/env bash
# Every workload x variant x mode of lazybench.ko on one guest (TARGET, KERNEL, [CONFIG...]):
# each case either ran (reps x metrics positive timings, the state check passed, or is
# unavailable on kernels without is_lazy_mmu_mode_active()) or was refused with EOPNOTSUPP, and
# the set of refused cases is exactly the one this arch/kernel/config must refuse. Also: INFO
# describes the kernel, the bad-input self-test passes, TASK_LAZY around an mprotect loop, rmmod
# during a RUN is refused and works after, and dmesg holds no warning or splat.
source "$(dirname "$0")/lib.sh"
kmod_test_args "$@"
shift 3
kasan=no
for c in "$@"; do [ "$c" != kasan ] || kasan=yes; done

# shellcheck disable=SC2046
guest $(target_flags "$target") --kernel "$kernel" "${configs[@]}" --timeout 3000 -- '
r=./results
lazybench kmod info --json > $r/info.json 2> $r/info.err
lazybench kmod matrix > $r/matrix.jsonl 2> $r/matrix.err; echo $? > $r/matrix.rc
lazybench kmod selftest > $r/selftest.txt 2>&1; echo $? > $r/selftest.rc
lazybench kmod task-lazy > $r/task.json 2>&1; echo $? > $r/task.rc
# A long RUN (512 sections with 1 ms of injected delay each, 3 passes, 4 times: 6 s, under the
# 20 s cap on injected delay); rmmod once it holds the module (refcnt >= 1).
lazybench kmod run --workload vmalloc --pages 512 --batch 1 --reps 4 --delay-ns 1000000 > $r/longrun.json 2>&1 &
i=0
while [ "$(cat /sys/module/lazybench/refcnt 2>/dev/null || echo 0)" -lt 1 ] && [ $i -lt 100 ]; do
	sleep 0.1; i=$((i + 1))
done
cat /sys/module/lazybench/refcnt > $r/refcnt_before_rmmod.txt 2>&1
rmmod lazybench > $r/rmmod_busy.txt 2>&1; echo $? > $r/rmmod_busy.rc
wait
rmmod lazybench > $r/rmmod_idle.txt 2>&1; echo $? > $r/rmmod_idle.rc
# Debug kernels: kmemleak reports objects older than 5 s; two scans, as its documentation says.
kl=/sys/kernel/debug/kmemleak
if [ -e $kl ]; then sleep 6; echo scan > $kl; sleep 1; echo scan > $kl; cat $kl > $r/kmemleak.txt; fi
dmesg > $r/dmesg.txt
'
R=$OUT/results
[ -s "$R/info.json" ] || fail "no INFO: $(cat "$R/info.err" 2>/dev/null)"
cat "$R/info.json" | head -20

# INFO says what the kernel is.
case "$kernel" in
7) gen=nesting ;;
6.12) gen=stateless ;;
*) fail "unknown kernel $kernel" ;;
esac
mmu=default
case "$target" in ppc64le_hash) mmu=hash ;; ppc64le_radix) mmu=radix ;; esac
check "INFO generation is $gen" [ "$(jq -r .generation "$R/info.json")" = "$gen" ]
check "INFO mmu is $mmu" [ "$(jq -r .mmu "$R/info.json")" = "$mmu" ]
check "INFO arch implements the mode" [ "$(jq -r .arch_implements_mode "$R/info.json")" = true ]
check "INFO kasan_vmalloc is $kasan" \
	[ "$(jq -r 'if .kasan_vmalloc then "yes" else "no" end' "$R/info.json")" = "$kasan" ]
check "INFO page size is the guest's" [ "$(jq -r .page_size "$R/info.json")" -ge 4096 ]
check "INFO max_pages > 0" [ "$(jq -r .max_pages "$R/info.json")" -gt 0 ]

# What this guest must refuse: workload|variant|mode lines.
expected_refusals() {
	local w v m
	for w in vmalloc vmap vm_map_ram populate/prealloc populate/kasan depopulate zap kasan; do
		v=${w#*/}
		[ "$v" != "$w" ] || v=-
		for m in on off nested paused; do
			local refuse=no
			if [ "${w%%/*}" = kasan ] && [ "$kasan" = no ]; then refuse=yes; fi
			if [ "$gen" = stateless ] && { [ $m = off ] || [ $m = paused ]; }; then refuse=yes; fi
			# powerpc exports no hpte_need_flush(): a module cannot clear a user PTE.
			if [ "${target%%_*}" = ppc64le ] && [ "$w" = depopulate ]; then refuse=yes; fi
			# Nested holds the mode across the call: refused, on every arch, for every
			# workload that may allocate or sleep.
			if [ $m = nested ]; then
				case "$w" in populate/prealloc | depopulate) ;; *) refuse=yes ;; esac
			fi
			[ $refuse = no ] || echo "${w%%/*}|$v|$m"
		done
	done | sort
}
expected_refusals >"$OUT/want"
jq -r 'select(.result == "refused") | "\(.workload)|\(.variant // "-")|\(.mode)"' \
	"$R/matrix.jsonl" | sort >"$OUT/got"
check "32 cases in the matrix" [ "$(wc -l <"$R/matrix.jsonl")" = 32 ]
check "refused cases are exactly the expected ones" diff -u "$OUT/want" "$OUT/got"
check "every refusal is EOPNOTSUPP with a reason" [ "$(jq -r 'select(.result == "refused") |
	select(.errno != "EOPNOTSUPP" or (.reason | length) == 0) | .workload' "$R/matrix.jsonl" | wc -l)" = 0 ]
check "no case errored" [ "$(jq -r 'select(.result == "error") | .workload' "$R/matrix.jsonl" | wc -l)" = 0 ]
want_check=passed
[ "$gen" = nesting ] || want_check=unavailable
check "every case that ran has 3 x metrics positive timings" [ "$(jq -r 'select(.result == "ran") |
	select(.positive != .timings or .timings != (if (.workload | test("populate|depopulate|zap")) then 3 else 9 end)) |
	.workload' "$R/matrix.jsonl" | wc -l)" = 0 ]
check "every case that ran: mode check $want_check" [ "$(jq -r --arg w "$want_check" 'select(.result == "ran") |
	select(.mode_check.result != $w) | .workload' "$R/matrix.jsonl" | wc -l)" = 0 ]
check "populate/depopulate state checks (where they ran): $want_check" [ "$(jq -r --arg w "$want_check" 'select(.result == "ran") |
	select(.workload == "populate" or .workload == "depopulate") | select(.check != $w) | .workload' \
	"$R/matrix.jsonl" | wc -l)" = 0 ]
check "other workloads: no state check" [ "$(jq -r 'select(.result == "ran") |
	select(.workload != "populate" and .workload != "depopulate") | select(.check != "not applicable") |
	.workload' "$R/matrix.jsonl" | wc -l)" = 0 ]
check "matrix exit status 0" [ "$(cat "$R/matrix.rc")" = 0 ]
check "selftest passes" [ "$(cat "$R/selftest.rc")" = 0 ]
grep FAIL "$R/selftest.txt" || true
check "TASK_LAZY transitions as documented" [ "$(cat "$R/task.rc")" = 0 ]
if [ "$gen" = nesting ]; then
	check "TASK_LAZY off then on around an mprotect loop" \
		[ "$(jq -r '[.steps[] | select(.ok)] | length' "$R/task.json")" -ge 8 ]
else
	check "TASK_LAZY refused on $gen" grep -q '"off refused here"' "$R/task.json"
fi
cat "$R/rmmod_busy.txt" "$R/rmmod_idle.txt" 2>/dev/null || true
check "the long RUN completed" grep -q map_ns "$R/longrun.json"
check "the module was in use when rmmod ran" [ "$(cat "$R/refcnt_before_rmmod.txt")" -ge 1 ]
check "rmmod during a RUN is refused" [ "$(cat "$R/rmmod_busy.rc")" != 0 ]
check "rmmod after the RUN works" [ "$(cat "$R/rmmod_idle.rc")" = 0 ]
kmemleak_clean() { [ -f "$1" ] && ! grep -q 'unreferenced object' "$1"; }
for c in "$@"; do
	[ "$c" != debug ] || check "kmemleak ran and found no unreferenced object" kmemleak_clean "$R/kmemleak.txt"
done
grep -A12 'unreferenced object' "$R/kmemleak.txt" 2>/dev/null | head -40 || true
check "no warning, BUG or splat in dmesg" no_splat "$R/dmesg.txt"
no_splat "$R/dmesg.txt" || grep -E -A20 'WARNING:|BUG:|sleeping function|KASAN:' "$R/dmesg.txt" | head -80
finish "kmod matrix on $target, kernel $kernel ${*:-}"
