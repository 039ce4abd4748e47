#!/usr/bin/env bash
# Issue 12, plots: the remote figure compares one scope with itself (data checked against the
# run.json medians), times in ns/us/ms, distinct colours (base blue, new vermillion in box
# plots; one colour per counter in the remote figure), ASCII keys with their symbols and
# numbered cases, and a 40-case bar chart that grows wide enough with vertical labels.
source "$LB_SOURCE_DIR/tests/integration/lib.sh"
export LB_PLOTS_DIR=$LB_SOURCE_DIR/plots
D=$LB_SOURCE_DIR/tests/data/runs
A=$D/scopes-base B=$D/scopes-new
for fmt in svg ascii; do
	expect_status "plot --format $fmt" 0 "$LB" plot --format $fmt -o $fmt "$A" "$B"
done

# Remote figure data: every column is one (scope, counter); each value is that counter's
# median in that scope of that placement's case, NaN where the scope does not exist.
python3 - "$A/run.json" svg/remote_fork_scopes-base.dat <<'PY' || fail "remote figure data"
import json, shlex, statistics, sys
run = json.load(open(sys.argv[1]))
rows = [shlex.split(l) for l in open(sys.argv[2]) if l.strip()]
head, body = rows[0][1:], rows[1:]
scopes = {"measuring CPU": "cpu", "remote CPU": "remote_cpu"}
assert head, "no series"
for col, title in enumerate(head):
    where, name = title.split(": ", 1)
    scope = scopes[where]          # KeyError: a column without a scope
    for row in body:
        placement = row[0].split()[0]
        case = [c for c in run["cases"] if c["remote"] == placement][0]
        ks = [k for k in case["counters"] if k["name"] == name and k["scope"] == scope]
        want = statistics.median(ks[0]["values"]) if ks else None
        got = float(row[1 + col])
        if want is None:
            assert got != got, (title, placement, got)   # NaN: the scope does not exist
        else:
            assert got == want, (title, placement, got, want)
cols = {t: i for i, t in enumerate(head)}
flush = [float(r[1 + cols["measuring CPU: tlb_flush"]]) for r in body]
assert flush == [14.0, 19.0], flush    # rises with the reader, on the same CPU
print("ok: remote figure columns are one scope each and match run.json")
PY

# Units: fork takes ~115 us: the axis says us and the data are in us.
grep -q 'fork per operation (us, median)' svg/bars_fork.svg || fail "bars: y axis not in us"
grep -q 'fork per operation (us, log scale)' svg/box_fork.svg || fail "box: y axis not in us"
awk 'NR > 1 && ($2 < 50 || $2 > 500) { bad = 1 } END { exit bad }' svg/bars_fork.dat ||
	fail "bars data not scaled to us: $(cat svg/bars_fork.dat)"
if grep -q '10<tspan' svg/*.svg; then fail "a tick label in powers of ten"; fi
echo "ok: times in us"

# Colours: base and new boxes differ; the remote figure gives each counter its own colour.
grep -q "rgb(  0, 114, 178)" svg/box_fork.svg && grep -q "rgb(213,  94,   0)" svg/box_fork.svg ||
	fail "box plot: base and new not in blue and vermillion"
python3 - svg/remote_fork_scopes-new.dat svg/remote_fork_scopes-new.svg <<'PY' || fail "remote colours"
import re, shlex, sys
head = shlex.split(open(sys.argv[1]).readline())[1:]
counters = {t.split(": ", 1)[1] for t in head}
svg = open(sys.argv[2]).read()
fills = set(re.findall(r"rgb\(\s*\d+,\s*\d+,\s*\d+\)", svg.replace(" ", "")))
assert len(fills) >= len(counters), (len(fills), counters)
print("ok: %d counters, %d distinct colours" % (len(counters), len(fills)))
PY

# ASCII: key entries carry their symbol; cases are numbered and listed.
grep -q '\[\*\] scopes-base' ascii/bars_fork.txt && grep -q '\[#\] scopes-new' ascii/bars_fork.txt ||
	fail "ascii bars key without symbols"
grep -q '^cases:  1 = on/p256  2 = on/p256/llc' ascii/box_fork.txt || fail "ascii box: no case list"
grep -Eq '\*\*\*A\*\*\* ?measuring CPU: tlb_flush' ascii/remote_fork_scopes-base.txt ||
	fail "ascii remote key without markers"
echo "ok: ascii keys and case lists"

# 40 cases: the bar chart widens and turns its labels vertical; no header row as a case.
"$LB" run --workload munmap --pages "$(seq -s, 1 40)" --reps 3 --warmup 0 --label m40 \
	--results-dir res -q >/dev/null || fail "40-case run"
expect_status "plot 40 cases" 0 "$LB" plot --format svg -o m40 --results-dir res m40
w=$(grep -o 'width="[0-9]*"' m40/bars_munmap.svg | head -1 | tr -dc 0-9)
[ "$w" -ge 1240 ] || fail "40-case bar chart only $w px wide"
expect_eq "vertical case labels" "$(grep -c 'rotate(-90)' m40/bars_munmap.svg)" 40
if grep -q '>case<' m40/bars_munmap.svg; then fail "the header row became a case"; fi
echo "reports plots: OK"
