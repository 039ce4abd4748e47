# --rounds K: each case's reps in K chunks over K shuffled passes, appended to the same case
# result (samples, counter values); settings.rounds and run_order ("ID#round") record it.
# --rounds 1 writes what a run without the flag writes.
source "$LB_SOURCE_DIR/tests/integration/lib.sh"

expect_status "run --rounds 3" 0 "$LB" run --runs 1 --workload mprotect,munmap --pages 4 --reps 10 \
	--warmup 2 --rounds 3 --label r3 --results-dir res -q
J=res/r3/run.json
expect_eq complete "$(jq .complete $J)" true
expect_eq "settings.rounds" "$(jq .settings.rounds $J)" 3
expect_eq "settings.reps" "$(jq .settings.reps $J)" 10
expect_eq cases "$(jq '.cases | length' $J)" 2
expect_eq "reps_done per case" "$(jq -c '[.cases[].reps_done]' $J)" "[10,10]"
expect_eq "cases complete" "$(jq -c '[.cases[].complete]' $J)" "[true,true]"
expect_eq "samples per metric (mprotect: protect+unprotect, munmap)" \
	"$(jq -c '[.cases[].metrics[] | .samples | length]' $J)" "[10,10,10]"
expect_eq "outlier flags per metric" "$(jq -c '[.cases[].metrics[] | .outlier | length]' $J)" \
	"[10,10,10]"
expect_eq "summaries over all 10" "$(jq -c '[.cases[].metrics[].summary.n]' $J)" "[10,10,10]"
expect_eq "samples > 0" "$(jq '[.cases[].metrics[].samples[] | select(. <= 0)] | length' $J)" 0
# Counters: every available one has one value per repetition, whatever the round.
navail=$(jq '[.cases[].counters[] | select(.available)] | length' $J)
[ "$navail" -gt 0 ] || fail "no available counter"
expect_eq "counter values per counter" "$(jq -c '[.cases[].counters[] | select(.available) |
	.values | length] | unique' $J)" "[10]"
expect_eq "unavailable have no values" "$(jq '[.cases[].counters[] |
	select(.available == false and (has("values") or (has("reason") | not)))] | length' $J)" 0
# No counter may disagree between rounds on this machine: same events, same availability.
expect_eq "no round disagreement" "$(jq '[.cases[].counters[] | select(.reason // "" |
	test("round"))] | length' $J)" 0
# run_order: 2 cases x 3 rounds, each case once per round, rounds in order.
expect_eq "run_order length" "$(jq '.settings.run_order | length' $J)" 6
expect_eq "each case 3 times" "$(jq -c '[.settings.run_order[] | sub("#[0-9]+$"; "")] |
	group_by(.) | map(length)' $J)" "[3,3]"
expect_eq "visits name the cases" "$(jq -c '[.settings.run_order[] | sub("#[0-9]+$"; "")] |
	unique' $J)" '["mprotect/-/on/p4/b-/none","munmap/-/on/p4/b-/none"]'
expect_eq "rounds 1,1,2,2,3,3" "$(jq -c '[.settings.run_order[] | capture("#(?<r>[0-9]+)$").r |
	tonumber]' $J)" "[1,1,2,2,3,3]"
# samples.csv: one row per repetition and metric, reps 0..9 for each, and the counters' values
# over the rounds, in the order run.json has them.
C=res/r3/samples.csv
expect_eq "csv timed rows (10 reps x 3 metrics)" "$(csv_timed_rows $C)" 30
expect_eq "csv reps per metric and counter" "$(tail -n +2 $C | cut -d, -f1,8,9 | sort | uniq -c |
	awk '{print $1}' | sort -u)" 10
expect_eq "csv reps 0..9" "$(tail -n +2 $C | cut -d, -f10 | sort -n | uniq | tr '\n' ' ')" \
	"0 1 2 3 4 5 6 7 8 9 "
expect_eq "csv ns match run.json" "$(grep '^munmap/.*,elapsed,' $C | cut -d, -f11 | paste -sd+ |
	bc)" "$(jq '.cases[1].metrics[0].samples | add' $J)"
expect_csv_is_run_json res/r3

# Validation: one line naming --rounds, exit 2, and no run directory left.
expect_status "--rounds 11 > --reps 10" 2 "$LB" run --runs 1 --workload munmap --reps 10 --rounds 11 \
	--label bad --results-dir res -q
expect_eq "error names --rounds" "$(grep -c -- '--rounds 11' err.txt)" 1
expect_eq "one line" "$(wc -l <err.txt)" 1
[ ! -e res/bad ] || fail "a refused command line left res/bad"
expect_status "--rounds 0" 2 "$LB" run --runs 1 --workload munmap --rounds 0 -q
grep -q -- '--rounds 0' err.txt || fail "--rounds 0 error does not name the flag: $ERR"
"$LB" run --help | grep -q -- '--rounds K' || fail "--help does not list --rounds"
echo "ok: --help lists --rounds"

# --rounds 1 is today's run: the same keys and types, run_order of plain case ids in the same
# seeded order as without the flag.
expect_status "run --rounds 1" 0 "$LB" run --runs 1 --workload mprotect,munmap --pages 4 --reps 10 \
	--rounds 1 --label r1 --results-dir res -q
expect_status "run without --rounds" 0 "$LB" run --runs 1 --workload mprotect,munmap --pages 4 \
	--reps 10 --label r0 --results-dir res -q
shape='[paths(type != "object" and type != "array") | map(if type == "number" then 0 else . end) |
	join(".")] | unique'
expect_eq "same structure" "$(jq -c "del(.command_line) | $shape" res/r1/run.json | md5sum)" \
	"$(jq -c "del(.command_line) | $shape" res/r0/run.json | md5sum)"
expect_eq "rounds 1 recorded" "$(jq .settings.rounds res/r1/run.json)" 1
expect_eq "same run_order" "$(jq -c .settings.run_order res/r1/run.json)" \
	"$(jq -c .settings.run_order res/r0/run.json)"
expect_eq "plain ids" "$(jq '[.settings.run_order[] | select(test("#"))] | length' \
	res/r1/run.json)" 0
expect_eq "run_order length (rounds 1)" "$(jq '.settings.run_order | length' res/r1/run.json)" 2
expect_eq "reps_done (rounds 1)" "$(jq -c '[.cases[].reps_done]' res/r1/run.json)" "[10,10]"
expect_eq "counter values (rounds 1)" "$(jq -c '[.cases[].counters[] | select(.available) |
	.values | length] | unique' res/r1/run.json)" "[10]"
expect_eq "csv timed rows (rounds 1)" "$(csv_timed_rows res/r1/samples.csv)" 30
expect_csv_is_run_json res/r1

# A refused case is refused at its first visit and not visited again; the others run all rounds.
expect_status "refused with rounds" 0 "$LB" run --runs 1 --workload mprotect --pages 4 --mode on,nested \
	--reps 4 --warmup 0 --rounds 2 --label refused --results-dir res -q
J=res/refused/run.json
expect_eq "nested refused" "$(jq -r '.cases[] | select(.mode == "nested") | .refused.errno' $J)" \
	EINVAL
expect_eq "nested visited once" "$(jq -c '[.settings.run_order[] | select(test("/nested/"))] |
	map(sub("^.*#"; ""))' $J)" '["1"]'
expect_eq "on visited twice" "$(jq '[.settings.run_order[] | select(test("/on/"))] | length' $J)" 2
expect_eq "on ran every rep" "$(jq '.cases[] | select(.mode == "on") | .reps_done' $J)" 4
expect_eq "refused has no metrics" "$(jq '.cases[] | select(.mode == "nested") | .metrics |
	length' $J)" 0

# Ctrl-C stops after the current repetition and keeps what was measured (case incomplete).
run_interrupted stop --workload fork --pages 64 --reps 100000 --warmup 1 --rounds 2 --runs 1
expect_eq "interrupted exit status" "$RC" 130
J=res/stop/run.json
[ -f "$J" ] || fail "no run.json after SIGINT: $(cat err.txt)"
expect_eq "interrupted case incomplete" "$(jq .cases[0].complete $J)" false
done_reps=$(jq .cases[0].reps_done $J)
[ "$done_reps" -gt 0 ] && [ "$done_reps" -lt 50000 ] || fail "reps_done $done_reps"
echo "ok: $done_reps repetitions of round 1 kept"
expect_eq "interrupted samples" "$(jq '.cases[0].metrics[0].samples | length' $J)" "$done_reps"
expect_eq "interrupted counter values" "$(jq '[.cases[0].counters[] | select(.available) |
	.values | length] | unique | .[]' $J)" "$done_reps"
expect_eq "interrupted run_order" "$(jq -c .settings.run_order $J)" '["fork/-/on/p64/b-/none#1"]'
