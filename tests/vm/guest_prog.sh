#!/usr/bin/env bash
# Build tests/guest (lb-kmodtest) for a guest arch with the toolchain and sysroot vm/userspace.sh
# uses for lazybench, and print the binary's path. Incremental, in the cache.
#   guest_prog.sh --arch x86_64|arm64|ppc64le
set -euo pipefail
source "$(dirname "$0")/../../vm/lib/common.sh"

[ "${1:-}" = --arch ] && [ -n "${2:-}" ] || usage_error "usage: guest_prog.sh --arch ARCH"
arch=$2
lb_arch_vars "$arch"
src_key=$(printf '%s' "$LB_SRC_DIR" | sha256sum | cut -c1-12)
bdir="$LB_CACHE/guest-tests/$arch-$src_key"
args=(-S "$LB_SRC_DIR/tests/guest" -B "$bdir" -DCMAKE_BUILD_TYPE=RelWithDebInfo)
lb_cross_cmake_args "$arch" args
exec {fd}>"$LB_CACHE/guest-tests-$arch-$src_key.lock"
flock "$fd"
log=$bdir.log
mkdir -p "$(dirname "$bdir")"
{ cmake "${args[@]}" && cmake --build "$bdir" -j"$(nproc)"; } >"$log" 2>&1 ||
	{ tail -n 20 "$log" >&2 && die "building tests/guest for $arch failed (log: $log)"; }
echo "$bdir/lb-kmodtest"
