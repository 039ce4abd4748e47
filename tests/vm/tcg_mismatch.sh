#!/usr/bin/env bash
# The TCG region accounting's mismatch path, end to end (issue 10), in one 7.x guest (TARGET,
# default arm64: it needs a second vCPU, and the x86_64 bed's guest has one CPU online). The
# lbtcg plugin has one region at a time for the whole guest and its sum lines carry no process,
# so region markers from a process that is not lazybench must make the `tcg.*` counters of the
# cases they touch unavailable (EPROTO, with the reason), never misaligned samples. (Why no
# arrangement passes unseen: the harness emits a sum marker at the start of each repetition and
# skips what precedes it, then one at its end; the repetition is accepted only with no "error"
# line and exactly one sum in its window, of exactly its own number of regions, none closed on
# another vCPU than it opened on. With no error, opens and closes alternate guest-wide, so a
# foreign region closed in the window adds to that sum, and a foreign sum marker adds a line.)
# Three `lazybench run --runs 1 --workload mprotect --mode on,off --pages 64
# --reps 10 --warmup 1` (2 cases, 2 timed regions per repetition, measuring CPU 0):
#   control: no foreign markers: both cases' tcg.all.insn available, 10 values in a sane range;
#            the plugin summed exactly 2 x 11 x 2 regions, in 2 x 11 sums of 2 (and as many
#            empty ones, the repetitions' starts), no marker error, none migrated;
#   loop:    lb-kmodtest markers loop (open/close pairs held ~1 ms each on CPU 1) runs for the
#            whole run: both cases' only tcg counter is `tcg.all`, unavailable, EPROTO, the
#            reason naming the repetition and the mismatch (which form depends on timing: a
#            marker error the plugin reported, a region count, or a region closed on another
#            vCPU);
#   kloop:   while the loop still runs, a kernel workload (vmalloc: the module marks its
#            sections and sums its passes): every tcg counter of the case unavailable, EPROTO,
#            one reason naming the mismatch;
#   open:    lb-kmodtest markers open (an open marker on CPU 1 with no close: a missing marker)
#            just before the run: the first timed region of the first case finds the region
#            open, so that case is unavailable with exactly "repetition 1: the TCG plugin
#            reported: error open while open cpu 0 owner 1"; its close ends the stale region and
#            the other case is available (10 values).
source "$(dirname "$0")/lib.sh"
target=${2:-arm64}
REPS=10 WARMUP=1
arch=${target%_hash}
arch=${arch%_radix}
mkdir -p "$OUT/results"
cp "$(bash "$(dirname "$0")/guest_prog.sh" --arch "$arch")" "$OUT/results/lb-kmodtest"

# shellcheck disable=SC2046
guest $(target_flags "$target") --kernel 7 --timeout 900 -- "
r=./results t=/results/lb-kmodtest f=\$LAZYBENCH_TCG_REGIONS
[ -n \"\$f\" ] || { echo no plugin: \$LAZYBENCH_TCG_UNAVAILABLE > \$r/noplugin; exit 1; }
run() { # LABEL: one lazybench run, the plugin's lines it added in LABEL.regions
	n=\$(wc -l < \$f)
	echo \"\$1 start \$(cut -d' ' -f1 /proc/uptime)\" >> \$r/times
	lazybench run -q --runs 1 --workload mprotect --mode on,off --pages 64 --reps $REPS --warmup $WARMUP --label \$1 --results-dir \$r > \$r/\$1.txt 2>&1
	echo \$? > \$r/\$1.rc
	echo \"\$1 end \$(cut -d' ' -f1 /proc/uptime)\" >> \$r/times
	tail -n +\$((n + 1)) \$f > \$r/\$1.regions
}
krun() { # LABEL: the same with a kernel workload (the module marks its sections)
	lazybench run -q --runs 1 --workload vmalloc --mode on --pages 64 --batch 8 --reps $REPS --warmup $WARMUP --label \$1 --results-dir \$r > \$r/\$1.txt 2>&1
	echo \$? > \$r/\$1.rc
}
run control
\$t markers loop 600 > \$r/markers_loop.txt 2>&1 &
pid=\$!
i=0
until grep -q looping \$r/markers_loop.txt || ! kill -0 \$pid || [ \$i -ge 60 ]; do sleep 1; i=\$((i + 1)); done
run loop
krun kloop
kill -TERM \$pid
wait \$pid
echo \$? > \$r/markers_loop.rc
\$t markers open > \$r/markers_open.txt 2>&1
echo \$? > \$r/markers_open.rc
run open"
R=$OUT/results
[ ! -f "$R/noplugin" ] || fail "plugin not loaded: $(cat "$R/noplugin")"
cat "$R/times" "$R"/markers_*.txt 2>/dev/null || true
for l in control loop kloop open; do
	check "lazybench run ($l) exit 0" [ "$(cat "$R/$l.rc" 2>/dev/null)" = 0 ]
	[ -f "$R/$l/run.json" ] || fail "no $l/run.json: $(cat "$R/$l.txt" 2>/dev/null)"
done

# tcg FILE MODE: the case's tcg counters, one line each: NAME SCOPE available|EPROTO... N_VALUES
# VALUES (space-separated) or the reason.
tcg() {
	jq -r --arg m "$2" '.cases[] | select(.workload == "mprotect" and .mode == $m) |
		.counters[] | select(.name | startswith("tcg")) | [.name, .scope,
		(if .available then "available" else .errno end), (.values // [] | length | tostring),
		(if .available then (.values | map(tostring) | join(" ")) else .reason end)] |
		join("\t")' "$1"
}
# insn_ok FILE MODE: tcg.all.insn is available in both scopes with REPS values, the vCPU's each
# from 1000 (two mprotect calls of 64 pages and four clock reads) to 10^6 (a region that took in
# a foreign one: not a 1 ms spin either).
insn_ok() {
	local c v
	c=$(tcg "$1" "$2")
	grep -q "^tcg.all.insn	other_vcpus	available	$REPS	" <<<"$c" || return 1
	v=$(awk -F'\t' '$1 == "tcg.all.insn" && $2 == "vcpu" && $3 == "available" { print $5 }' <<<"$c")
	[ "$(wc -w <<<"$v")" = "$REPS" ] || return 1
	for x in $v; do [ "$x" -ge 1000 ] && [ "$x" -le 1000000 ] || return 1; done
	! grep -q '	EPROTO	\|^tcg.all	' <<<"$c"
}
# unavailable FILE MODE REGEX: the case's only tcg counter is tcg.all (scope vcpu), unavailable,
# EPROTO, no values, its reason matching REGEX.
unavailable() {
	local c
	c=$(tcg "$1" "$2")
	[ "$(wc -l <<<"$c")" = 1 ] && [ "$(cut -f1-4 <<<"$c")" = "tcg.all	vcpu	EPROTO	0" ] &&
		grep -Eq "$3" <<<"$(cut -f5 <<<"$c")"
}
show() { for m in on off; do echo "$1 $m: $(tcg "$R/$1/run.json" $m | grep -E '^tcg.all(.insn)?	' | tr '\t' ' ')"; done; }

# control
show control
for m in on off; do
	check "control $m: tcg.all.insn available, $REPS values in [1000, 10^6] per repetition" \
		insn_ok "$R/control/run.json" $m
done
nreg=$((2 * (REPS + WARMUP) * 2))
# total FILE: the regions of its sum lines, added up.
total() { awk '$1 == "sum" { n += $4 } END { print n + 0 }' "$1"; }
sums_ok() {
	[ "$(total "$1")" = "$2" ] && [ "$(grep -c '^sum [0-9]* regions 2 migrated 0 ' "$1")" = "$3" ] &&
		[ "$(grep -c '^sum ' "$1")" = "$4" ] && ! grep -q '^error' "$1"
}
# 2 cases x 11 repetitions, each with a sum at its start (0 regions) and its end (2)
nrep=$((2 * (REPS + WARMUP)))
check "control: the plugin summed $nreg regions in $nrep sums of 2 (+ $nrep at the starts), no marker error, none migrated" \
	sums_ok "$R/control.regions" $nreg $nrep $((2 * nrep))

# loop
show loop
check "markers loop: exit 0, regions on CPU 1 only" [ "$(cat "$R/markers_loop.rc")" = 0 ]
foreign_seen() { [ "$(total "$1")" -gt "$nreg" ] || grep -q '^error' "$1"; }
check "loop: the plugin saw foreign regions during the run (more than $nreg summed, or a marker error)" \
	foreign_seen "$R/loop.regions"
mismatch='^repetition [0-9]+: (the TCG plugin reported: error (open while open|close without open|sum while open) cpu [01]|the TCG plugin saw [0-9]+ marked regions, the run had [0-9]+ timed sections$|[0-9]+ marked region\(s\) closed on another vCPU than they opened on )'
for m in on off; do
	check "loop $m: tcg.all unavailable, EPROTO, the reason naming the mismatch" \
		unavailable "$R/loop/run.json" $m "$mismatch"
done

# kloop: a kernel workload (vmalloc, 8 sections of 8 pages per pass) while the loop runs: its
# RUN's sums cannot all match, so every tcg counter of the case is unavailable: one entry per
# marked metric (tcg.map, tcg.unmap, tcg.purge), EPROTO, the reason naming the repetition (and
# metric) or the RUN's repetitions.
kmismatch='^(repetition [0-9]+(, (map|unmap|purge))?: |the TCG plugin wrote [0-9]+ sums of marked regions for the RUN of repetitions 1-[0-9]+ )'
kernel_unavailable() {
	jq -r '.cases[] | select(.workload == "vmalloc") | .counters[] |
		select(.name | startswith("tcg")) | [.name, .scope, (.errno // "available"),
		(.values // [] | length | tostring), (.reason // "")] | join("\t")' "$1" >"$R/kloop.tcg"
	cat "$R/kloop.tcg"
	[ "$(cut -f1-4 "$R/kloop.tcg" | sort | tr '\n' ' ')" = \
		"tcg.map	vcpu	EPROTO	0 tcg.purge	vcpu	EPROTO	0 tcg.unmap	vcpu	EPROTO	0 " ] &&
		[ "$(cut -f5 "$R/kloop.tcg" | sort -u | wc -l)" = 1 ] &&
		cut -f5 "$R/kloop.tcg" | head -n1 | grep -Eq "$kmismatch"
}
check "kloop (vmalloc): tcg.map/unmap/purge unavailable, EPROTO, one reason naming the mismatch" \
	kernel_unavailable "$R/kloop/run.json"

# open (a close marker missing)
show open
check "markers open: exit 0 on CPU 1" grep -q '^markers: one open marker on cpu 1, no close$' "$R/markers_open.txt"
# The harness's first sum marker finds the stale region open: an error, and the sum of what
# closed before (the loop's last regions: skipped by the harness); then its first open, and its
# close ends the stale region (opened on vCPU 1: migrated).
stale_closed() {
	[ "$(sed -n 1p "$1")" = "error sum while open cpu 0 owner 1" ] &&
		sed -n 2p "$1" | grep -Eq '^sum [0-9]+ regions [0-9]+ migrated [0-9]+ own ' &&
		[ "$(sed -n 3p "$1")" = "error open while open cpu 0 owner 1" ] &&
		sed -n 4p "$1" | grep -Eq '^sum [0-9]+ regions 2 migrated 1 own '
}
check "open: the plugin reported the harness's first sum and open, then its close ended the stale region" \
	stale_closed "$R/open.regions"
exact='^repetition 1: the TCG plugin reported: error open while open cpu 0 owner 1$'
first=$(jq -r '.cases[] | select(.counters[] | .name == "tcg.all") | .mode' "$R/open/run.json")
check "open: exactly one case unavailable ($first)" [ "$(wc -w <<<"$first")" = 1 ]
if [ "$(wc -w <<<"$first")" = 1 ]; then
	other=on
	[ "$first" != on ] || other=off
	check "open $first: tcg.all unavailable, EPROTO, \"${exact:1:-1}\"" \
		unavailable "$R/open/run.json" "$first" "$exact"
	check "open $other (after it): tcg.all.insn available again, $REPS values in [1000, 10^6]" \
		insn_ok "$R/open/run.json" "$other"
fi
finish "TCG region accounting: foreign and missing markers make the counters unavailable on $target"
