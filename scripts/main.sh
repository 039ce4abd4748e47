#!/usr/bin/env bash
# The main job, for a fresh Debian 12 machine as root: install dependencies, build, run the
# default suite and report. Syscall workloads run on this machine's kernel. Kernel workloads
# need lazybench.ko: when this kernel can load it they run here; when it cannot (no module
# support, no headers, not root) they run in the VM test bed, on a Debian 7.x kernel built
# from source, for x86_64 and arm64 under QEMU TCG, and every result says so.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bash "$top/scripts/build.sh"
build=${LB_BUILD_DIR:-$top/build}
lb="$build/src/lazybench"
results=${LB_RESULTS_DIR:-$top/results}
stamp=$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$results"

echo "== environment"
"$lb" env

echo "== syscall workloads on this machine ($(uname -r))"
# --runs 5: five separately started processes of 20 reps each (the replicates compare tests).
"$lb" run -q --results-dir "$results" --label "syscalls-$stamp" \
	--workload mprotect,fork,munmap,mremap,madvise --pages 1,16,256,4096 \
	--remote none,llc --reps 20 --warmup 10 --runs 5

# shellcheck source=scripts/lib/kernel_suite.sh
source "$top/scripts/lib/kernel_suite.sh"
kernel_labels=()
if [ -e /proc/modules ] && [ -d "/lib/modules/$(uname -r)/build" ] && [ "$(id -u)" = 0 ]; then
	echo "== kernel workloads on this machine"
	make -C "$top/kmod" KDIR="/lib/modules/$(uname -r)/build"
	LAZYBENCH_KMOD="$top/kmod/lazybench.ko" "$lb" "${kernel_run[@]}" \
		--results-dir "$results" --label "kernel-$stamp"
	kernel_labels+=("kernel-$stamp")
else
	why="this kernel has no module support"
	[ ! -e /proc/modules ] || why="no kernel headers for $(uname -r)"
	[ "$(id -u)" = 0 ] || why="not root"
	for arch in x86_64 arm64; do
		echo "== kernel workloads in the VM test bed: $arch, QEMU TCG ($why here)"
		"$lb" vm --arch "$arch" --results-dir "$results" -- \
			lazybench "${kernel_run[@]}" --label "kernel-$arch-tcg-$stamp"
		kernel_labels+=("kernel-$arch-tcg-$stamp")
	done
fi

for label in "${kernel_labels[@]}"; do
	echo "== $label: lazy modes against each other (in-kernel A/B, no reboot)"
	"$lb" compare --mode-pairs --results-dir "$results" "$label"
	echo "== $label: batch sizes"
	"$lb" tune --results-dir "$results" "$label"
done
for label in "syscalls-$stamp" "${kernel_labels[@]}"; do
	"$lb" plot --format png --results-dir "$results" "$label"
done
echo "== results: $results/{syscalls-$stamp$(printf ',%s' "${kernel_labels[@]}")}"
