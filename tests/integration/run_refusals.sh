# Usage errors exit 2 with one line naming the flag or value; an existing run is never
# overwritten; refused cases are kept with their reason.
source "$LB_SOURCE_DIR/tests/integration/lib.sh"

check_usage() { # WHAT NEEDLE ARGS...
	local what=$1 needle=$2
	shift 2
	expect_status "$what" 2 "$LB" run "$@" --results-dir res -q
	[ "$(wc -l <err.txt)" = 1 ] || fail "$what: error is not one line: $ERR"
	grep -qF -- "$needle" err.txt || fail "$what: error does not name '$needle': $ERR"
}
check_usage "unknown flag" "--bogus" --bogus
check_usage "bad reps" "--reps" --reps 0
check_usage "reps without value" "--reps" --reps
check_usage "bad workload" "nosuch" --workload mprotect,nosuch
check_usage "bad pages" "--pages" --pages 12x
check_usage "bad mode" "--mode" --mode sideways
check_usage "bad remote" "--remote" --remote far
check_usage "bad cpu" "--cpu" --cpu 4096
check_usage "bad label" "--label" --label ../escape
check_usage "bad event" "--events" --events 'tlb:tlb_flush[reason == 4'
[ ! -e res ] || [ -z "$(ls res)" ] || fail "a refused command line created a run"
echo "ok: no run directory from usage errors"

expect_status "help" 0 "$LB" run --help
grep -q -- "--remote" out.txt || fail "--help does not list --remote"
expect_status "list help" 0 "$LB" list --help
expect_status "env help" 0 "$LB" env --help
expect_status "env bad flag" 2 "$LB" env --nope

expect_status "first run" 0 "$LB" run --runs 1 --workload munmap --pages 4 --reps 3 --warmup 0 \
	--label dup --results-dir res -q
before=$(md5sum res/dup/run.json)
expect_status "same label again" 2 "$LB" run --runs 1 --workload munmap --pages 4 --reps 3 \
	--label dup --results-dir res -q
grep -q "already exists" err.txt || fail "refusal does not say it exists: $ERR"
expect_eq "run.json untouched" "$(md5sum res/dup/run.json)" "$before"

# mode off needs the module; nested is for kernel workloads: both refused, case kept.
expect_status "refused modes" 0 "$LB" run --runs 1 --workload mprotect --pages 4 --mode on,off,nested \
	--reps 3 --label modes --results-dir res -q
J=res/modes/run.json
expect_eq "three cases kept" "$(jq '.cases | length' $J)" 3
# Without the module (this host kernel cannot load modules) "off" names the module as the reason.
if [ ! -e /dev/lazybench ]; then
	jq -r '.cases[] | select(.mode == "off") | .refused.reason' $J | grep -qi "module" ||
		fail "off refusal does not name the module: $(jq -c '.cases[] | select(.mode == "off") | .refused' $J)"
	echo "ok: off refused, reason names the module"
fi
expect_eq "nested refused for a syscall workload" "$(jq -r '.cases[] |
	select(.mode == "nested") | .refused.errno' $J)" EINVAL
expect_eq "off has no samples" "$(jq '.cases[] | select(.mode == "off") | .metrics | length' $J)" 0
expect_eq "on ran" "$(jq '.cases[] | select(.mode == "on") | .reps_done' $J)" 3
expect_eq "csv timed rows for the case that ran (3 reps x protect+unprotect)" \
	"$(csv_timed_rows res/modes/samples.csv)" 6
expect_eq "csv: no row of a refused case" "$(grep -c -v -e '^case_id,' -e '^mprotect/-/on/' \
	res/modes/samples.csv)" 0
expect_csv_is_run_json res/modes

# A placement this machine lacks is refused with the reason.
if [ "$("$LB" env --json | jq .topology.numa_nodes)" = 1 ]; then
	expect_status "numa on one node" 0 "$LB" run --runs 1 --workload mprotect --pages 4 --remote numa \
		--reps 3 --label numa --results-dir res -q
	jq -r '.cases[0].refused.reason' res/numa/run.json | grep -q "NUMA" ||
		fail "numa refusal reason missing"
	echo "ok: numa placement refused with its reason"
fi
