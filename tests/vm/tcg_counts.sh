#!/usr/bin/env bash
# Exact event counts from the lbtcg plugin around the module's timed sections (issue 10), in a
# 7.x guest (TARGET). Each `lazybench kmod run` of 512 pages at batch 512 with 1 warmup + 5
# repetitions opens 18 regions (map, unmap, purge per repetition; one section each; the empty
# pass opens none; zap: 6) and, after each metric's sections, a sum marker: the plugin writes
# 18 sum lines of one region each. The test checks the accounting (exactly those sums, no marker
# error, no region closed on another vCPU than it opened on: the run is pinned to CPU 0 with
# taskset, vmalloc may sleep and migrate otherwise), then per arch:
#   arm64: vmalloc and vmap map, mode off has >= 500 more DSB per op than on, each count
#          identical in every repetition;
#   x86_64 (no Xen PV): barrier / TLB maintenance counts equal for on and off (control, medians);
#   ppc64le hash: zap and vmalloc unmap make fewer hypercalls per op with on than off;
#   ppc64le radix: the same hypercall counts for on and off.
source "$(dirname "$0")/lib.sh"
target=${2:?target}
REPS=8

case "$target" in
arm64) runs="vmalloc vmap" ;;
x86_64) runs="vmalloc vmap zap" ;;
ppc64le_hash | ppc64le_radix) runs="vmalloc zap" ;;
*) fail "unknown target $target" ;;
esac
# shellcheck disable=SC2046
guest $(target_flags "$target") --kernel 7 --timeout 1800 -- "
[ -n \"\$LAZYBENCH_TCG_REGIONS\" ] || { echo no plugin: \$LAZYBENCH_TCG_UNAVAILABLE > ./results/noplugin; exit 1; }
for w in $runs; do for m in on off; do
	n=\$(wc -l < \$LAZYBENCH_TCG_REGIONS)
	taskset 1 lazybench kmod run --workload \$w --mode \$m --pages 512 --batch 512 --reps $REPS --warmup 1 > ./results/\$w-\$m.json 2>&1 || echo \"\$w \$m\" >> ./results/failed
	tail -n +\$((n + 1)) \$LAZYBENCH_TCG_REGIONS > ./results/\$w-\$m.regions
done; done"
R=$OUT/results
[ ! -f "$R/noplugin" ] || fail "plugin not loaded: $(cat "$R/noplugin")"
[ ! -f "$R/failed" ] || fail "kmod run failed: $(cat "$R/failed")"

# counts FILE SCOPE EVENT_REGEX: one line per sum (here one section each), the sum of the
# matching events in SCOPE (own|other); an event absent from a sum line was counted and is 0.
counts() {
	awk -v scope="$2" -v re="$3" '$1 == "sum" {
		s = 0; in_scope = 0
		for (i = 2; i <= NF; i++) {
			if ($i == "own" || $i == "other") { in_scope = ($i == scope); continue }
			if (!in_scope) continue
			split($i, kv, "=")
			if (kv[1] ~ re) s += kv[2]
		}
		print s
	}' "$1"
}
# timed: the timed repetitions' sums of one metric (0 map, 1 unmap, 2 purge; zap: 0)
timed() { # stdin: per-sum values; $1 metrics per repetition, $2 which
	awk -v per="$1" -v which="$2" 'NR > per && (NR - 1) % per == which'
}
# sums_ok FILE N: N sum lines of one region each, no marker error.
sums_ok() {
	[ "$(grep -c '^sum ' "$1")" = "$2" ] && [ "$(grep -c '^sum [0-9]* regions 1 ' "$1")" = "$2" ] &&
		! grep -q '^error' "$1"
}
median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }
same_all() { [ "$(sort -u | wc -l)" = 1 ]; }
three_each() { [ "$(grep -c . <<<"$1")" -ge 3 ] && [ "$(grep -c . <<<"$2")" -ge 3 ]; }
# clean KMOD_RUN_JSON: stdin's per-repetition values, keeping the repetitions the module did not
# flag as contaminated (an interrupt, a context switch or a migration inside the timed work).
clean() {
	local keep
	keep=$(jq -r '.rep_info | to_entries[] | select(.value.contaminated | length == 0) | .key' \
		"$1" | tr '\n' ' ')
	awk -v keep=" $keep" 'index(keep, " " (NR - 1) " ")' | sed '/^$/d'
}

for w in $runs; do
	per=3
	[ "$w" != zap ] || per=1
	for m in on off; do
		f=$R/$w-$m.regions
		check "$w $m: $((per * (REPS + 1))) sums of one region each, no marker error" \
			sums_ok "$f" $((per * (REPS + 1)))
		check "$w $m: every region opened and closed on one vCPU" \
			[ "$(awk '$1 == "sum" && $6 != 0' "$f" | wc -l)" = 0 ]
	done
done

case "$target" in
arm64)
	for w in vmalloc vmap; do
		on=$(counts "$R/$w-on.regions" own '^dsb\.' | timed 3 0)
		off=$(counts "$R/$w-off.regions" own '^dsb\.' | timed 3 0)
		echo "$w map DSB per op: on $(echo $on) / off $(echo $off)"
		# An interrupt taken inside a section runs its handler's barriers on this vCPU (seen
		# with other guests loading the host: one repetition of 5 off by a few DSB); the
		# module flags such repetitions, so exactness is checked on the others.
		on=$(clean "$R/$w-on.json" <<<"$on") off=$(clean "$R/$w-off.json" <<<"$off")
		echo "$w map DSB per op without an interrupt: on $(echo $on) / off $(echo $off)"
		check "$w map: >= 3 repetitions without an interrupt (on, off)" three_each "$on" "$off"
		check "$w map: DSB identical in every such repetition (on)" same_all <<<"$on"
		check "$w map: DSB identical in every such repetition (off)" same_all <<<"$off"
		on1=$(head -n1 <<<"$on") off1=$(head -n1 <<<"$off")
		check "$w map: off has >= 500 more DSB per op than on ($off1 vs $on1)" \
			[ $((off1 - on1)) -ge 500 ]
	done
	;;
x86_64)
	# TLB maintenance and barriers; not wrmsr/cpuid, which an interrupt landing in a section
	# brings (x2APIC EOI). Medians: such an interrupt can still add a fence to one repetition.
	ev='^(invlpg|invpcid|mov_cr[034]|wbinvd|invd|[lms]fence|invlpgb|tlbsync)$'
	for w in $runs; do
		for k in 0 1; do
			[ "$w" != zap ] || [ $k = 0 ] || continue
			per=3
			[ "$w" != zap ] || per=1
			on=$(counts "$R/$w-on.regions" own "$ev" | timed $per $k | tr '\n' ' ')
			off=$(counts "$R/$w-off.regions" own "$ev" | timed $per $k | tr '\n' ' ')
			check "$w metric $k: barrier/TLB counts on ($on) = off ($off), medians" \
				[ "$(median $on)" = "$(median $off)" ]
		done
	done
	;;
ppc64le_hash | ppc64le_radix)
	for wk in "zap 1 0" "vmalloc 3 1"; do
		read -r w per k <<<"$wk"
		on=$(counts "$R/$w-on.regions" own '^hcall$' | timed "$per" "$k")
		off=$(counts "$R/$w-off.regions" own '^hcall$' | timed "$per" "$k")
		echo "$w metric $k hypercalls per op: on $(echo $on) / off $(echo $off)"
		on_max=$(sort -n <<<"$on" | tail -n1) off_min=$(sort -n <<<"$off" | head -n1)
		if [ "$target" = ppc64le_hash ]; then
			check "$w: fewer hypercalls per op with on ($on_max max) than off ($off_min min)" \
				[ "$on_max" -lt "$off_min" ]
		else
			check "$w radix: hypercalls per op on = off" [ "$(echo $on)" = "$(echo $off)" ]
		fi
	done
	;;
esac
finish "exact event counts per section on $target"
