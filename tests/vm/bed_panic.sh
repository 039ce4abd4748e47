#!/usr/bin/env bash
# A guest that panics on purpose makes the host command fail fast (125) with the console tail;
# a hung one is killed at --timeout.
source "$(dirname "$0")/lib.sh"
start=$(date +%s)
vm --arch x86_64 --no-kmod --no-lazybench -- 'echo c > /proc/sysrq-trigger; sleep 600'
took=$(($(date +%s) - start))
expect_rc 125
grep -q 'error: guest kernel panicked' "$OUT/stderr" || fail "no panic error line"
grep -q '  | .*sysrq' "$OUT/stderr" || fail "the console tail does not show the sysrq crash"
[ "$took" -lt 120 ] || fail "panic took ${took}s to report"
start=$(date +%s)
vm --arch x86_64 --no-kmod --no-lazybench --timeout 25 -- 'sleep 600'
took=$(($(date +%s) - start))
expect_rc 125
grep -q 'did not finish within 25s' "$OUT/stderr" || fail "no timeout error line"
[ "$took" -lt 90 ] || fail "timeout took ${took}s"
echo "PASS: panic and hang reported"
