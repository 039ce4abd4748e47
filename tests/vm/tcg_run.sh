#!/usr/bin/env bash
# TCG plugin counts in `lazybench run` results (run.json counters tcg.<metric>.<event>) in a
# 7.x arm64 guest: vmalloc at 512 pages, batch 512: tcg.map.dsb (scope vcpu) is exact (the same
# in every repetition) and off has >= 500 more per op than on; mprotect on vs off (TASK_LAZY
# pause): the same median DSB count (user PTEs are not batched on arm64), a second control. `list`
# says the counts are available, with the events. One process (--runs 1): its 5 repetitions come
# from one RUN of the module, split per repetition by the region accounting. samples.csv carries
# the same tcg.map.dsb counts per repetition, in scope vcpu.
source "$(dirname "$0")/lib.sh"
target=${2:-arm64}
# shellcheck disable=SC2046
guest $(target_flags "$target") --kernel 7 --timeout 1800 -- \
	'lazybench list > ./results/list.txt 2>&1
	lazybench run -q --runs 1 --workload vmalloc --mode on,off --pages 512 --batch 512 --reps 5 --warmup 1 --label tcgk --results-dir ./results > ./results/runk.txt 2>&1; echo $? > ./results/runk.rc
	lazybench run -q --runs 1 --workload mprotect --mode on,off --pages 64 --reps 5 --warmup 1 --label tcgs --results-dir ./results > ./results/runs.txt 2>&1; echo $? > ./results/runs.rc'
R=$OUT/results
check "list: exact event counts available" grep -q '^  available: events insn dsb' "$R/list.txt"
check "lazybench run (vmalloc) exit 0" [ "$(cat "$R/runk.rc")" = 0 ]
check "lazybench run (mprotect) exit 0" [ "$(cat "$R/runs.rc")" = 0 ]
K=$R/tcgk/run.json S=$R/tcgs/run.json
[ -f "$K" ] && [ -f "$S" ] || fail "no run.json: $(cat "$R/runk.txt" "$R/runs.txt")"
exact5() { [ "$(tr ' ' '\n' <<<"$1" | sort -u | wc -l)" = 1 ] && [ "$(wc -w <<<"$1")" = 5 ]; }
median() { tr ' ' '\n' <<<"$1" | sort -n | sed -n 3p; }
vals() { # FILE WORKLOAD MODE COUNTER SCOPE -> the values, space-separated
	jq -r --arg w "$2" --arg m "$3" --arg n "$4" --arg s "$5" '.cases[] | select(.workload == $w
		and .mode == $m) | .counters[] | select(.name == $n and .scope == $s) |
		if .available then (.values | map(tostring) | join(" ")) else "unavailable: " + .reason end' "$1"
}
on=$(vals "$K" vmalloc on tcg.map.dsb vcpu) off=$(vals "$K" vmalloc off tcg.map.dsb vcpu)
echo "vmalloc tcg.map.dsb: on [$on] off [$off]"
check "vmalloc on: 5 identical values" exact5 "$on"
check "vmalloc off: 5 identical values" exact5 "$off"
check "vmalloc: off - on >= 500 DSB per op" [ $((${off%% *} - ${on%% *})) -ge 500 ]
csvvals() { # CSV WORKLOAD MODE COUNTER SCOPE -> "rep:value:unit ..." of its rows, in file order
	awk -F, -v w="$2" -v m="$3" -v n="$4" -v s="$5" 'NR > 1 && $2 == w && $4 == m && $8 == n &&
		$9 == s { printf "%s%s:%s:%s", sep, $10, $11, $12; sep = " " }' "$1"
}
reps() { # "V0 V1 ..." -> "0:V0:count 1:V1:count ..."
	local i=0 out="" v
	for v in $1; do
		out+="${out:+ }$i:$v:count"
		i=$((i + 1))
	done
	echo "$out"
}
for mode in on off; do
	want=$(reps "$(vals "$K" vmalloc $mode tcg.map.dsb vcpu)")
	got=$(csvvals "$R/tcgk/samples.csv" vmalloc $mode tcg.map.dsb vcpu)
	check "samples.csv: vmalloc $mode tcg.map.dsb vcpu rows = run.json [$want]" \
		[ "$got" = "${want:-no values in run.json}" ]
done
on=$(vals "$S" mprotect on tcg.all.dsb vcpu) off=$(vals "$S" mprotect off tcg.all.dsb vcpu)
echo "mprotect tcg.all.dsb: on [$on] off [$off]"
check "mprotect: DSB counted (available, 5 values)" [ "$(wc -w <<<"$on")" = 5 ]
# Median, not every repetition: a timer interrupt inside one region adds its own barriers.
check "mprotect: DSB per repetition on = off (median $(median "$on") vs $(median "$off"))" \
	[ "$(median "$on")" = "$(median "$off")" ]
finish "TCG counts in lazybench run results on $target"
