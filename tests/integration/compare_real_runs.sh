#!/usr/bin/env bash
# Integration (compare, plot, tune, validate): two real `run --runs 3` results on this machine
# (3 separately started processes each), compared in every format; the replicate structure and
# the replicate-level statistics are asserted (values and their consistency, not timings);
# the email format has no line over 72 columns and no non-ASCII byte; plot makes non-empty
# PNG, SVG and ASCII figures with the expected titles; tune and validate run on real data.
set -euo pipefail
lb=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

run() { "$lb" run --workload mprotect,munmap --pages 1,16 --reps 12 --warmup 2 --runs 3 \
	--results-dir "$work/results" --label "$1" -q; }
run a
run b
[ -s "$work/results/a/run.json" ] || fail "run a wrote no run.json"

# One result with 3 replicates: each its own process's result under replicates/rI, listed at
# the top level, settings.runs 3, every case 12 + 12 + 12 samples in replicate order.
for i in 1 2 3; do
	[ -s "$work/results/a/replicates/r$i/run.json" ] || fail "no replicate r$i"
done
python3 - "$work/results/a" <<'PY' || fail "replicate structure of run a"
import json, sys, csv
d = sys.argv[1]
r = json.load(open(d + "/run.json"))
assert r["settings"]["runs"] == 3, r["settings"]
assert [x["label"] for x in r["replicates"]] == ["r1", "r2", "r3"], r["replicates"]
assert [x["seed"] for x in r["replicates"]] == [1, 2, 3]
assert r["complete"] is True
for c in r["cases"]:
    assert c["replicate_reps"] == [12, 12, 12], c["id"]
    assert c["reps_done"] == 36
    for m in c["metrics"]:
        assert len(m["samples"]) == 36 and m["summary"]["n"] == 36
    for i in range(3):
        rep = json.load(open("%s/replicates/r%d/run.json" % (d, i + 1)))
        rc = [x for x in rep["cases"] if x["id"] == c["id"]][0]
        for m, rm in zip(c["metrics"], rc["metrics"]):
            assert m["samples"][12 * i:12 * i + 12] == rm["samples"], (c["id"], i)
# samples.csv of the merged run (written through the results writer): every timed sample and
# every available counter value, per (case, name, scope) in run.json's order; none for an
# unavailable counter.
rows = list(csv.DictReader(open(d + "/samples.csv")))
got = {}
for x in rows:
    got.setdefault((x["case_id"], x["metric"], x["scope"]), []).append(x)
want = {}
for c in r["cases"]:
    for m in c["metrics"]:
        want[(c["id"], m["name"], "elapsed")] = (m["samples"], "ns", "")
    for k in c["counters"]:
        if k["available"]:
            unit = "ns" if k["event"] in ("task-clock", "cpu-clock") else "count"
            want[(c["id"], k["name"], k["scope"])] = (k["values"], unit,
                                                      "1" if k["scaled"] else "0")
assert set(got) == set(want), set(got) ^ set(want)
for key, (vals, unit, scaled) in want.items():
    assert [int(x["rep"]) for x in got[key]] == list(range(36)), key
    assert [float(x["value"]) for x in got[key]] == [float(v) for v in vals], key
    assert {(x["unit"], x["scaled"]) for x in got[key]} == {(unit, scaled)}, key
assert ("mprotect/-/on/p1/b-/none", "task-clock", "thread") in want, "no task-clock counter"
assert len(rows) == sum(36 * (len(c["metrics"]) + sum(k["available"] for k in c["counters"]))
                        for c in r["cases"])
PY

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
# Replicate-level statistics: 3 runs per side, a verdict for every metric, p and the CI agree,
# the run-to-run SD is a spread across replicates, the planning numbers are there.
python3 - "$work/cmp.json" <<'PY' || fail "replicate-level statistics in the json report"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["statistics"]["min_replicates"] == 3
for c in d["comparisons"][0]["cases"]:
    for m in c["metrics"]:
        assert m["replicate_unit"] == "replicate" and m["k_a"] == 3 and m["k_b"] == 3, m
        assert m["n_a"] == 36 and m["tested"], m
        assert m["verdict"] in ("different", "equivalent", "inconclusive"), m
        excl = m["ci_low_pct"] > 0 or m["ci_high_pct"] < 0
        assert (m["p"] < 0.05) == excl == m["significant"], m
        assert m["run_sd_a"] is not None and m["run_sd_a"] >= 0
        assert m["welch_t"]["df"] >= 2 - 1e-9, m
        assert m["mde_pct"] > 0
        e = m["equivalence"]
        assert e["low_pct"] >= m["ci_low_pct"] - 1e-9 and e["high_pct"] <= m["ci_high_pct"] + 1e-9
PY
grep -q 'run SD' "$work/cmp.text" || fail "text lacks the run-to-run SD column"
# One replicate against three: the change, no verdict, and how many runs it takes.
"$lb" compare --results-dir "$work/results" "$work/results/a/replicates/r1" b >"$work/one.txt" ||
	fail "compare of one replicate exited $?"
grep -q 'No verdict: 1 vs 3 replicates (3 per side needed' "$work/one.txt" ||
	fail "one replicate per side must give no verdict"
grep -q '^0 tests\|0 tests in this report' "$work/one.txt" || fail "no verdict must mean no test"
# Several runs per side, comma-separated: their replicates pool (6 against 3).
"$lb" compare --results-dir "$work/results" --format json a,b b >"$work/pool.json" ||
	fail "compare a,b b exited $?"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); m=d["comparisons"][0]["cases"][0]["metrics"][0]; assert (m["k_a"], m["k_b"]) == (6, 3), m; assert d["runs"][0]["label"] == "a+b"' \
	"$work/pool.json" || fail "a,b did not pool 6 replicates"

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

# validate across separately started runs: 2 pairs x 2 sides x 3 runs = 12 runs of mprotect p1
# (2 metrics): 4 A/A tests; module parts say why they are unavailable.
"$lb" validate --results-dir "$work/results" --pairs 2 --runs-per-side 3 --reps 5 \
	--workload mprotect --pages 1 >"$work/validate" 2>/dev/null || fail "validate exited $?"
[ "$(ls -d "$work"/results/validate-*/aa* | wc -l)" -eq 12 ] || fail "validate did not start 12 runs"
grep -Eq 'A/A false-positive rate: [0-4]/4 ' "$work/validate" || fail "validate A/A line"
grep -Eq 'power to detect \+5% \(shift added to samples\): [0-4]/4 ' "$work/validate" ||
	fail "validate power line (labelled: shift added to samples)"
grep -q 'module delay across runs: not measured (the workloads are not all kernel workloads)' \
	"$work/validate" || fail "validate module-delay line"
set +e
"$lb" validate --delay module --workload mprotect --results-dir "$work/results" 2>"$work/err"
rc=$?
set -e
[ "$rc" -eq 2 ] && grep -q 'must all be kernel workloads' "$work/err" ||
	fail "validate --delay module with a syscall workload: exit $rc, $(cat "$work/err")"
grep -Eq 'injected delay: (unavailable: .+|.*detected in)' "$work/validate" ||
	fail "validate injected-delay line"
grep -q 'timer cost' "$work/validate" || fail "validate timer line"
echo "compare integration: OK"
