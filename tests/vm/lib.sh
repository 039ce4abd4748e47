# shellcheck shell=bash
# Helpers for the vm-tier tests (sourced). $1 is the lazybench binary under test. A target is
# an arch, or ppc64le with its MMU: x86_64, arm64, ppc64le_hash, ppc64le_radix. The facts of
# each arch (QEMU machine, console, ELF machine, uname -m) are vm/lib/arch.sh's table.
set -euo pipefail
LAZYBENCH=${1:?usage: $0 LAZYBENCH_BINARY ...}
SRC=${LB_SOURCE_DIR:?}
OUT=$(mktemp -d "${TMPDIR:-/tmp}/lazybench-vmtest.XXXXXX")
trap '[ "${LB_KEEP_VMTEST:-0}" = 1 ] || rm -rf "$OUT"' EXIT # LB_KEEP_VMTEST=1 keeps it to look at
FAILS=0
# shellcheck source=vm/lib/arch.sh
source "$SRC/vm/lib/arch.sh"

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# Flags of `lazybench vm` for a target.
target_flags() {
	case "$1" in
	ppc64le_hash) echo "--arch ppc64le --mmu hash" ;;
	ppc64le_radix) echo "--arch ppc64le --mmu radix" ;;
	*) echo "--arch $1" ;;
	esac
}

# target_arch_vars TARGET: lb_arch_vars of the target's arch (ppc64le_hash -> ppc64le).
target_arch_vars() {
	local arch=${1%_hash}
	lb_arch_vars "${arch%_radix}"
}

# debug_kernel_gate TARGET CONFIG...: exit 77 (ctest: skipped) with the reason for a debug kernel
# other than x86_64's unless LB_VM_DEBUG_ALL=1. Each is one more kernel build (arm64 debug +
# KASAN 10+ min cold, ppc64le hash debug 6.5 min) and the cold test command must stay under
# 75 min; `LB_VM_DEBUG_ALL=1 bash scripts/test.sh` is the long command.
debug_kernel_gate() {
	local target=$1 c
	shift
	[ "$target" != x86_64 ] && [ "${LB_VM_DEBUG_ALL:-0}" != 1 ] || return 0
	for c in "$@"; do
		if [ "$c" = debug ]; then
			echo "SKIP: the $target debug kernel runs only with LB_VM_DEBUG_ALL=1 (one more kernel, 10+ min cold; outside the 75 min default tier)"
			exit 77
		fi
	done
}

# kmod_test_args LAZYBENCH TARGET KERNEL [CONFIG...]: the arguments of a module test (kmod_matrix,
# kmod_safety): sets target, kernel and configs (--config C for each CONFIG); skips (77) a
# debug kernel outside the default tier (debug_kernel_gate). The caller then shifts 3.
kmod_test_args() {
	local c
	target=${2:?target}
	kernel=${3:?kernel (7 or 6.12)}
	debug_kernel_gate "$target" "${@:4}"
	configs=()
	for c in "${@:4}"; do configs+=(--config "$c"); done
}

# vm ARGS...: run `lazybench vm` with results in $OUT/results; sets RC, STDOUT, STDERR files.
vm() {
	mkdir -p "$OUT/results"
	set +e
	"$LAZYBENCH" vm --results-dir "$OUT/results" "$@" >"$OUT/stdout" 2>"$OUT/stderr"
	RC=$?
	set -e
	echo "--- lazybench vm $* -> exit $RC; stdout:"
	cat "$OUT/stdout"
	echo "--- stderr:"
	cat "$OUT/stderr"
}

# guest FLAGS... -- COMMAND: boot, run COMMAND with ./results = $OUT/results, the console (and
# lazybench vm's messages) in $OUT/console; sets RC.
guest() {
	mkdir -p "$OUT/results"
	set +e
	"$LAZYBENCH" vm --results-dir "$OUT/results" "$@" >"$OUT/console" 2>&1
	RC=$?
	set -e
	tail -n 60 "$OUT/console"
	[ "$RC" != 125 ] || fail "the guest failed (exit 125): $(grep -m1 error: "$OUT/console")"
}

expect_rc() { [ "$RC" = "$1" ] || fail "expected exit $1, got $RC"; }
expect_file_line() { # FILE REGEX
	[ -f "$1" ] || fail "$1 was not written"
	grep -Eq "$2" "$1" || fail "$1 has no line matching '$2': $(cat "$1")"
}

# check COND_DESCRIPTION COMMAND...: a non-fatal assertion; the test fails at finish.
check() {
	local what=$1
	shift
	if "$@"; then
		echo "ok   $what"
	else
		echo "FAIL $what"
		FAILS=$((FAILS + 1))
	fi
}

finish() {
	[ "$FAILS" = 0 ] || fail "$FAILS assertion(s) failed"
	echo "PASS: $*"
}

SPLAT_RE='WARNING:|BUG:|Oops|Call Trace|sleeping function called|possible circular|possible recursive|inconsistent lock|kmemleak: [0-9]+ new suspected|KASAN:'
# The part of dmesg FILE from the load of our first (out-of-tree) module on: a report before it
# is the kernel's own at boot, with nothing of ours loaded (seen: ppc64le 7.3 debug kernels
# warn DEBUG_LOCKS_WARN_ON(lockdep_hardirq_context()) in timer_interrupt replay at
# console_init, untainted). no_splat prints such a report as a note and does not count it.
since_our_load() {
	awk '/loading out-of-tree module taints kernel/ { on = 1 } on' "$1"
}
# No kernel warning, bug, lockdep or sleep-in-atomic report in FILE once our module is loaded
# (the whole FILE when the log shows no load).
no_splat() {
	if grep -q 'loading out-of-tree module taints kernel' "$1"; then
		if awk '/loading out-of-tree module taints kernel/ { exit } 1' "$1" | grep -Eq "$SPLAT_RE"; then
			echo "note: the kernel warned at boot, before any module of ours was loaded (not counted):" >&2
			awk '/loading out-of-tree module taints kernel/ { exit } 1' "$1" | grep -E -A3 "$SPLAT_RE" | head -8 >&2
		fi
		! since_our_load "$1" | grep -Eq "$SPLAT_RE"
	else
		! grep -Eq "$SPLAT_RE" "$1"
	fi
}
