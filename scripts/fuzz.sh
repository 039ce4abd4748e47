#!/usr/bin/env bash
# The lazybench.ko fuzz campaign (issue 9): on each debug guest, N random and mutated ioctls
# (INFO, RUN, TASK_LAZY) and a race of mmap/mremap/munmap/fork/close/TASK_LAZY/RUN from 4
# threads, then: the module unloads, kmemleak finds nothing, dmesg holds no splat. The vm tier
# runs a short version of the same (vm.kmod_safety_*); this is the long one.
#   scripts/fuzz.sh [--ioctls N] [--race-seconds S] [--seed S] [TARGET...]
# TARGETs: x86_64 (debug + KASAN), arm64 (debug + KASAN), ppc64le_hash (debug, no KASAN: it
# needs radix); default x86_64 (each other target is one more cold kernel build). Not
# ppc64le_radix: its debug + KASAN kernel does not boot under TCG (README). Prints the counts per target at the
# end; exit 1 if any target failed.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
n=100000 race_s=60 seed=$(date +%s) targets=()
while [ $# -gt 0 ]; do
	case "$1" in
	--ioctls) n=${2:?} && shift ;;
	--race-seconds) race_s=${2:?} && shift ;;
	--seed) seed=${2:?} && shift ;;
	-h | --help) sed -n '2,9s/^# \{0,1\}//p' "$0" && exit 0 ;;
	-*) echo "fuzz.sh: unknown option $1" >&2 && exit 2 ;;
	*) targets+=("$1") ;;
	esac
	shift
done
[ ${#targets[@]} -gt 0 ] || targets=(x86_64)
bash "$top/scripts/build.sh" >/dev/null
build=${LB_BUILD_DIR:-$top/build}
summary=$(mktemp "${TMPDIR:-/tmp}/lazybench-fuzz.XXXXXX")
trap 'rm -f "$summary"' EXIT
rc=0
for t in "${targets[@]}"; do
	case "$t" in
	x86_64 | arm64) configs=(debug kasan) ;;
	ppc64le_hash) configs=(debug no-kasan) ;; # KASAN needs radix on book3s64
	ppc64le_radix) echo "fuzz.sh: ppc64le_radix: its debug + KASAN kernel does not boot under TCG (README)" >&2 && exit 2 ;;
	*) echo "fuzz.sh: unknown target $t" >&2 && exit 2 ;;
	esac
	start=$(date +%s)
	# Named targets run even outside the default tier's debug kernels (debug_kernel_gate).
	LB_VM_DEBUG_ALL=1 LB_SOURCE_DIR=$top LB_BUILD_DIR=$build LB_SAFETY_TESTS="" LB_FUZZ_IOCTLS=$n \
		LB_FUZZ_RACE_S=$race_s LB_FUZZ_SEED=$seed LB_SAFETY_SUMMARY=$summary \
		bash "$top/tests/vm/kmod_safety.sh" "$build/src/lazybench" "$t" 7 "${configs[@]}" || rc=1
	echo "$t: wall $(($(date +%s) - start)) s (seed $seed)" >>"$summary"
done
echo "=== fuzz campaign: $n ioctls, ${race_s} s race, seed $seed"
cat "$summary"
exit $rc
