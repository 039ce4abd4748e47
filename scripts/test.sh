#!/usr/bin/env bash
# Set up everything and run every test: unit, integration and the VM tier (ctest labels
# unit, integration, vm). LB_TEST_LABELS=unit runs one tier only.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bash "$top/scripts/build.sh"
build=${LB_BUILD_DIR:-$top/build}
args=(--test-dir "$build" --output-on-failure)
[ -n "${LB_TEST_LABELS:-}" ] && args+=(-L "$LB_TEST_LABELS")
ctest "${args[@]}"
