#!/usr/bin/env bash
# Issue 12: the progress line (drawn only on a terminal: `script` gives the run one) shows the
# round, the case within the round, and counts the user's repetitions apart from the warmup.
source "$LB_SOURCE_DIR/tests/integration/lib.sh"
command -v script >/dev/null || fail "script (util-linux) is missing"
script -qec "'$LB' run --workload munmap --pages 1,2 --reps 4 --rounds 2 --warmup 3 \
	--results-dir res --label prog" /dev/null >tty.txt || fail "run under script failed"
# Each redraw starts with \r and ESC [ K: split on them.
tr '\r' '\n' <tty.txt | sed 's/\x1b\[K//g' | grep -E '^\[round' >lines.txt ||
	fail "no progress line: $(head -c 400 tty.txt)"
grep -q '^\[round 2/2, case 2/2\] munmap/' lines.txt || fail "no round 2/2 case 2/2 line"
grep -Eq ' warmup [1-3]/3 ' lines.txt || fail "warmup not labelled: $(sort -u lines.txt | head)"
grep -Eq ' rep 2/2 ' lines.txt || fail "the round's chunk (2 of 4 reps) is not shown as rep 2/2"
if grep -Eq ' rep [0-9]+/(5|7) ' lines.txt; then
	fail "warmup counted as repetitions: $(grep -E ' rep [0-9]+/(5|7) ' lines.txt | head -2)"
fi
echo "ok: progress shows the round and keeps warmup apart"
echo "reports progress: OK"
