#!/usr/bin/env bash
# What lazy MMU batching saves, counted exactly by the VM bed's TCG plugin: runs the kernel
# workloads at 512 pages, batch 512, modes on and off, in a 7.x guest per arch, and prints a
# markdown table of the counts per operation (median over the repetitions, and whether every
# repetition gave the same count) and per PTE, from each run's run.json (counters tcg.*). Rows
# that are 0 in both modes are left out.
#   scripts/tcg_table.sh [TARGET...]   (default: arm64 x86_64 ppc64le_hash ppc64le_radix)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
lb=${LB_BUILD_DIR:-$top/build}/src/lazybench
results=${LB_RESULTS_DIR:-$top/results}
stamp=$(date -u +%Y%m%d-%H%M%S)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(arm64 x86_64 ppc64le_hash ppc64le_radix)
PTES=512 # per operation, in one section

echo "| arch | workload | metric | event | on /op | off /op | on /PTE | off /PTE | exact |"
echo "|---|---|---|---|---|---|---|---|---|"
for t in "${targets[@]}"; do
	# --pages counts 4 KiB pages: 512 PTEs are 8192 of them on ppc64le's 64 KiB pages.
	pages=$PTES
	case "$t" in
	arm64) flags=(--arch arm64) events='dsb|isb|tlbi|insn' ;;
	x86_64) flags=(--arch x86_64) events='invlpg|mov_cr3|mov_cr4|wbinvd|insn' ;;
	ppc64le_hash | ppc64le_radix)
		flags=(--arch ppc64le --mmu "${t#ppc64le_}") events='hcall|tlbie|tlbiel|ptesync|insn'
		pages=$((PTES * 16))
		;;
	*) echo "unknown target $t" >&2 && exit 2 ;;
	esac
	label="tcg-$t-$stamp"
	"$lb" vm "${flags[@]}" --results-dir "$results" -- lazybench run -q \
		--workload vmalloc,vmap,zap --mode on,off --pages $pages --batch $PTES --reps 5 \
		--warmup 1 --label "$label" >&2
	jq -r --arg t "$t" --arg re "^tcg\\.[a-z_]+\\.($events)$" --argjson pages $PTES '
		def med: sort | .[(length / 2 | floor)];
		[.cases[] | select(.refused == null) | . as $c | .counters[]
		 | select(.scope == "vcpu" and .available and (.name | test($re)))
		 | {w: $c.workload, mode: $c.mode, metric: (.name | split(".")[1]),
		    ev: (.name | split(".")[2:] | join(".")), v: (.values | med),
		    exact: ((.values | unique | length) == 1)}]
		| group_by([.w, .metric, .ev])[]
		| (map(select(.mode == "on"))[0]) as $on | (map(select(.mode == "off"))[0]) as $off
		| select($on != null and $off != null and ($on.v != 0 or $off.v != 0))
		| "| \($t) | \($on.w) | \($on.metric) | \($on.ev) | \($on.v) | \($off.v) | "
		  + "\($on.v / $pages * 1000 | round / 1000) | \($off.v / $pages * 1000 | round / 1000) | "
		  + "\(if $on.exact and $off.exact then "yes" else "no" end) |"' \
		"$results/$label/run.json"
done
