#!/usr/bin/env bash
# ctest fixture: build every kernel the vm tier boots (once; later runs find them cached), and
# the probe's sources. Prints how long each took.
source "$(dirname "$0")/lib.sh"
specs=("x86_64 7" "arm64 7" "ppc64le 7" "x86_64 6.12" "ppc64le 6.12")
# LB_VM_LAZY_TLB_AB=1: also powerpc with lazy TLB refcounting instead of shootdown (a source
# patch, vm/configs/no-lazy-tlb-shootdown.*) for vm.bed_lazy_tlb_refcount_*. Off by default: one
# more ppc64le kernel costs 5.5-9.5 min cold (568 s measured here under load), and the cold
# test command must stay under 75 min.
[ "${LB_VM_LAZY_TLB_AB:-0}" != 1 ] || specs+=("ppc64le 7 no-lazy-tlb-shootdown")
for spec in "${specs[@]}"; do
	set -- $spec
	start=$(date +%s)
	kdir=$("$SRC/vm/kernel.sh" kdir --arch "$1" --kernel "$2" ${3:+--config "$3"})
	[ -f "$kdir/Module.symvers" ] || fail "$kdir has no Module.symvers"
	grep -q '^LAZYBENCH_KERNEL_PKG="linux-source-'"$2" "$kdir/lazybench-kernel.env" ||
		fail "$kdir/lazybench-kernel.env does not name linux-source-$2"
	echo "kernel $1 $2${3:+ $3}: $kdir ($(($(date +%s) - start))s)"
done
