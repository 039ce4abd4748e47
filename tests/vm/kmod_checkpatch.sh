#!/usr/bin/env bash
# kmod/ is clean under the kernel's own checkpatch.pl --strict (from the extracted 7.x source).
source "$(dirname "$0")/lib.sh"
ksrc=$("$SRC/vm/kernel.sh" srcdir --kernel 7)
[ -x "$ksrc/scripts/checkpatch.pl" ] || fail "no checkpatch.pl in $ksrc"
cd "$SRC/kmod"
files=(*.c *.h uapi/*.h uapi/*.def)
[ ${#files[@]} -gt 10 ] || fail "kmod/ has only ${#files[@]} files"
set +e
"$ksrc/scripts/checkpatch.pl" --strict --no-tree -f "${files[@]}" >"$OUT/checkpatch.txt" 2>&1
set -e
totals=$(grep -c '^total: 0 errors, 0 warnings, 0 checks' "$OUT/checkpatch.txt" || true)
grep -E '^(ERROR|WARNING|CHECK)' -A3 "$OUT/checkpatch.txt" || true
check "checkpatch --strict clean on all ${#files[@]} files" [ "$totals" = ${#files[@]} ]
finish "checkpatch --strict on kmod/"
