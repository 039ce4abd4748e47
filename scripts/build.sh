#!/usr/bin/env bash
# Install dependencies (scripts/install-deps.sh), then configure and build lazybench into
# $LB_BUILD_DIR (default build/). Shared by scripts/main.sh and scripts/test.sh.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bash "$top/scripts/install-deps.sh"
build=${LB_BUILD_DIR:-$top/build}
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)"
