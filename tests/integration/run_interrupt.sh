# Ctrl-C (SIGINT) stops after the current repetition: exit 130, the run is written and marked
# incomplete, the interrupted case keeps the repetitions it finished.
source "$LB_SOURCE_DIR/tests/integration/lib.sh"

run_interrupted stop --workload fork --pages 64 --reps 100000 --warmup 1
expect_eq "exit status" "$RC" 130
J=res/stop/run.json
[ -f "$J" ] || fail "no run.json after SIGINT: $(cat err.txt)"
expect_eq "run complete" "$(jq .complete $J)" false
expect_eq "case complete" "$(jq .cases[0].complete $J)" false
done_reps=$(jq .cases[0].reps_done $J)
[ "$done_reps" -gt 0 ] && [ "$done_reps" -lt 100000 ] || fail "reps_done $done_reps"
echo "ok: $done_reps repetitions kept"
expect_eq "fork samples" "$(jq '.cases[0].metrics[0].samples | length' $J)" "$done_reps"
expect_eq "exit_reap samples" "$(jq '.cases[0].metrics[1].samples | length' $J)" "$done_reps"
expect_eq "counter values" "$(jq '[.cases[0].counters[] | select(.available) |
	.values | length] | unique | .[]' $J)" "$done_reps"
expect_eq "csv timed rows" "$(csv_timed_rows res/stop/samples.csv)" "$((2 * done_reps))"
expect_csv_is_run_json res/stop
grep -q "interrupted" err.txt || fail "no interruption notice on stderr"
