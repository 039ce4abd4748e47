#!/usr/bin/env bash
# `lazybench run --delay-ns` (issue 11) in a 7.x guest (TARGET): the module's busy-wait of D ns
# inside every section raises each pass metric's median by sections x D and the one-section
# purge by D, leaves the empty pass (no delay by design) alone, is recorded in run.json
# (settings.delay_ns by case id, the case's delay_ns), a CASE-ID=N item reaches only that case,
# a syscall workload is refused (exit 2), and compare shows the delay without refusing.
# Tolerance: |rise - expected| <= 20% of expected + 30% of the undelayed median. The knob itself
# was +0.7% off; the rest is TCG noise: under TCG on a loaded host a case's median differs
# between separately started runs by 25% (SD, validate's A/A runs). The purge (one section)
# has its own band below.
source "$(dirname "$0")/lib.sh"
target=${2:?target}
D=20000

# shellcheck disable=SC2046
guest $(target_flags "$target") --kernel 7 --timeout 1200 -- "
r=./results
run() { lazybench run -q --runs 5 --workload vmalloc,vmap --pages 64 --batch 8 --reps 15 \"\$@\"; }
run --label d0 > \$r/d0.txt 2>&1; echo \$? > \$r/d0.rc
run --label dD --delay-ns $D > \$r/dD.txt 2>&1; echo \$? > \$r/dD.rc
run --label one --delay-ns vmap/-/on/p64/b8/none=$D > \$r/one.txt 2>&1; echo \$? > \$r/one.rc
lazybench run -q --runs 1 --workload vmalloc,mprotect --delay-ns $D > \$r/sys.txt 2>&1; echo \$? > \$r/sys.rc
lazybench compare \$r/d0 \$r/dD > \$r/cmp.txt 2>&1; echo \$? > \$r/cmp.rc
"
R=$OUT/results
for l in d0 dD one; do
	[ -f "$R/$l/run.json" ] || fail "no run.json for $l: $(cat "$R/$l.txt" 2>/dev/null)"
	check "run $l exit 0" [ "$(cat "$R/$l.rc")" = 0 ]
done
# median of metric M of case W in run L (median of the replicates' samples pooled)
med() { jq "[.cases[] | select(.workload == \"$2\") | .metrics[] | select(.name == \"$3\") |
	.samples[]] | sort | if length % 2 == 1 then .[length / 2 | floor] else
	(.[length / 2 - 1] + .[length / 2]) / 2 end" "$R/$1/run.json"; }
sec=$(jq '[.cases[] | select(.workload == "vmalloc") | .kernel.sections[0]][0]' "$R/dD/run.json")
check "8 sections per pass recorded (64 pages, batch 8)" [ "$sec" = 8 ]
within() { # WHAT RUN WORKLOAD METRIC EXPECTED: rise of RUN over d0 against EXPECTED
	local base rise
	base=$(med d0 "$3" "$4")
	rise=$(awk -v a="$(med "$2" "$3" "$4")" -v b="$base" 'BEGIN { print a - b }')
	echo "$1: median $base -> +$rise ns, expected +$5 ns"
	check "$1 rises by ~$5 ns (got $rise on $base)" awk -v r="$rise" -v e="$5" -v b="$base" \
		'BEGIN { d = r - e; if (d < 0) d = -d; exit !(d <= 0.2 * e + 0.3 * b) }'
}
for w in vmalloc vmap; do
	for m in map unmap; do
		within "$w $m" dD $w $m $((sec * D))
	done
	# The purge is one section: it must rise by about D, not sections x D. Seen under TCG with
	# a loaded host: +9.2 to +35.7 us for D = 20 us on medians of 16 to 34 us that move by
	# +-10 us between separately started runs (the purge's own run-to-run noise is half of D),
	# so the band is D/4 .. 3 D: still far from the 8 D a per-section delay would add.
	p=$(awk -v a="$(med dD $w purge)" -v b="$(med d0 $w purge)" 'BEGIN { print a - b }')
	echo "$w purge: median $(med d0 $w purge) -> +$p ns, expected +$D ns"
	check "$w purge (one section) rises by D/4 .. 3 D, not $((sec * D)) (got $p)" \
		awk -v r="$p" -v d=$D 'BEGIN { exit !(r >= 0.25 * d && r <= 3 * d) }'
	e=$(awk -v a="$(med dD $w empty)" -v b="$(med d0 $w empty)" 'BEGIN { print a - b }')
	check "$w empty pass (no delay) moves by less than 5% of the delay (got $e)" \
		awk -v e="$e" -v d=$((sec * D)) 'BEGIN { if (e < 0) e = -e; exit !(e < 0.05 * d) }'
done
# CASE-ID=N: vmap delayed, vmalloc not. An undelayed median moved by up to 34 us on 60-85 us
# between separately started runs here, so "not delayed" is a rise below half of the 8 D.
within "one: vmap map" one vmap map $((sec * D))
o=$(awk -v a="$(med one vmalloc map)" -v b="$(med d0 vmalloc map)" 'BEGIN { print a - b }')
check "one: vmalloc map not delayed (rise $o, below half of $((sec * D)))" \
	awk -v e="$o" -v d=$((sec * D)) 'BEGIN { if (e < 0) e = -e; exit !(e < 0.5 * d) }'
check "settings.delay_ns: both cases, $D each" [ "$(jq -c '.settings.delay_ns' "$R/dD/run.json")" = \
	"{\"vmalloc/-/on/p64/b8/none\":$D,\"vmap/-/on/p64/b8/none\":$D}" ]
check "case delay_ns recorded" [ "$(jq '[.cases[].delay_ns] | unique' -c "$R/dD/run.json")" = "[$D]" ]
check "CASE-ID=N: only vmap recorded" [ "$(jq -c '.settings.delay_ns' "$R/one/run.json")" = \
	"{\"vmap/-/on/p64/b8/none\":$D}" ]
check "no delay: nothing recorded" [ "$(jq -c '[.settings.delay_ns, .cases[].delay_ns] | unique' "$R/d0/run.json")" = "[null]" ]
check "each replicate recorded it" [ "$(jq -c '.settings.delay_ns | length' "$R/dD/replicates/r3/run.json")" = 2 ]
check "syscall workload with --delay-ns: exit 2" [ "$(cat "$R/sys.rc")" = 2 ]
check "syscall refusal names the workload" grep -q "delay-ns: mprotect is a syscall workload" "$R/sys.txt"
check "compare with a delay on B: not refused (exit 0)" [ "$(cat "$R/cmp.rc")" = 0 ]
check "compare names the injected delay" grep -q "injected module delay .*d0 has none, dD has" "$R/cmp.txt"
finish "run --delay-ns on $target"
