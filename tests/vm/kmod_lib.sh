# Helpers for the kernel module's vm-tier tests (sourced). $1 is the lazybench binary.
set -euo pipefail
LAZYBENCH=${1:?usage: $0 LAZYBENCH_BINARY ...}
OUT=$(mktemp -d "${TMPDIR:-/tmp}/lazybench-kmodtest.XXXXXX")
trap 'rm -rf "$OUT"' EXIT
FAILS=0

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# check COND_DESCRIPTION COMMAND...: a non-fatal assertion; the test fails at the end.
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

# Flags of `lazybench vm` for a target name: x86_64, arm64, ppc64le_hash, ppc64le_radix.
target_flags() {
	case "$1" in
	ppc64le_hash) echo "--arch ppc64le --mmu hash" ;;
	ppc64le_radix) echo "--arch ppc64le --mmu radix" ;;
	*) echo "--arch $1" ;;
	esac
}

# guest FLAGS... -- COMMAND: boot, run COMMAND with ./results = $OUT/results; sets RC.
guest() {
	mkdir -p "$OUT/results"
	set +e
	"$LAZYBENCH" vm --results-dir "$OUT/results" "$@" >"$OUT/console" 2>&1
	RC=$?
	set -e
	tail -n 60 "$OUT/console"
	[ "$RC" != 125 ] || fail "the guest failed (exit 125): $(grep -m1 error: "$OUT/console")"
}

# No kernel warning, bug, lockdep or sleep-in-atomic report in FILE.
no_splat() {
	! grep -Eq 'WARNING:|BUG:|Oops|Call Trace|sleeping function called|possible circular|possible recursive|inconsistent lock|kmemleak: [0-9]+ new suspected|KASAN:' "$1"
}
