# shellcheck shell=bash
# Checks of a lazy TLB run (kthread_switch, context_switch1, exit_lazy), shared by the host
# integration test and the vm tier. Source after a lib that defines fail(); needs jq.
#
# The run is made by lazy_tlb_run_args (below) with REMOTE = a placement this machine has.

LAZY_TLB_REPS=12

# Cross-CPU function calls queued by the measuring CPU, wake-ups excluded (ttwu_queue_wakelist
# queues sched_ttwu_pending; under QEMU TCG the RCU kthread's wake-ups land inside a slow exit):
# what is left at exit is the TLB work sent to the lazy CPU. ipi_send_cpu/_cpumask count those
# wake-ups too, so the checks use this one.
LAZY_TLB_XCALL='csd:csd_queue_cpu[func.function != sched_ttwu_pending]'

# Arguments of `lazybench run` for the lazy TLB checks (REMOTES: none,PLACEMENT, or none on a
# one-CPU machine; EVENTS: more comma-separated events, e.g. lazy_tlb_fn_events of a shootdown
# function). Words are shell-quoted: eval them (or hand them to a guest shell). One process
# (--runs 1): the checks count events per repetition, not the replicate statistics.
lazy_tlb_run_args() {
	echo "--workload kthread_switch,context_switch1,exit_lazy --pages 16,64 --remote $1" \
		"--runs 1 --reps $LAZY_TLB_REPS --warmup 2 --events 'cs,$LAZY_TLB_XCALL${2:+,$2}'"
}

# The two events that follow function FN across CPUs: queued by this CPU (cpu scope), run on
# the remote one (remote_cpu scope).
lazy_tlb_fn_events() {
	echo "csd:csd_queue_cpu[func.function == $1],csd:csd_function_entry[func.function == $1]"
}

# Median over repetitions of counter NAME (sum of the names given, comma-separated, per
# repetition) in SCOPE for case ID of run.json J; "n/a" when any of them is unavailable.
lazy_tlb_median() { # J ID NAMES SCOPE
	jq -r --arg id "$2" --arg names "$3" --arg scope "$4" '
		($names | split(",")) as $n
		| [.cases[] | select(.id == $id) | .counters[]
		   | select(.scope == $scope and (.name as $x | $n | index($x)))] as $c
		| if ($c | length) != ($n | length) or ($c | any(.available != true)) then "n/a"
		  else [range(0; $c[0].values | length) as $i | [$c[].values[$i]] | add] | sort
		       | .[(length - 1) / 2 | floor] end' "$1"
}

# lazy_tlb_check_run J REMOTE EXPECT: EXPECT is "ipis" (exit with a lazy user sends IPIs, the
# control none: median 0), or "no-ipis" (a refcounting kernel: none in either case).
lazy_tlb_check_run() {
	local J=$1 remote=$2 expect=$3 id v n want=16
	[ -f "$J" ] || fail "no run.json"
	# Per placement: kthread_switch 2 variants x 2 pages, context_switch1 2 x 1 (no pages),
	# exit_lazy 2 pages. REMOTE none (a one-CPU machine): the control placement only.
	[ "$remote" != none ] || want=8
	n=$(jq '.cases | length' "$J")
	[ "$n" = $want ] || fail "expected $want cases, got $n: $(jq -c '[.cases[].id]' "$J")"
	echo "ok: $want cases (context_switch1 ignores --pages: one case per variant and placement)"
	v=$(jq -c '[.cases[] | select(.refused or .failed or (.complete | not)) |
		{id, refused_reason, fail_reason}]' "$J")
	[ "$v" = "[]" ] || fail "cases not complete: $v"
	v=$(jq "[.cases[] | select(.reps_done != $LAZY_TLB_REPS)] | length" "$J")
	[ "$v" = 0 ] || fail "$v cases with reps_done != $LAZY_TLB_REPS"
	v=$(jq '[.cases[].metrics[].samples[] | select(. <= 0)] | length' "$J")
	[ "$v" = 0 ] || fail "$v samples <= 0 ns"
	echo "ok: every case complete, $LAZY_TLB_REPS reps, every sample > 0 ns"
	v=$(jq -r '[.cases[] | select(.workload == "context_switch1") | .pages] | unique | @csv' "$J")
	[ "$v" = 1 ] || fail "context_switch1 pages: $v"
	v=$(jq -r '[.cases[] | select(.workload == "context_switch1" or .workload == "exit_lazy")
		| select(.remote != "none") | .remote_cpu | type] | unique | @csv' "$J")
	[ "$remote" = none ] || [ "$v" = '"number"' ] || fail "remote_cpu of own-remote workloads: $v"

	# kthread_switch: every repetition gave the CPU away and got it back (cpu scope: >= 2
	# context switches, out to the idle task / kworker and back in).
	for id in $(jq -r '.cases[] | select(.workload == "kthread_switch") | .id' "$J"); do
		v=$(lazy_tlb_median "$J" "$id" cs cpu)
		if [ "$v" = n/a ] || [ "$v" -lt 2 ]; then
			# Seen once under host load (median 0, while the workload's getrusage check
			# said every repetition switched): show what there is to understand it.
			jq -c --arg id "$id" '.cases[] | select(.id == $id) | {state_check,
				cs: [.counters[] | select(.name == "cs") | {scope, cpu, values}]}' "$J" >&2
			fail "$id: median cpu context switches $v, want >= 2"
		fi
		echo "ok: $id: median $v context switches on the CPU per repetition"
	done
	# context_switch1: 100 round trips per repetition. Same CPU: the partner runs there, two
	# switches per round trip; across CPUs the measuring CPU goes idle in between.
	for id in $(jq -r '.cases[] | select(.workload == "context_switch1") | .id' "$J"); do
		v=$(lazy_tlb_median "$J" "$id" cs cpu)
		case $id in
		*/none) [ "$v" != n/a ] && [ "$v" -ge 200 ] ||
			fail "$id: median cpu context switches $v, want >= 200" ;;
		*) [ "$v" != n/a ] && [ "$v" -ge 1 ] ||
			fail "$id: median cpu context switches $v, want >= 1" ;;
		esac
		echo "ok: $id: median $v context switches on the CPU per repetition"
	done
	# exit_lazy: cross-CPU calls (not wake-ups) sent by the exiting child.
	for id in $(jq -r '.cases[] | select(.workload == "exit_lazy") | .id' "$J"); do
		v=$(lazy_tlb_median "$J" "$id" "$LAZY_TLB_XCALL" cpu)
		[ "$v" != n/a ] || fail "$id: $LAZY_TLB_XCALL unavailable: $(jq -c --arg id "$id" \
			'[.cases[] | select(.id == $id) | .counters[] |
			select(.name | startswith("csd:")) | .reason] | unique' "$J")"
		case "$expect/$id" in
		ipis/*/none) [ "$v" = 0 ] || fail "$id: median cross-CPU calls at exit $v, want 0 (no lazy user)" ;;
		ipis/*/"$remote") [ "$v" -ge 1 ] || fail "$id: median cross-CPU calls at exit $v, want >= 1 (lazy user on the remote CPU)" ;;
		*) [ "$v" = 0 ] || fail "$id: median cross-CPU calls at exit $v, want 0" ;;
		esac
		echo "ok: $id: median $v cross-CPU calls (not wake-ups) at exit ($expect);" \
			"ipi_send_cpu+cpumask median $(lazy_tlb_median "$J" "$id" \
			ipi_send_cpu,ipi_send_cpumask cpu) (wake-ups included)"
	done
}

# lazy_tlb_check_fn J REMOTE FN WANT: exit_lazy with the lazy user queued FN to the remote CPU
# and the remote CPU ran it, WANT (">=1" or "0") times per repetition (median), and the control
# (--remote none) never; FN's events must be available (the function exists in this kernel).
lazy_tlb_check_fn() {
	local J=$1 remote=$2 fn=$3 want=$4 id q r
	for id in $(jq -r '.cases[] | select(.workload == "exit_lazy") | .id' "$J"); do
		q=$(lazy_tlb_median "$J" "$id" "csd:csd_queue_cpu[func.function == $fn]" cpu)
		[ "$q" != n/a ] || fail "$id: csd_queue_cpu for $fn unavailable"
		case $id in
		*/none) [ "$q" = 0 ] || fail "$id: $fn queued $q times, want 0 (no lazy user)" ;;
		*) if [ "$want" = 0 ]; then
			[ "$q" = 0 ] || fail "$id: $fn queued $q times, want 0"
		   else
			[ "$q" -ge 1 ] || fail "$id: $fn queued $q times, want >= 1"
			r=$(lazy_tlb_median "$J" "$id" \
				"csd:csd_function_entry[func.function == $fn]" remote_cpu)
			[ "$r" != n/a ] && [ "$r" -ge 1 ] ||
				fail "$id: $fn ran $r times on the remote CPU, want >= 1"
		   fi ;;
		esac
		echo "ok: $id: $fn queued to the remote CPU $q times per exit (median; want $want with a lazy user)"
	done
}
