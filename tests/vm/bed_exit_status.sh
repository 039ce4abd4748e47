#!/usr/bin/env bash
# Boot ARCH ($2), run a command that prints, writes a file into results and exits 3: the host
# sees the output, the file and status 3; the guest reports a fine clocksource and the kernel,
# and on ppc64le /proc/cpuinfo shows the MMU asked for.
source "$(dirname "$0")/lib.sh"
target=${2:?arch}
# shellcheck disable=SC2046
vm $(target_flags "$target") --no-kmod --no-lazybench -- \
	'echo streamed-out; mmu=$(sed -n "s/^MMU[[:space:]]*:[[:space:]]*//p" /proc/cpuinfo | tr A-Z a-z); echo "$LAZYBENCH_CLOCKSOURCE|$LAZYBENCH_KERNEL_PKG|$mmu|$(uname -m)|$PWD" > ./results/bed.txt; exit 3'
expect_rc 3
grep -qx streamed-out "$OUT/stdout" || fail "the command's output did not reach stdout"
f="$OUT/results/bed.txt"
expect_file_line "$f" '^[a-z0-9_-]+\|linux-source-7\.[0-9]+ [^|]+\|(hash|radix)?\|[a-z0-9_]+\|/$'
cs=$(cut -d'|' -f1 "$f")
case "$cs" in jiffies | refined-jiffies) fail "guest timed on $cs" ;; esac
target_arch_vars "$target"
[ "$(cut -d'|' -f4 "$f")" = "$UNAME_M" ] || fail "guest machine is $(cut -d'|' -f4 "$f"), want $UNAME_M"
case "$target" in
ppc64le_*) [ "$(cut -d'|' -f3 "$f")" = "${target#ppc64le_}" ] || fail "guest runs the $(cut -d'|' -f3 "$f") MMU" ;;
esac
echo "PASS: $target clocksource=$cs"
