#!/usr/bin/env bash
# kmod/Kbuild refuses, at parse time and with the reason, the kernel trees a module cannot link
# against (kmod/facts.mk), and accepts the others. GNU make parses the real kmod/Kbuild against
# synthetic trees holding only the files facts.mk greps; no kernel is built.
set -euo pipefail
SRC=${LB_SOURCE_DIR:?}
T=$(mktemp -d "${TMPDIR:-/tmp}/lazybench-kbuild.XXXXXX")
trap 'rm -rf "$T"' EXIT
FAILS=0

# tree NAME EXPORT_LINE: a tree whose hash_tlb.c exports ppc64_tlb_batch with EXPORT_LINE.
tree() {
	mkdir -p "$T/$1/arch/powerpc/mm/book3s64" "$T/$1/include/linux"
	printf '%s\n' "$2" >"$T/$1/arch/powerpc/mm/book3s64/hash_tlb.c"
	echo 'static inline void lazy_mmu_mode_enable(void) {}' >"$T/$1/include/linux/pgtable.h"
}
# parse TREE VAR=VALUE...: parse kmod/Kbuild; prints make's output, returns its status.
parse() {
	local tr=$1
	shift
	printf 'include %s/kmod/Kbuild\nall:\n\t@echo parsed\n' "$SRC" >"$T/Makefile"
	make -s -f "$T/Makefile" srctree="$T/$tr" "$@" 2>&1
}
# expect WHAT WANT(ok|REGEX) TREE VAR=VALUE...
expect() {
	local what=$1 want=$2 out rc
	shift 2
	set +e
	out=$(parse "$@")
	rc=$?
	set -e
	if { [ "$want" = ok ] && [ $rc = 0 ] && [ "$out" = parsed ]; } ||
		{ [ "$want" != ok ] && [ $rc != 0 ] && grep -Eq "$want" <<<"$out"; }; then
		echo "ok   $what"
	else
		echo "FAIL $what: exit $rc, output: $out"
		FAILS=$((FAILS + 1))
	fi
}

tree pre70 '/* 6.12: nothing exported */'
tree kunit 'EXPORT_SYMBOL_IF_KUNIT(ppc64_tlb_batch);'
tree plain 'EXPORT_SYMBOL_GPL(ppc64_tlb_batch);'
ppc=(SRCARCH=powerpc CONFIG_PPC_64S_HASH_MMU=y)
expect "powerpc hash before 7.0: refused" 'cannot be built here: powerpc before 7.0 exports no hash batch symbols' pre70 "${ppc[@]}" CONFIG_KUNIT=y
expect "powerpc 7.x, CONFIG_KUNIT off: refused" 'only with CONFIG_KUNIT .EXPORT_SYMBOL_IF_KUNIT., and CONFIG_KUNIT is off' kunit "${ppc[@]}" CONFIG_KUNIT=
expect "powerpc 7.x, CONFIG_KUNIT=y: builds" ok kunit "${ppc[@]}" CONFIG_KUNIT=y
expect "powerpc 7.x, CONFIG_KUNIT=m: builds" ok kunit "${ppc[@]}" CONFIG_KUNIT=m
expect "powerpc with a plain export: builds" ok plain "${ppc[@]}"
expect "powerpc radix-only kernel: builds" ok pre70 SRCARCH=powerpc CONFIG_PPC_64S_HASH_MMU=
expect "sparc64: refused" "sparc64's set_pte_at\(\) calls tlb_batch_add\(\), which is not exported" plain SRCARCH=sparc CONFIG_SPARC64=y
expect "x86: builds" ok pre70 SRCARCH=x86
# The same facts drive lazy_probe: hooks reported unexported instead of a failed build.
printf 'include %s/tests/vm/lazy_probe/Kbuild\nall:\n\t@echo "$(ccflags-y)"\n' "$SRC" >"$T/Makefile.probe"
out=$(make -s -f "$T/Makefile.probe" srctree="$T/pre70" "${ppc[@]}" CONFIG_KUNIT=y)
if grep -q -- -DLAZY_PROBE_HOOKS_UNEXPORTED <<<"$out" && grep -q -- -DLAZY_PROBE_NESTING <<<"$out"; then
	echo "ok   lazy_probe reads the same facts"
else
	echo "FAIL lazy_probe flags: $out"
	FAILS=$((FAILS + 1))
fi
[ "$FAILS" = 0 ] || { echo "FAIL: $FAILS check(s)" && exit 1; }
echo "PASS: Kbuild refusals"
