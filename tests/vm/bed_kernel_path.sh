#!/usr/bin/env bash
# --kernel PATH with an existing build directory boots it as is; the guest names the package it
# was built from (its lazybench-kernel.env) and runs its release.
source "$(dirname "$0")/lib.sh"
kdir=$("$SRC/vm/kernel.sh" kdir --arch x86_64 --kernel 7)
vm --arch x86_64 --kernel "$kdir" --no-kmod --no-lazybench -- \
	'echo "$LAZYBENCH_KERNEL_PKG" > ./results/pkg.txt; uname -r >> ./results/pkg.txt'
expect_rc 0
pkg=$(. "$kdir/lazybench-kernel.env" && echo "$LAZYBENCH_KERNEL_PKG")
grep -qxF "$pkg" "$OUT/results/pkg.txt" || fail "guest names $(head -n1 "$OUT/results/pkg.txt"), want $pkg"
release=$(make -s -C "$kdir" kernelrelease 2>/dev/null)
expect_file_line "$OUT/results/pkg.txt" "^$release\$"
echo "PASS: --kernel $kdir booted $release"
