#!/usr/bin/env bash
# What the TCG plugin costs in wall time: the main command's kernel suite
# (scripts/lib/kernel_suite.sh) in a 7.x guest per arch, with the plugin (the default) and
# without it (--no-tcg-plugin, still TCG), alternated ROUNDS times, timed inside the guest (from
# /proc/uptime around `lazybench run`: the boot is not in it). Prints one line per run and, per
# arch, the ratio of the medians. A benchmark, not a test: this shared machine's noise is in it.
#   scripts/tcg_overhead.sh [ARCH...]   (default: arm64 x86_64; ROUNDS=2)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
lb=${LB_BUILD_DIR:-$top/build}/src/lazybench
rounds=${ROUNDS:-2}
work=$(mktemp -d "${TMPDIR:-/tmp}/lazybench-tcg-overhead.XXXXXX")
trap 'rm -rf "$work"' EXIT
arches=("$@")
[ ${#arches[@]} -gt 0 ] || arches=(arm64 x86_64)
# shellcheck source=scripts/lib/kernel_suite.sh
source "$top/scripts/lib/kernel_suite.sh"

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
	print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for arch in "${arches[@]}"; do
	declare -A secs=([plugin]="" [none]="")
	for r in $(seq "$rounds"); do
		for how in plugin none; do
			flags=(--arch "$arch" --accel tcg)
			[ "$how" = plugin ] || flags+=(--no-tcg-plugin)
			out=$work/$arch-$how-$r
			mkdir -p "$out"
			"$lb" vm "${flags[@]}" --results-dir "$out" -- "
				t0=\$(cut -d' ' -f1 /proc/uptime)
				lazybench ${kernel_run[*]} --label suite --results-dir ./results >./results/log 2>&1
				echo \$? > ./results/rc
				t1=\$(cut -d' ' -f1 /proc/uptime)
				echo \"\$t0 \$t1\" > ./results/uptime" >"$out/vm.log" 2>&1 ||
				{ echo "$arch $how: lazybench vm failed: $(tail -n3 "$out/vm.log")" >&2 && exit 1; }
			[ "$(cat "$out/rc")" = 0 ] || { echo "$arch $how: run failed: $(tail -n3 "$out/log")" >&2 && exit 1; }
			s=$(awk '{ printf "%.1f", $2 - $1 }' "$out/uptime")
			tcg=$(jq '[.cases[].counters[]? | select(.name | startswith("tcg.")) |
				select(.available)] | length' "$out/suite/run.json")
			echo "$arch $how round $r: ${s} s (available tcg counters: $tcg)"
			secs[$how]+="$s "
		done
	done
	# shellcheck disable=SC2086
	with=$(median ${secs[plugin]}) without=$(median ${secs[none]})
	echo "$arch: median ${with} s with the plugin, ${without} s without: $(awk -v a="$with" \
		-v b="$without" 'BEGIN { printf "%.2fx", a / b }')"
	unset secs
done
