# --batch never vanishes (refused when no selected workload takes it, said once and recorded
# null for the others in a mixed sweep); -q leaves errors and the summary only; the default
# workload list is the syscall workloads and runs here; software clocks are thread-scope only.
source "$LB_SOURCE_DIR/tests/integration/lib.sh"

one_line_naming() { # WHAT NEEDLE
	[ "$(wc -l <err.txt)" = 1 ] || fail "$1: error is not one line: $ERR"
	grep -qF -- "$2" err.txt || fail "$1: error does not name '$2': $ERR"
}

# Only syscall workloads: --batch is refused, naming the flag; nothing is created.
expect_status "batch on syscall workloads" 2 "$LB" run --workload mprotect,fork --batch 8 \
	--results-dir res
one_line_naming "batch on syscall workloads" "--batch 8"
expect_status "batch on the default list" 2 "$LB" run --batch 1,8 --results-dir res -q
one_line_naming "batch on the default list" "--batch 1,8"
[ ! -e res ] || [ -z "$(ls res)" ] || fail "a refused --batch created a run"
echo "ok: no run directory from a refused --batch"

# Mixed: the kernel workload takes the batch, the syscall one runs once with batch null, and
# stderr says so exactly once (not with -q).
expect_status "mixed sweep" 0 "$LB" run --workload mprotect,vmalloc --batch 1,8 --pages 16 \
	--reps 3 --warmup 0 --label mixed --results-dir res
expect_eq "one note on stderr" "$(grep -c -- 'note: --batch' err.txt)" 1
grep -q "mprotect run without it and record batch null" err.txt ||
	fail "note does not name mprotect: $ERR"
J=res/mixed/run.json
expect_eq "case ids" "$(jq -r '[.cases[].id] | join(" ")' $J)" \
	"mprotect/-/on/p16/b-/none vmalloc/-/on/p16/b1/none vmalloc/-/on/p16/b8/none"
expect_eq "syscall batch null" "$(jq '.cases[0].batch' $J)" null
expect_eq "kernel batches" "$(jq -c '[.cases[1:][].batch]' $J)" "[1,8]"
expect_eq "csv batch empty for mprotect" "$(tail -n +2 res/mixed/samples.csv |
	grep '^mprotect/' | cut -d, -f6 | sort -u)" ""
# A kernel case this host cannot run is refused with the reason, never an error exit.
if [ ! -e /dev/lazybench ]; then
	expect_eq "kernel cases refused" "$(jq '[.cases[1:][] | select(.refused.reason |
		length > 0)] | length' $J)" 2
fi

# -q: nothing on stderr; stdout is the summary, per repetition in its header, and ends with
# the results directory.
expect_status "mixed sweep -q" 0 "$LB" run --runs 1 --workload mprotect,vmalloc --batch 8 \
	--pages 16 --reps 3 --warmup 0 --label quiet --results-dir res -q
expect_eq "-q stderr" "$ERR" ""
head -1 out.txt | grep -q "tlb_flush/rep" || fail "summary header: $(head -1 out.txt)"
head -1 out.txt | grep -q "batch" || fail "summary header has no batch: $(head -1 out.txt)"
expect_eq "last stdout line" "$(tail -1 out.txt)" "results: res/quiet"
grep -q "^/rep: median over the repetitions" out.txt || fail "no /rep legend"
expect_eq "mprotect summary row" "$(grep -c '^mprotect ' out.txt)" 1

# No flags but where and how little: the default list is the syscall workloads, here too.
expect_status "default workloads" 0 "$LB" run --pages 1 --reps 2 --warmup 0 --label default \
	--results-dir res -q
J=res/default/run.json
# Without --runs: 5 separately started replicates, one merged summary (run-to-run spread).
expect_eq "default replicates" "$(jq '.replicates | length' $J)" 5
expect_eq "default replicate_reps" "$(jq -c '.cases[0].replicate_reps' $J)" "[2,2,2,2,2]"
head -1 out.txt | grep -q "run-to-run" || fail "replicate summary header: $(head -1 out.txt)"
expect_eq "last stdout line (replicates)" "$(tail -1 out.txt)" "results: res/default"
expect_eq "default kinds" "$(jq -r '[.cases[].kind] | unique | join(",")' $J)" syscall
expect_eq "default workloads" "$(jq -r '[.cases[].workload] | join(",")' $J)" \
	"mprotect,fork,munmap,mremap,madvise"
expect_eq "default complete" "$(jq .complete $J)" true
"$LB" run --help >help.txt
grep -q "default: the syscall" help.txt && grep -q "workloads mprotect,fork,munmap,mremap,madvise," \
	help.txt || fail "--help does not state the default list: $(cat help.txt)"

# task-clock / cpu-clock are CPU time in the thread scope only (CPU-wide they count elapsed
# time, idle included): never opened in cpu or remote_cpu scope.
remote=$("$LB" env --json | jq -r 'if .topology.pus < 2 then "none" else "llc" end')
expect_status "clocks" 0 "$LB" run --runs 1 --workload fork --pages 16 --reps 3 --warmup 0 \
	--events cpu-clock --remote "$remote" --label clocks --results-dir res -q
J=res/clocks/run.json
expect_eq "task-clock scopes" "$(jq -r '[.cases[0].counters[] | select(.name == "task-clock") |
	.scope] | join(",")' $J)" thread
expect_eq "cpu-clock scopes" "$(jq -r '[.cases[0].counters[] | select(.name == "cpu-clock") |
	.scope] | join(",")' $J)" thread
expect_eq "thread task-clock measured" "$(jq '[.cases[0].counters[] |
	select(.name == "task-clock")][0].values | map(select(. > 0)) | length' $J)" 3
# Counts still have every scope.
expect_eq "tlb_flush scopes" "$(jq -r '[.cases[0].counters[] | select(.name == "tlb_flush") |
	.scope] | join(",")' $J)" "thread,cpu$([ "$remote" = none ] || echo ,remote_cpu)"
