#!/usr/bin/env bash
# Safety of lazybench.ko (issue 9) in one guest (TARGET KERNEL [CONFIG...], normally a debug
# kernel): tests/guest's lb-kmodtest runs the mremap use-after-free repro, the capability checks
# at open/mmap, no executable mapping, PMD-aligned mappings, the TASK_LAZY lifetime cases, a
# fail-nth sweep over every allocation of a RUN, N random/mutated ioctls and a 4-thread race of
# mmap/mremap/munmap/fork/close/TASK_LAZY/RUN. Then: the module unloads, kmemleak finds
# nothing, dmesg holds no splat.
# Environment: LB_FUZZ_IOCTLS (5000), LB_FUZZ_RACE_S (10), LB_FUZZ_SEED (1), LB_SAFETY_TESTS
# (the subcommands before fuzz/race), LB_KMOD_DIR (module source, default kmod/: point it at an
# older tree to see a test fail before a fix), LB_SAFETY_SUMMARY (file to append the counts to).
source "$(dirname "$0")/lib.sh"
kmod_test_args "$@"
shift 3
n=${LB_FUZZ_IOCTLS:-5000}
race_s=${LB_FUZZ_RACE_S:-10}
seed=${LB_FUZZ_SEED:-1}
tests=${LB_SAFETY_TESTS-mremap caps exec align task faults}
kmod_flags=()
[ -z "${LB_KMOD_DIR:-}" ] || kmod_flags=(--no-kmod --kmod "$LB_KMOD_DIR")
arch=${target%_hash}
arch=${arch%_radix}
mkdir -p "$OUT/results"
cp "$(bash "$(dirname "$0")/guest_prog.sh" --arch "$arch")" "$OUT/results/lb-kmodtest"

# shellcheck disable=SC2046
guest $(target_flags "$target") --kernel "$kernel" "${configs[@]}" ${kmod_flags[@]+"${kmod_flags[@]}"} \
	--timeout 3000 -- "
r=./results t=/results/lb-kmodtest kl=/sys/kernel/debug/kmemleak
[ -e \$kl ] && echo clear > \$kl
for c in $tests; do
	\$t \$c > \$r/\$c.txt 2>&1; echo \$? > \$r/\$c.rc
	# The fault sweep makes the allocator print its failures (with call traces): apart.
	[ \$c != faults ] || dmesg -c > \$r/dmesg_faults.txt
done
\$t fuzz $n $seed > \$r/fuzz.txt 2>&1; echo \$? > \$r/fuzz.rc
\$t race $race_s $seed > \$r/race.txt 2>&1; echo \$? > \$r/race.rc
rmmod lazybench > \$r/rmmod.txt 2>&1; echo \$? > \$r/rmmod.rc
if [ -e \$kl ]; then
	# kmemleak reports objects older than 5 s; two scans, as its documentation advises.
	sleep 6; echo scan > \$kl; sleep 1; echo scan > \$kl; cat \$kl > \$r/kmemleak.txt
fi
dmesg > \$r/dmesg.txt
"
R=$OUT/results
for c in $tests fuzz race; do
	echo "--- $c"
	cat "$R/$c.txt" 2>/dev/null || true
	check "lb-kmodtest $c passes" [ "$(cat "$R/$c.rc" 2>/dev/null)" = 0 ]
done
check "fuzz sent $n ioctls" grep -q "^fuzz: sent=$n " "$R/fuzz.txt"
check "race ran every operation" grep -q '^ok   race: every operation ran' "$R/race.txt"
check "the module unloads afterwards" [ "$(cat "$R/rmmod.rc")" = 0 ]
debug=no
for c in "$@"; do [ "$c" != debug ] || debug=yes; done
# leaks FILE: kmemleak's count of unreferenced objects, or "unavailable".
leaks() { if [ -f "$1" ]; then grep -c 'unreferenced object' "$1" || true; else echo unavailable; fi; }
if [ "$debug" = yes ] || [ -f "$R/kmemleak.txt" ]; then
	check "kmemleak ran and found no unreferenced object" [ "$(leaks "$R/kmemleak.txt")" = 0 ]
	grep -A12 'unreferenced object' "$R/kmemleak.txt" 2>/dev/null | head -60 || true
fi
if [ -f "$R/dmesg_faults.txt" ]; then
	fault_re='WARNING:|BUG:|Oops|sleeping function called|possible circular|possible recursive|inconsistent lock|KASAN:'
	# From our module's load on: a report at boot is the kernel's own (lib.sh no_splat).
	faults_clean() { ! since_our_load "$R/dmesg_faults.txt" | grep -Eq "$fault_re"; }
	check "fault sweep: no BUG, KASAN, lockdep or WARNING" faults_clean
	since_our_load "$R/dmesg_faults.txt" | grep -E -B8 -A30 "$fault_re" | head -100 || true
fi
check "no warning, BUG or splat in dmesg" no_splat "$R/dmesg.txt"
splat_re='WARNING:|BUG:|Oops|Call Trace|sleeping function|KASAN:|possible (circular|recursive)|inconsistent lock'
no_splat "$R/dmesg.txt" || grep -E -B8 -A30 "$splat_re" "$R/dmesg.txt" | head -150 || true
if [ -n "${LB_SAFETY_SUMMARY:-}" ]; then
	{
		echo "$target kernel $kernel ${*:-}: $(grep '^fuzz: sent' "$R/fuzz.txt")"
		echo "$target kernel $kernel ${*:-}: $(grep '^race: threads' "$R/race.txt")"
		echo "$target kernel $kernel ${*:-}: kmemleak $(leaks "$R/kmemleak.txt"), rmmod rc $(cat "$R/rmmod.rc")"
	} >>"$LB_SAFETY_SUMMARY"
fi
finish "kmod safety on $target, kernel $kernel ${*:-}"
