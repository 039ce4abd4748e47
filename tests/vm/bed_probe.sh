#!/usr/bin/env bash
# Build tests/vm/lazy_probe against KERNEL ($3, default 7) for ARCH ($2), load it in the guest
# and compare the is_lazy_mmu_mode_active() sequence with mm/tests/lazy_mmu_mode_kunit.c:
# before, enable, nested enable, nested disable, pause, enable+disable+pause+resume while
# paused (no effect), resume, disable. On 6.12 the probe must detect the stateless generation.
source "$(dirname "$0")/lib.sh"
target=${2:?arch}
kernel=${3:-7}
# shellcheck disable=SC2046
vm $(target_flags "$target") --kernel "$kernel" --no-kmod --no-lazybench \
	--kmod "$SRC/tests/vm/lazy_probe" -- \
	'insmod /opt/lazybench/kmod/lazy_probe.ko && rmmod lazy_probe && dmesg | grep "lazy_probe:" > ./results/probe.txt'
expect_rc 0
if [ "$kernel" = 6.12 ]; then
	# powerpc exports its hash batch to modules only from 7.0 (EXPORT_SYMBOL_IF_KUNIT).
	case "$target" in
	ppc64le*) hooks=not-exported ;;
	*) hooks=called ;;
	esac
	expect_file_line "$OUT/results/probe.txt" "lazy_probe: generation=stateless states=none hooks=$hooks\$"
else
	expect_file_line "$OUT/results/probe.txt" 'lazy_probe: generation=nesting states=0,1,1,1,0,0,0,0,0,1,0$'
fi
echo "PASS: $(cat "$OUT/results/probe.txt")"
