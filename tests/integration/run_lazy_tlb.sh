# The lazy TLB workloads on this machine: kthread_switch (idle, kworker), context_switch1
# (threads, processes; same CPU and across a placement), exit_lazy (with a lazy user on the
# remote CPU and the control without one). Timings positive, context switches counted, and the
# exit of an mm with a lazy user sends cross-CPU calls where the control sends none (x86: the
# exit's page-table-freeing flush reaches lazy CPUs, flush_tlb_func; powerpc: the lazy TLB
# shootdown).
source "$LB_SOURCE_DIR/tests/integration/lib.sh"
source "$LB_SOURCE_DIR/tests/lazy_tlb/checks.sh"

remote=$("$LB" env --json | jq -r '
	if .topology.pus < 2 then "none"
	elif .smt == "on" then "smt" else "llc" end')
[ "$remote" != none ] || { echo "SKIP: one CPU, no remote placement"; exit 0; }
# x86 flushes lazy CPUs at exit with flush_tlb_func (the freed page tables); other arches
# have their own function, or none (arm64).
fn=
[ "$(uname -m)" != x86_64 ] || fn=flush_tlb_func
eval "set -- $(lazy_tlb_run_args "none,$remote" ${fn:+"$(lazy_tlb_fn_events "$fn")"})"
expect_status "run" 0 "$LB" run "$@" --label lt --results-dir res -q
lazy_tlb_check_run res/lt/run.json "$remote" ipis
[ -z "$fn" ] || lazy_tlb_check_fn res/lt/run.json "$remote" "$fn" ">=1"
expect_eq "lazy_tlb recorded in env" "$(jq -r '.env.lazy_tlb | type' res/lt/run.json)" string
