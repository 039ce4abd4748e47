#!/usr/bin/env bash
# Kernel workloads through `lazybench run` in a 7.x guest (TARGET): cases in the results
# format with kind "kernel", map/unmap metrics of positive samples, a passing state_check for
# populate, refused cases kept with errno + reason; and `--mode off` for a syscall workload
# (mprotect) through TASK_LAZY.
source "$(dirname "$0")/lib.sh"
target=${2:?target}
# shellcheck disable=SC2046
guest $(target_flags "$target") --kernel 7 --timeout 2400 -- \
	'lazybench run -q --runs 1 --workload vmalloc,populate,kasan,mprotect --mode on,off --pages 64 --batch 8 --reps 5 --warmup 1 --label kmodrun --results-dir ./results > ./results/run.txt 2>&1; echo $? > ./results/run.rc'
J=$OUT/results/kmodrun/run.json
[ -f "$J" ] || fail "no run.json: $(cat "$OUT/results/run.txt" 2>/dev/null)"
check "lazybench run exit 0" [ "$(cat "$OUT/results/run.rc")" = 0 ]
check "vmalloc cases are kernel cases with map and unmap" [ "$(jq '[.cases[] | select(.workload == "vmalloc") |
	select(.kind == "kernel" and .metrics[0].name == "map" and .metrics[1].name == "unmap")] | length' "$J")" = 2 ]
check "vmalloc samples (map, unmap, purge, empty): 5 positive each" [ "$(jq '[.cases[] | select(.workload == "vmalloc") | .metrics[] |
	.samples | select(length == 5 and all(. > 0))] | length' "$J")" = 8 ]
check "populate state_check passed: 2 variants x 2 modes" [ "$(jq '[.cases[] | select(.workload == "populate") |
	select(.state_check.passed == true)] | length' "$J")" = 4 ]
check "populate prealloc off: inactive at every write" [ "$(jq '[.cases[] | select(.workload == "populate"
	and .variant == "prealloc" and .mode == "off") | .state_check | select(.active_at_write == 0 and .writes > 0)] | length' "$J")" = 1 ]
check "kasan refused with EOPNOTSUPP and a reason" [ "$(jq '[.cases[] | select(.workload == "kasan") |
	select(.refused.errno == "EOPNOTSUPP" and (.refused.reason | length) > 0)] | length' "$J")" = 2 ]
check "mprotect --mode off ran (TASK_LAZY)" [ "$(jq '[.cases[] | select(.workload == "mprotect" and .mode == "off") |
	select(.refused == null and .complete == true)] | length' "$J")" = 1 ]
finish "kernel workloads in lazybench run on $target"
