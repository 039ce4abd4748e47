#!/usr/bin/env bash
# Issue 12: every bad input a new user tried gets its exit status and a one-line message that
# names it; unique default run ids; compare/validate refuse to report nothing.
source "$LB_SOURCE_DIR/tests/integration/lib.sh"

# expect_msg WHAT STATUS NEEDLE CMD...: exit STATUS, and stderr names NEEDLE in one line.
expect_msg() {
	local what=$1 want=$2 needle=$3
	shift 3
	expect_status "$what" "$want" "$@"
	[ "$(wc -l <err.txt)" = 1 ] || fail "$what: message is not one line: $ERR"
	grep -qF -- "$needle" err.txt || fail "$what: message lacks '$needle': $ERR"
	echo "ok: $what says '$needle'"
}
R="--results-dir res -q --reps 3 --warmup 0"

# A name no event source knows is a usage error; a known one that cannot open stays n/a.
expect_msg "mistyped event" 2 "unknown event 'dtlb_load_miss'" \
	"$LB" run --workload mprotect --pages 1 $R --events dtlb_load_miss
expect_msg "mistyped tracepoint" 2 "unknown event 'tlb:tlb_flushes'" \
	"$LB" run --workload mprotect --pages 1 $R --events tlb:tlb_flushes
expect_status "known pmu event" 0 "$LB" run --workload mprotect --pages 1 $R \
	--events dTLB-store-misses --label known-ev
expect_eq "dTLB-store-misses recorded (available or with a reason)" \
	"$(jq '[.cases[0].counters[] | select(.name == "dTLB-store-misses") |
		(.available or (.reason | length > 0))] | all' res/known-ev/run.json)" true

# List items: no duplicates, no empty items.
expect_msg "duplicate pages" 2 "--pages 16,16: 16 given twice" \
	"$LB" run --workload mprotect --pages 16,16 $R
expect_msg "duplicate remote" 2 "--remote none,none: none given twice" \
	"$LB" run --workload mprotect --pages 1 --remote none,none $R
expect_msg "empty pages item" 2 "--pages 16,,256: empty item" \
	"$LB" run --workload mprotect --pages 16,,256 $R
expect_msg "trailing comma" 2 "--pages 16,: empty item" \
	"$LB" run --workload mprotect --pages 16, $R
expect_msg "empty pages" 2 "--pages '': empty list" \
	"$LB" run --workload mprotect --pages '' $R

# Labels: not an option, length named.
expect_msg "label -x" 2 "--label -x: must not start with '-'" \
	"$LB" run --workload mprotect --pages 1 $R --label -x
long=$(printf 'a%.0s' $(seq 300))
expect_msg "300-char label" 2 "--label: 300 characters, at most 128" \
	"$LB" run --workload mprotect --pages 1 $R --label "$long"
[ ! -e res/-x ] || fail "run -x was written"

# list --cpu checks the CPU as run does.
ncpu=$(nproc)
expect_msg "list --cpu beyond the machine" 2 "--cpu $((ncpu + 5)): no such CPU" \
	"$LB" list --cpu $((ncpu + 5))
expect_status "list --cpu 0" 0 "$LB" list --cpu 0

# Default run ids never collide: three runs started within one second all succeed.
mkdir ids
for i in 1 2 3; do
	"$LB" run --workload munmap --pages 1 --reps 2 --warmup 0 --results-dir ids -q \
		>/dev/null 2>ids.err$i &
done
rcs=0
for job in $(jobs -p); do wait "$job" || rcs=$((rcs + 1)); done
[ "$rcs" = 0 ] || fail "default run ids: $rcs of 3 runs failed: $(cat ids.err*)"
expect_eq "three distinct default run directories" "$(ls ids | sort -u | wc -l)" 3
ls ids | grep -qE '^[0-9]{8}-[0-9]{6}-munmap' || fail "default id lost its time-workload form: $(ls ids)"

# compare: nothing in common is an error; a run against itself warns.
"$LB" run --workload munmap --pages 1 --reps 4 --warmup 0 --label mu --results-dir res -q >/dev/null
"$LB" run --workload mprotect --pages 1 --reps 4 --warmup 0 --label mp --results-dir res -q >/dev/null
expect_msg "compare with no matching case" 1 "no case of mp matches a case of mu that ran in both" \
	"$LB" compare --results-dir res mu mp
expect_status "compare a run with itself" 0 "$LB" compare --results-dir res mp mp
grep -q "warning: mp is compared with itself" err.txt || fail "no self-compare warning: $ERR"
echo "ok: self-compare warns"

# --mode-pairs where no case ran in both modes (off needs the module, which this host lacks).
if [ ! -e /dev/lazybench ] && [ ! -e /proc/modules ]; then
	"$LB" run --workload mprotect --pages 1 --mode on,off --reps 4 --warmup 0 --label modes \
		--results-dir res -q >/dev/null
	expect_msg "mode pairs with nothing in both modes" 1 \
		"error: run modes: no case ran in both mode off and mode on" \
		"$LB" compare --mode-pairs --results-dir res modes
fi

# validate --from a run too short for one pair: error, not a report of unavailable cells.
expect_msg "validate --from a short run" 1 "too few runs for one A/A pair" \
	"$LB" validate --results-dir res --from mp
echo "report refusals: OK"
