#!/usr/bin/env bash
# Integration (compare, plot, tune, validate): two real short runs on this machine, compared in every format;
# the email format has no line over 72 columns and no non-ASCII byte; plot makes non-empty
# PNG, SVG and ASCII figures with the expected titles; tune and validate run on real data.
set -euo pipefail
lb=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

run() { "$lb" run --workload mprotect,munmap --pages 1,16 --reps 12 --warmup 2 \
	--results-dir "$work/results" --label "$1" -q; }
run a
run b
[ -s "$work/results/a/run.json" ] || fail "run a wrote no run.json"

for fmt in text email markdown json csv; do
	"$lb" compare --results-dir "$work/results" --format "$fmt" a b >"$work/cmp.$fmt" ||
		fail "compare --format $fmt exited $?"
	[ -s "$work/cmp.$fmt" ] || fail "compare --format $fmt printed nothing"
done
# Every case of the runs is in the report: 2 workloads x 2 page counts.
grep -q 'mprotect/-/on/p16/b-/none' "$work/cmp.text" || fail "text lacks mprotect p16"
grep -q 'munmap/-/on/p1/b-/none' "$work/cmp.csv" || fail "csv lacks munmap p1"
# One row and one test per metric of every case (mprotect has two metrics, munmap one).
metrics=$(python3 -c 'import json,sys; print(sum(len(c["metrics"]) for c in json.load(open(sys.argv[1]))["cases"]))' \
	"$work/results/a/run.json")
[ "$metrics" -ge 4 ] || fail "run a has only $metrics metrics"
[ "$(grep -c ',metric,' "$work/cmp.csv")" -eq "$metrics" ] || fail "csv should have $metrics metric rows"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["statistics"]["n_tests"]==int(sys.argv[2]), d["statistics"]' \
	"$work/cmp.json" "$metrics" || fail "json n_tests is not $metrics"
grep -q '^| `mprotect/-/on/p1/b-/none` |' "$work/cmp.markdown" || fail "markdown table row missing"

# The mail contract.
if awk 'length > 72 { print NR": "$0; bad=1 } END { exit !bad }' "$work/cmp.email"; then
	fail "email has lines over 72 columns"
fi
if LC_ALL=C grep -nP '[^\x00-\x7F]' "$work/cmp.email"; then
	fail "email has non-ASCII bytes"
fi
grep -q 'confidence' "$work/cmp.email" || fail "email has no ministat-style verdict"
grep -q "lazybench run --workload mprotect,munmap" "$work/cmp.email" ||
	fail "email lacks the command line to reproduce"
grep -Eq '^ +base +%sd +%change +new +%sd$' "$work/cmp.email" || fail "email lacks the LKP header"

# Wrong values: one-line error naming the flag, exit 2.
set +e
"$lb" compare --format xml a b 2>"$work/err"; rc=$?
set -e
[ "$rc" -eq 2 ] || fail "--format xml exited $rc, not 2"
grep -q -- '--format' "$work/err" || fail "error does not name --format"
[ "$(wc -l <"$work/err")" -eq 1 ] || fail "error is not one line"

# Plots in the three formats, with titles naming the workload and the kernel.
rel=$(uname -r)
for fmt in png svg ascii; do
	"$lb" plot --results-dir "$work/results" --format "$fmt" -o "$work/plots-$fmt" a b \
		>"$work/plot-$fmt.log" || fail "plot --format $fmt exited $?"
done
# Figure names: KIND_WORKLOAD, or KIND_WORKLOAD_METRIC when the metric is not the workload.
mp=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print([m["name"] for c in r["cases"] if c["workload"]=="mprotect" for m in c["metrics"]][0])' \
	"$work/results/a/run.json")
if [ "$mp" = mprotect ]; then mfig=mprotect mtitle=mprotect; else mfig=mprotect_$mp mtitle="mprotect $mp"; fi
for f in "bars_$mfig" "box_$mfig" "pages_$mfig" bars_munmap box_munmap pages_munmap; do
	[ -s "$work/plots-png/$f.png" ] || fail "no $f.png"
	[ -s "$work/plots-svg/$f.svg" ] || fail "no $f.svg"
	[ -s "$work/plots-ascii/$f.txt" ] || fail "no $f.txt"
done
head -c 8 "$work/plots-png/bars_munmap.png" | grep -q PNG || fail "bars png is not a PNG"
grep -q "$mtitle: median per run, 95% CI (kernel $rel" "$work/plots-svg/bars_$mfig.svg" ||
	fail "svg title lacks workload and kernel"
grep -q "munmap: cost vs pages per operation" "$work/plots-ascii/pages_munmap.txt" ||
	fail "ascii title missing"
grep -q "skipped: batch_$mfig (no batch size recorded" "$work/plot-png.log" ||
	fail "plot did not say why the batch figure was skipped"

# tune has nothing to tune on syscall workloads and says so (exit 1, one line).
set +e
"$lb" tune --results-dir "$work/results" a 2>"$work/err"; rc=$?
set -e
[ "$rc" -eq 1 ] && grep -q 'no batch sweep' "$work/err" || fail "tune on a run without batches"

# validate on a real run: A/A figures are printed, module parts say why they are unavailable.
"$lb" validate --results-dir "$work/results" --pairs 4 --half 6 --workload mprotect \
	--pages 1 >"$work/validate" 2>/dev/null || fail "validate exited $?"
grep -Eq 'A/A false-positive rate: [0-9]+/(4|8) ' "$work/validate" || fail "validate A/A line"
grep -Eq 'injected delay: (unavailable: .+|.*detected in)' "$work/validate" ||
	fail "validate injected-delay line"
grep -q 'timer cost' "$work/validate" || fail "validate timer line"
echo "compare integration: OK"
