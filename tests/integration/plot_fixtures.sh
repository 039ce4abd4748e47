#!/usr/bin/env bash
# plot and tune on the hand-made QEMU TCG sweep fixture: which figures are made and skipped,
# titles with kernel, arch and the TCG label, the tune knee marked on the batch figure.
set -euo pipefail
lb=$1
data=$LB_SOURCE_DIR/tests/data/runs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$lb" plot --format svg -o "$work/svg" "$data/sweep-tcg" >"$work/log" || fail "plot exited $?"
for f in bars_vmalloc_map batch_vmalloc_map batch_vmalloc_unmap box_vmalloc_map \
	pages_mprotect remote_mprotect; do
	[ -s "$work/svg/$f.svg" ] || fail "no $f.svg"
done
grep -q 'vmalloc map: cost per PTE vs batch size (kernel 7.2.13, aarch64, QEMU TCG)' \
	"$work/svg/batch_vmalloc_map.svg" || fail "batch title lacks kernel/arch/TCG"
grep -q 'skipped: pages_vmalloc_map (no series with two or more --pages values)' "$work/log" ||
	fail "pages figure of vmalloc not reported as skipped"
grep -q 'skipped: batch_mprotect (no batch size recorded' "$work/log" ||
	fail "batch figure of mprotect not reported as skipped"
# The knee file marks what tune prints: on/map at batch 32..128 (true knee 32; tune's CI rule
# never goes below it and, with 2 reps per round in the fixture, may stay up to two steps above).
"$lb" tune "$data/sweep-tcg" >"$work/tune" || fail "tune exited $?"
knee=$(awk '$1 == "vmalloc" && $3 == "on" && $6 == "map" { print $8 }' "$work/tune")
case $knee in 32 | 64 | 128) ;; *) fail "tune on/map picked batch '$knee'" ;; esac
grep -q "^$knee " "$work/svg/batch_vmalloc_map.knee.dat" || fail "knee $knee not marked on the figure"
# Usage errors: one line naming the value, exit 2.
set +e
"$lb" plot --format jpg "$data/sweep-tcg" 2>"$work/err"; rc=$?
set -e
[ "$rc" -eq 2 ] && grep -q -- '--format jpg' "$work/err" || fail "--format jpg: rc $rc"
echo "plot fixtures: OK"
