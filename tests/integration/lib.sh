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

# csv_timed_rows CSV: how many rows of samples.csv are timed samples (scope "elapsed").
csv_timed_rows() { awk -F, 'NR > 1 && $9 == "elapsed"' "$1" | wc -l; }

# expect_csv_is_run_json DIR: DIR/samples.csv is exactly what DIR/run.json says it must be
# (docs/results-format.md), derived here with jq, independently of the writer: every timed
# sample (scope elapsed, ns), then every available counter's values with its scope, unit (ns
# for the software clocks) and scaled flag; no row for an unavailable counter.
expect_csv_is_run_json() {
	local want=csv.expected
	{
		echo "case_id,workload,variant,mode,pages,batch,remote,metric,scope,rep,value,unit,scaled"
		jq -r '.cases[] as $c | ([$c.id, $c.workload, ($c.variant // ""), $c.mode, $c.pages,
			($c.batch // ""), $c.remote] | map(tostring) | join(",")) as $p |
			(($c.metrics[] | .name as $n | .samples | to_entries[] |
				"\($p),\($n),elapsed,\(.key),\(.value),ns,"),
			($c.counters[] | select(.available) |
				(if .event == "task-clock" or .event == "cpu-clock" then "ns"
				 else "count" end) as $u | (if .scaled then 1 else 0 end) as $s |
				.name as $n | .scope as $sc | .values | to_entries[] |
				"\($p),\($n),\($sc),\(.key),\(.value),\($u),\($s)"))' "$1/run.json"
	} >"$want"
	diff "$want" "$1/samples.csv" >csv.diff ||
		fail "$1/samples.csv differs from run.json: $(head -5 csv.diff)"
	echo "ok: $1/samples.csv = run.json ($(($(wc -l <"$want") - 1)) rows)"
}
