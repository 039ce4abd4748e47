#!/usr/bin/env bash
# Build the lazybench userspace of this source tree for a target arch and print the binary's
# path: natively for x86_64, with Debian's cross gcc and a vm/sysroot.sh sysroot for arm64 and
# ppc64le. The build directory lives in the cache and is reused (incremental).
#   userspace.sh --arch x86_64|arm64|ppc64le
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

[ "${1:-}" = --arch ] && [ -n "${2:-}" ] || usage_error "usage: userspace.sh --arch ARCH"
arch=$2
lb_arch_vars "$arch"
# One build directory per source tree and arch: CMake refuses a build directory configured from
# another source tree (a second clone, CI's fresh clone).
src_key=$(printf '%s' "$LB_SRC_DIR" | sha256sum | cut -c1-12)
bdir="$LB_CACHE/userspace/$arch-$src_key"
args=(-S "$LB_SRC_DIR" -B "$bdir" -DLB_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo)
lb_cross_cmake_args "$arch" args
exec {fd}>"$LB_CACHE/userspace-$arch-$src_key.lock"
flock "$fd"
log "building lazybench for $arch in $bdir"
cmake "${args[@]}" >"$LB_CACHE/userspace-$arch-$src_key.log" 2>&1 ||
	{ tail -n 20 "$LB_CACHE/userspace-$arch-$src_key.log" >&2 && die "cmake configure for $arch failed"; }
cmake --build "$bdir" --target lazybench -j"$(nproc)" >>"$LB_CACHE/userspace-$arch-$src_key.log" 2>&1 ||
	{ tail -n 20 "$LB_CACHE/userspace-$arch-$src_key.log" >&2 && die "lazybench build for $arch failed"; }
echo "$bdir/src/lazybench"
