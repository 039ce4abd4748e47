# shellcheck shell=bash
# Helpers for the vm-tier tests (sourced). $LAZYBENCH is the binary under test.
set -euo pipefail
LAZYBENCH=${1:?usage: $0 LAZYBENCH_BINARY}
SRC=${LB_SOURCE_DIR:?}
OUT=$(mktemp -d "${TMPDIR:-/tmp}/lazybench-vmtest.XXXXXX")
trap 'rm -rf "$OUT"' EXIT

fail() {
	echo "FAIL: $*" >&2
	exit 1
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

expect_rc() { [ "$RC" = "$1" ] || fail "expected exit $1, got $RC"; }
expect_file_line() { # FILE REGEX
	[ -f "$1" ] || fail "$1 was not written"
	grep -Eq "$2" "$1" || fail "$1 has no line matching '$2': $(cat "$1")"
}

# Arch flags from a test name like x86_64, arm64, ppc64le_hash, ppc64le_radix.
arch_flags() {
	case "$1" in
	ppc64le_hash) echo "--arch ppc64le --mmu hash" ;;
	ppc64le_radix) echo "--arch ppc64le --mmu radix" ;;
	*) echo "--arch $1" ;;
	esac
}
