# A small mprotect run with a remote reader on this machine: results files follow
# docs/results-format.md, tlb_flush is counted (> 0), cycles is unavailable with its reason
# when the kernel exposes no PMU, and samples.csv has one row per repetition of each timed
# metric and of each available counter (its scope and per-repetition values as in run.json).
source "$LB_SOURCE_DIR/tests/integration/lib.sh"

# The remote placement this machine has (llc here; smt on an SMT machine, ...).
remote=$("$LB" env --json | jq -r '
	if .topology.pus < 2 then "none"
	elif .smt == "on" then "smt" else "llc" end')
[ "$remote" != none ] || { echo "SKIP: one CPU, no remote placement"; exit 0; }
expect_status "run" 0 "$LB" run --runs 1 --workload mprotect --pages 16,64 --remote "$remote" \
	--reps 12 --warmup 2 --label small --results-dir res -q
J=res/small/run.json
[ -f "$J" ] || fail "no run.json"
[ ! -e res/small/run.json.tmp ] || fail "temporary file left behind"
expect_eq schema_version "$(jq .schema_version $J)" 2
expect_eq complete "$(jq .complete $J)" true
expect_eq cases "$(jq '.cases | length' $J)" 2
expect_eq aslr_disabled "$(jq .settings.aslr_disabled $J)" true
expect_eq "env is recorded" "$(jq -r .env.arch $J)" "$(uname -m)"
expect_eq "run order recorded" "$(jq '.settings.run_order | length' $J)" 2
expect_eq "case ids" "$(jq -r '[.cases[].id] | join(" ")' $J)" \
	"mprotect/-/on/p16/b-/$remote mprotect/-/on/p64/b-/$remote"
expect_eq "reps_done" "$(jq '[.cases[].reps_done] | unique | .[]' $J)" 12
expect_eq "samples per metric" "$(jq '[.cases[].metrics[0].samples | length] | unique | .[]' $J)" 12
expect_eq "remote_cpu set" "$(jq '[.cases[].remote_cpu | type] | unique | .[]' $J)" '"number"'
# Every sample is a positive number of nanoseconds.
expect_eq "samples > 0" "$(jq '[.cases[].metrics[].samples[] | select(. <= 0)] | length' $J)" 0
# The median lies inside its CI, and min <= median <= max.
expect_eq "median within CI (2 cases x protect+unprotect)" "$(jq '[.cases[].metrics[].summary |
	select(.ci_low <= .median and .median <= .ci_high and .min <= .median and
	.median <= .max)] | length' $J)" 4

# Unavailable counters never carry values, always errno and reason.
expect_eq "unavailable have no values" "$(jq '[.cases[].counters[] |
	select(.available == false and (has("values") or (has("reason") | not) or
	(has("errno") | not)))] | length' $J)" 0
if [ ! -e /sys/bus/event_source/devices/cpu ] && [ ! -e /sys/bus/event_source/devices/armv8_pmuv3_0 ]; then
	expect_eq "cycles unavailable (no PMU)" "$(jq -r '[.cases[0].counters[] |
		select(.name == "cycles" and .scope == "thread")][0] |
		"\(.available) \(.errno)"' $J)" "false ENOENT"
	jq -r '[.cases[0].counters[] | select(.name == "cycles")][0].reason' $J | grep -q "no PMU" ||
		fail "cycles reason does not say no PMU"
	echo "ok: cycles reason names the missing PMU"
fi

# samples.csv: header + one row per repetition and metric, then per repetition and available
# counter (docs/results-format.md).
C=res/small/samples.csv
expect_eq "csv header" "$(head -1 $C)" \
	"case_id,workload,variant,mode,pages,batch,remote,metric,scope,rep,value,unit,scaled"
expect_eq "csv timed rows (2 cases x 12 reps x protect+unprotect)" "$(csv_timed_rows $C)" 48
expect_eq "csv reps 0..11" "$(tail -n +2 $C | cut -d, -f10 | sort -n | uniq | tr '\n' ' ')" \
	"0 1 2 3 4 5 6 7 8 9 10 11 "
expect_eq "csv ns match run.json" "$(grep '/p16/.*,protect,elapsed,' $C | cut -d, -f11 |
	paste -sd+ | bc)" "$(jq '.cases[0].metrics[0].samples | add' $J)"
# The counters: task-clock (a software event every kernel has) in the thread scope, in ns, with
# run.json's per-repetition values in order; an unavailable counter has no row at all.
expect_eq "task-clock available" "$(jq '[.cases[0].counters[] | select(.name == "task-clock" and
	.scope == "thread")][0].available' $J)" true
expect_eq "csv task-clock rows = run.json values" "$(grep '/p16/.*,task-clock,thread,' $C |
	cut -d, -f10,11,12 | tr '\n' ' ')" "$(jq -r '[.cases[0].counters[] | select(.name ==
	"task-clock" and .scope == "thread")][0].values | to_entries | map("\(.key),\(.value),ns") |
	join(" ")' $J) "
unavailable=$(jq -r '[.cases[].counters[] | select(.available == false) | "\(.name),\(.scope)"] |
	unique | .[]' $J)
for ns in $unavailable; do
	[ "$(awk -F, -v ns="$ns" 'NR > 1 && $8 "," $9 == ns' $C | wc -l)" = 0 ] ||
		fail "unavailable counter $ns has rows in samples.csv"
done
echo "ok: no csv rows for the unavailable counters:" $unavailable
expect_csv_is_run_json res/small

# tlb:tlb_flush exists on x86 only; elsewhere it must be unavailable with its reason.
if [ "$(jq '[.cases[0].counters[] | select(.name == "tlb_flush")][0].available' $J)" != true ]; then
	case $(uname -m) in x86_64 | i?86) fail "tlb_flush unavailable on x86: $(jq -c '[.cases[0].counters[] |
		select(.name == "tlb_flush")][0]' $J)" ;; esac
	jq -r '[.cases[0].counters[] | select(.name == "tlb_flush")][0].reason' $J | grep -q tlb_flush ||
		fail "unavailable tlb_flush without a reason"
	echo "ok: tlb_flush unavailable here with its reason"
	exit 0
fi
# tlb_flush with a remote thread: every write-protecting mprotect sends a remote flush.
flushes=$(jq '[.cases[].counters[] | select(.name == "tlb_flush" and .scope == "thread") |
	.values[]] | add' $J)
[ "$flushes" -gt 0 ] || fail "tlb_flush total $flushes, expected > 0"
echo "ok: tlb_flush total $flushes > 0"
remote_send=$(jq '[.cases[].counters[] | select(.name == "tlb_flush.remote_ipi_send" and
	.scope == "cpu") | .values[]] | add' $J)
[ "$remote_send" -gt 0 ] || fail "tlb_flush reason 4 total $remote_send, expected > 0"
echo "ok: tlb_flush.remote_ipi_send total $remote_send > 0"
expect_eq "filter recorded" "$(jq -r '[.cases[0].counters[] |
	select(.name == "tlb_flush.remote_ipi_send")][0].filter' $J)" "reason == 4"
expect_eq "remote_cpu scope present" "$(jq '[.cases[0].counters[] |
	select(.scope == "remote_cpu")] | length > 0' $J)" true
