# Helpers for the harness integration tests: source it, then call fail/expect_*.
# $LB is the lazybench binary; every test works in its own temporary directory.
set -euo pipefail
LB=$1
WORK=$(mktemp -d /tmp/lb_integration.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# expect_eq WHAT ACTUAL EXPECTED
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: got '$2', expected '$3'"
	echo "ok: $1 = $3"
}

# expect_status WHAT EXPECTED CMD...: runs CMD, checks its exit status, keeps stderr in $ERR
expect_status() {
	local what=$1 want=$2 rc=0
	shift 2
	"$@" >out.txt 2>err.txt || rc=$?
	ERR=$(cat err.txt)
	[ "$rc" = "$want" ] || fail "$what: exit $rc, expected $want (stderr: $ERR)"
	echo "ok: $what exits $want"
}

# run_interrupted LABEL RUN-ARGS...: start `lazybench run RUN-ARGS --label LABEL --results-dir res
# -q` in the background, let it measure for a second once res/LABEL exists, send SIGINT, and
# leave its exit status in $RC (stdout in out.txt, stderr in err.txt).
run_interrupted() {
	local label=$1 pid
	shift
	"$LB" run "$@" --label "$label" --results-dir res -q >out.txt 2>err.txt &
	pid=$!
	for _ in $(seq 50); do [ -d "res/$label" ] && break; sleep 0.1; done
	sleep 1
	kill -INT $pid
	RC=0
	wait $pid || RC=$?
}
