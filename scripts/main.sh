#!/usr/bin/env bash
# The main job, for a fresh Debian 12 machine as root: install dependencies, build, and run
# the default suite. Syscall workloads run on this machine's kernel. Kernel workloads need the
# lazybench module: when this kernel can load it they run here too; when it cannot (no module
# support, no headers, not root) they run in the VM test bed under QEMU, labelled as such.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bash "$top/scripts/install-deps.sh"
build=${LB_BUILD_DIR:-$top/build}
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)"
lb="$build/src/lazybench"
results=${LB_RESULTS_DIR:-$top/results}
stamp=$(date -u +%Y%m%d-%H%M%S)

echo "== lazybench env"
"$lb" env

echo "== syscall workloads on this machine ($(uname -r))"
"$lb" run --results-dir "$results" --label "syscalls-$stamp" \
	--workload mprotect,fork,munmap,mremap,madvise --pages 16,256,4096 \
	--remote none,llc --reps 20 --warmup 3

kernel_suite=(run --label "kernel-$stamp" --workload vmalloc,vmap,vm_map_ram,populate
	--pages 512 --batch 1,8,64,512 --mode on,off,nested,paused --reps 20 --warmup 3)
if [ -e /proc/modules ] && [ -d "/lib/modules/$(uname -r)/build" ] && [ "$(id -u)" = 0 ]; then
	echo "== kernel workloads on this machine"
	make -C "$top/kmod" KDIR="/lib/modules/$(uname -r)/build" >/dev/null
	LAZYBENCH_KMOD="$top/kmod/lazybench.ko" "$lb" "${kernel_suite[@]}" \
		--results-dir "$results"
else
	why="no module support in this kernel"
	[ -e /proc/modules ] && why="no kernel headers for $(uname -r)"
	[ "$(id -u)" = 0 ] || why="not root"
	echo "== kernel workloads in the VM test bed (QEMU TCG, x86_64, Debian 7.x kernel): $why here"
	"$lb" vm --arch x86_64 --results-dir "$results" -- lazybench "${kernel_suite[@]}"
fi
echo "== results in $results"
