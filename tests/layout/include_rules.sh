#!/usr/bin/env bash
# The include rules of docs/DEVELOPING.md, checked against the real build: each stage compiles a
# one-line file including each stage's representative header, with the flags CMake gives the
# stage's own sources (compile_commands.json). A header of a stage it may use must compile; any
# other must fail with "No such file or directory". Usage: include_rules.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 top=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# stage: one source of it (- for none), its representative header
stages=(uapi opt stats env kclient bench results measure analysis report cli)
declare -A src=([uapi]=- [opt]=src/opt/opt.c [stats]=src/stats/stats.c [env]=src/env/env.c
	[kclient]=src/kclient/kmod_client.c [bench]=bench/kernel_common.c
	[results]=src/results/results_write.c [measure]=src/measure/run_case.c
	[analysis]=src/analysis/match.c [report]=src/report/summary.c [cli]=src/cli/cli.c)
declare -A header=([uapi]=lazybench.h [opt]=opt.h [stats]=stats.h [env]=env.h [kclient]=kmod_client.h
	[bench]=workload.h [results]=results.h [measure]=run_case.h [analysis]=model.h
	[report]=format.h [cli]=cli.h)
# What each stage may include: itself, what it links, and what those export publicly.
declare -A may=([opt]="opt" [stats]="stats" [env]="env" [kclient]="kclient uapi"
	[bench]="bench kclient uapi" [results]="results stats bench"
	[measure]="measure results stats bench env kclient uapi opt"
	[analysis]="analysis results stats bench env"
	[report]="report analysis results stats bench env"
	[cli]="${stages[*]}")

checked=0 wrong=0
for s in "${stages[@]}"; do
	[ "${src[$s]}" = - ] && continue
	file=$(realpath "$top/${src[$s]}")
	cmd=$(jq -r --arg f "$file" '.[] | select(.file == $f) | .command' \
		"$build/compile_commands.json")
	[ -n "$cmd" ] || { echo "FAIL: no compile command for $file"; exit 1; }
	eval "words=($cmd)"
	flags=()
	for w in "${words[@]:1}"; do
		case $w in -I* | -D* | -std=* | -W*) flags+=("$w") ;; esac
	done
	for o in "${stages[@]}"; do
		tu=$tmp/${s}_$o.c
		echo "#include \"${header[$o]}\"" >"$tu"
		checked=$((checked + 1))
		if "${words[0]}" -fsyntax-only "${flags[@]}" "$tu" 2>"$tmp/err"; then rc=0; else rc=$?; fi
		if [[ " ${may[$s]} " == *" $o "* ]]; then
			[ $rc = 0 ] && continue
			echo "FAIL: $s may include ${header[$o]} ($o) but it does not compile:"
			cat "$tmp/err"
		else
			[ $rc != 0 ] && grep -q 'No such file or directory' "$tmp/err" && continue
			echo "FAIL: $s must not see ${header[$o]} ($o) (compiler exit $rc)"
		fi
		wrong=$((wrong + 1))
	done
done
echo "$checked stage x header pairs checked, $wrong wrong"
[ $wrong = 0 ]
