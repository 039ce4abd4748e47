#!/usr/bin/env bash
# Measurement validity of lazybench.ko on one 7.x guest (TARGET), issue 9 items 2, 3, 10-15:
# nested refused for every workload that may allocate or sleep (on every arch); a RUN is
# capped (selftest), interruptible (SIGINT: EINTR with the repetitions done) and holds
# mmap_lock per repetition (selftest); INFO's per-metric effect table matches the arch rule;
# batch is pages per call and the lazy sections are recorded; the purge is its own metric;
# the empty section, context switches and interrupts come per repetition; reps + warmup run
# in one RUN and `lazybench run` records it; the mode check passes for every workload and mode.
# Prints the measured figures (empty-section cost per mode, purge, PTEs per lazy section).
source "$(dirname "$0")/lib.sh"
target=${2:?target}
kernel=${3:-7}

# shellcheck disable=SC2046
guest $(target_flags "$target") --kernel "$kernel" --timeout 2400 -- '
r=./results
lazybench kmod info --json > $r/info.json 2> $r/info.err
lazybench kmod selftest > $r/selftest.txt 2>&1; echo $? > $r/selftest.rc
for w in vmalloc vmap vm_map_ram populate depopulate zap; do
	for m in on off nested paused; do
		lazybench kmod run --workload $w --mode $m --pages 1024 --batch 64 --reps 5 --warmup 2 \
			> $r/run_${w}_$m.json 2>&1
	done
done
# A long RUN interrupted by SIGINT after 2 s.
lazybench kmod run --workload vmalloc --pages 256 --batch 1 --reps 2000 --delay-ns 10000 \
	> $r/intr.json 2>&1 &
sleep 2; kill -INT $!; wait $!; echo $? > $r/intr.rc
lazybench run -q --runs 1 --workload vmalloc,zap --mode on,off --pages 2048 --batch 32 --reps 4 --warmup 2 \
	--label valid --results-dir ./results > $r/run.txt 2>&1; echo $? > $r/run.rc
dmesg > $r/dmesg.txt
'
R=$OUT/results
[ -s "$R/info.json" ] || fail "no INFO: $(cat "$R/info.err" 2>/dev/null)"
mmu=default
case "$target" in ppc64le_hash) mmu=hash ;; ppc64le_radix) mmu=radix ;; esac
arch=${target%%_*}

# Item 3: caps (E2BIG), mmap_lock per repetition, and the rest of the bad-input self-test.
grep -E 'max_work|total delay|rep_info|version 1|mmap in another|# mmap|long populate' "$R/selftest.txt" || true
check "selftest passes (caps, rep_info, version 1 callers, mmap during a long RUN)" \
	[ "$(cat "$R/selftest.rc")" = 0 ]
check "selftest: mmap in another thread completes during a long RUN" \
	grep -q '^ok mmap in another thread completes during a long RUN' "$R/selftest.txt"
check "selftest: pages x reps above max_work is E2BIG" \
	grep -q '^ok RUN pages x (reps + warmup) above max_work' "$R/selftest.txt"
# Item 3: SIGINT -> EINTR with the repetitions done, their samples only.
check "interrupted RUN: errno EINTR" [ "$(jq -r .errno "$R/intr.json")" = EINTR ]
check "interrupted RUN: 0 < reps_done < 2000, one sample and one rep_info each" [ "$(jq '
	.reps_done as $n | select($n > 0 and $n < 2000 and (.map_ns | length) == $n and
	(.purge_ns | length) == $n and (.rep_info | length) == $n) | $n' "$R/intr.json")" != "" ]

# Item 2: nested only for the workloads that neither allocate nor sleep, on every arch.
for w in vmalloc vmap vm_map_ram zap; do
	check "$w nested refused (may sleep) with EOPNOTSUPP" \
		[ "$(jq -r .errno "$R/run_${w}_nested.json")" = EOPNOTSUPP ]
done
if [ "$arch" != ppc64le ]; then
	check "depopulate nested runs" [ "$(jq -r '.errno // "none"' "$R/run_depopulate_nested.json")" = none ]
fi
check "populate/prealloc nested runs" [ "$(jq -r '.errno // "none"' "$R/run_populate_nested.json")" = none ]

# Items 12, 13, 14, 15 on every case that ran.
ran=0
for f in "$R"/run_*_*.json; do
	jq -e '.errno == null' "$f" >/dev/null 2>&1 || continue
	ran=$((ran + 1))
	n=$(basename "$f" .json)
	check "$n: 5 timed repetitions from one RUN (reps 5, warmup 2)" [ "$(jq .reps_done "$f")" = 5 ]
	check "$n: mode check passed over every section" [ "$(jq -r '.mode_check | select(.result == "passed" and
		.sections > 0 and .claimed_at_entry == .sections and .claimed_at_exit == .sections and
		.neutral_after == .sections) | .result' "$f")" = passed ]
	check "$n: empty section timed per repetition (> 0)" [ "$(jq '[.rep_info[] | select(.empty_ns > 0)] | length' "$f")" = 5 ]
	check "$n: 16 sections per pass (1024 pages / batch 64)" [ "$(jq '[.rep_info[] | select(.sections == 16)] | length' "$f")" = 5 ]
	check "$n: csw/irq flags agree with the counts" [ "$(jq '[.rep_info[] |
		select(((.csw > 0) == (.contaminated | index("csw") != null)) and
		((.irqs > 0) == (.contaminated | index("irq") != null)))] | length' "$f")" = 5 ]
done
check "at least 14 cases ran" [ "$ran" -ge 14 ]
for w in vmalloc vmap vm_map_ram; do
	for m in on off; do
		check "$w $m: purge timed, 5 positive samples" [ "$(jq '[.purge_ns[] | select(. > 0)] | length' "$R/run_${w}_$m.json")" = 5 ]
	done
done

# Item 11: lazy sections are per PMD, not per batch; none in off/paused.
check "populate on: 1024 PTEs in lazy sections, at most 64 (batch) and 512 (a PMD) per section" [ "$(jq '[.rep_info[] |
	select(.lazy_ptes == 1024 and .lazy_sections >= 16 and .max_ptes_per_section <= 64)] | length' \
	"$R/run_populate_on.json")" = 5 ]
check "populate off: no lazy section" [ "$(jq '[.rep_info[] | select(.lazy_sections == 0 and
	.ptes_per_lazy_section == null)] | length' "$R/run_populate_off.json")" = 5 ]
check "vmalloc on: 1024 PTEs in >= 16 lazy sections" [ "$(jq '[.rep_info[] | select(.lazy_ptes == 1024 and
	.lazy_sections >= 16)] | length' "$R/run_vmalloc_on.json")" = 5 ]

# Item 10: the effect table follows the arch rule.
effect() { jq -r --arg w "$1" --arg m "$2" '.effects[] | select(.workload == $w and .metric == $m) | .effect' "$R/info.json" | head -1; }
C="control: no effect expected"
case "$arch/$mmu" in
x86/* | ppc64le/radix) want_map=$C want_unmap=$C want_zap=$C want_populate=$C ;;
arm64/*) want_map=possible want_unmap=$C want_zap=$C want_populate=$C ;;
ppc64le/hash) want_map=$C want_unmap=possible want_zap=possible want_populate=$C ;;
*) fail "no expectation for $arch/$mmu" ;;
esac
jq -r '.effect_rule' "$R/info.json"
check "effect vmalloc map: $want_map" [ "$(effect vmalloc map)" = "$want_map" ]
check "effect vmap unmap: $want_unmap" [ "$(effect vmap unmap)" = "$want_unmap" ]
check "effect zap: $want_zap" [ "$(effect zap zap)" = "$want_zap" ]
check "effect populate: $want_populate" [ "$(effect populate populate)" = "$want_populate" ]
check "INFO limits: max_work 2^24, total delay 20 s" [ "$(jq '.max_work == 16777216 and .max_delay_total_ns == 20000000000' "$R/info.json")" = true ]

# Item 14 and 10 through `lazybench run`: run.json carries purge, empty, effect and per-repetition data.
J=$OUT/results/valid/run.json
[ -f "$J" ] || fail "no run.json: $(cat "$R/run.txt")"
check "lazybench run exit 0" [ "$(cat "$R/run.rc")" = 0 ]
check "vmalloc metrics: map unmap purge empty" [ "$(jq -r '[.cases[] | select(.workload == "vmalloc")][0] |
	[.metrics[].name] | join(" ")' "$J")" = "map unmap purge empty" ]
check "every kernel case: 4 samples per metric, kernel.empty_ns of 4" [ "$(jq '[.cases[] |
	select((.metrics | all(.samples | length == 4)) and (.kernel.empty_ns | length) == 4)] | length' "$J")" = 4 ]
check "map effect recorded in run.json: $want_map" [ "$(jq -r '[.cases[] | select(.workload == "vmalloc")][0] |
	.metrics[0].effect' "$J")" = "$want_map" ]
# Counters of a kernel case: (RUN - BASELINE) / (reps + warmup), the same value for each repetition.
jq -c '.cases[] | select(.kind == "kernel") | [.id, (.counters[] | select(.name == "task-clock") | .values)]' "$J"
check "kernel case task-clock: 4 equal positive values (one RUN spread over its repetitions), or unavailable with the reason" [ "$(jq '[.cases[] |
	select(.workload == "vmalloc") | .counters[] | select(.name == "task-clock") |
	select((.available and (.values | length == 4 and .[0] > 0 and (.[0] as $v | all(. == $v)))) or
	(.available == false and (.reason | test("baseline"))))] | length' "$J")" = 2 ]
check "state_check.mode_check passed in run.json" [ "$(jq '[.cases[] | select(.state_check.mode_check.result == "passed")] | length' "$J")" = 4 ]

# The measured figures, for the report.
echo "== $target: per mode, median over 5 repetitions (ns) =="
for w in vmalloc populate zap; do
	for m in on off nested paused; do
		f=$R/run_${w}_$m.json
		jq -e '.errno == null' "$f" >/dev/null 2>&1 || continue
		jq -r --arg w "$w" --arg m "$m" 'def med: sort | .[length / 2 | floor];
			"\($w) \($m): empty \([.rep_info[].empty_ns] | med) over \(.rep_info[0].sections) sections; " +
			"first metric \(to_entries | map(select(.key | endswith("_ns"))) | .[0].value | med); " +
			(if .purge_ns then "purge \(.purge_ns | med); " else "" end) +
			"PTEs per lazy section \(.rep_info[0].ptes_per_lazy_section); csw \([.rep_info[].csw] | add); irqs \([.rep_info[].irqs] | add)"' "$f"
	done
done
check "no warning, BUG or splat in dmesg" no_splat "$R/dmesg.txt"
finish "kmod measurement validity on $target"
