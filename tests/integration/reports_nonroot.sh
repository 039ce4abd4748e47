#!/usr/bin/env bash
# Issue 12: a run without root (so without tracepoints, and usually without perf counters)
# says so once on stderr, before its counters all come out n/a.
source "$LB_SOURCE_DIR/tests/integration/lib.sh"
chmod 755 "$WORK"
as_user=()
if [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null || fail "setpriv (util-linux) is missing"
	as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
	# The build tree may sit under a home directory nobody cannot enter: run a copy.
	cp "$LB" "$WORK/lazybench"
	chmod 755 "$WORK/lazybench"
	LB=$WORK/lazybench
fi
mkdir -m 777 res
expect_status "non-root run" 0 "${as_user[@]}" "$LB" run --workload munmap --pages 1 --reps 3 \
	--warmup 0 --results-dir res --label nr
grep -q "^lazybench run: warning: not running as root" err.txt ||
	fail "no non-root warning: $ERR"
[ "$(grep -c 'not running as root' err.txt)" = 1 ] || fail "the warning is repeated: $ERR"
echo "ok: non-root warning, once"
expect_status "non-root run, -q" 0 "${as_user[@]}" "$LB" run --workload munmap --pages 1 \
	--reps 3 --warmup 0 --results-dir res --label nrq -q
[ ! -s err.txt ] || fail "-q still printed: $ERR"
echo "ok: -q keeps it quiet"
echo "nonroot: OK"
