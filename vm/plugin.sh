#!/usr/bin/env bash
# Build the lbtcg QEMU plugin (vm/plugin/, a host shared object whatever the guest arch) in the
# cache and print its path. Incremental; one build directory per source tree.
#   plugin.sh
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

src_key=$(printf '%s' "$LB_SRC_DIR" | sha256sum | cut -c1-12)
bdir="$LB_CACHE/tcg-plugin/$src_key"
mkdir -p "$bdir"
exec {fd}>"$bdir.lock"
flock "$fd"
{ cmake -S "$LB_VM_DIR/plugin" -B "$bdir" -DCMAKE_BUILD_TYPE=RelWithDebInfo &&
	cmake --build "$bdir" --target lbtcg; } >"$bdir.log" 2>&1 ||
	{ tail -n 20 "$bdir.log" >&2 && die "building the TCG plugin failed (log $bdir.log)"; }
echo "$bdir/lbtcg.so"
