#!/usr/bin/env bash
# ctest fixture: build every kernel the vm tier boots (once; later runs find them cached), and
# the probe's sources. Prints how long each took.
source "$(dirname "$0")/lib.sh"
# "ppc64le 7 no-lazy-tlb-shootdown": powerpc with lazy TLB refcounting instead of shootdown (a
# source patch, vm/configs/no-lazy-tlb-shootdown.*) for the lazy TLB A/B tests.
for spec in "x86_64 7" "arm64 7" "ppc64le 7" "x86_64 6.12" "ppc64le 6.12" \
	"ppc64le 7 no-lazy-tlb-shootdown"; do
	set -- $spec
	start=$(date +%s)
	kdir=$("$SRC/vm/kernel.sh" kdir --arch "$1" --kernel "$2" ${3:+--config "$3"})
	[ -f "$kdir/Module.symvers" ] || fail "$kdir has no Module.symvers"
	grep -q '^LAZYBENCH_KERNEL_PKG="linux-source-'"$2" "$kdir/lazybench-kernel.env" ||
		fail "$kdir/lazybench-kernel.env does not name linux-source-$2"
	echo "kernel $1 $2${3:+ $3}: $kdir ($(($(date +%s) - start))s)"
done
