#!/usr/bin/env bash
# compare --cost-model FILE (issue 10): on the arm64 TCG fixtures (tests/data/runs/tcg-*, made by
# tests/data/make_fixtures.py) with a test-only cost model of made-up figures
# (tests/data/cost-models/test-arm64.cm: dsb.ishst 10, isb 20, tlbi 100, dsb.sy 7.5 cycles),
# every format prints the estimated cycles per op = sum of median count per op x cycles,
# labelled as an estimate, names the events it leaves out, says "unavailable: <reason>" where a
# run has no TCG counts, and refuses a model of another arch or a malformed file.
source "$LB_SOURCE_DIR/tests/integration/lib.sh"
D=$LB_SOURCE_DIR/tests/data/runs
CM=$LB_SOURCE_DIR/tests/data/cost-models
M=$CM/test-arm64.cm

# --mode-pairs, text: vmalloc off -> on. map in the vCPU: off 512 dsb.ishst + 512 isb =
# 512 x 10 + 512 x 20 = 15360, on 2 + 2 = 60 cycles; unmap: 8 TLBI x 100 = 800 in both.
expect_status "compare --mode-pairs --cost-model" 0 "$LB" compare --mode-pairs --cost-model "$M" \
	"$D/tcg-base"
cp out.txt mp.text
awk '/^vmalloc\/-\/off\// { v = 1 } /^vmap\// { v = 0 } v' mp.text >vmalloc.text
grep -Fxq '    est. cycles/op from counts x Test CPU (made-up figures) (estimate, not measured):' \
	vmalloc.text || fail "text: no labelled estimate under vmalloc"
grep -Fxq '      map vcpu: 15360 -> 60.0 (-99.6%); no figure for: tcg:insn; not counted here: tcg:dsb.sy' \
	vmalloc.text || fail "text: vmalloc map estimate (want 15360 -> 60.0)"
grep -Fxq '      unmap vcpu: 800.0 -> 800.0 (+0.0%); no figure for: tcg:insn, tcg:dsb.ish; not counted here: tcg:dsb.sy' \
	vmalloc.text || fail "text: vmalloc unmap estimate (want 800 -> 800)"
# The other vCPUs: 3 ISB x 20 with the mode off, none with it on.
grep -Fxq '      map other_vcpus: 60.0 -> 0 (-100.0%); no figure for: tcg:insn; not counted here: tcg:dsb.sy' \
	vmalloc.text || fail "text: other_vcpus estimate"
# unmap costs nothing on the other vCPUs: no line for it.
if grep -q 'unmap other_vcpus' vmalloc.text; then fail "text: an other_vcpus line at 0 cycles"; fi
grep -q 'Cost estimate (--cost-model .*test-arm64.cm): est. cycles/op is the sum over the events' \
	mp.text || fail "text: no note on how the estimate is made"
grep -q 'not measured' mp.text || fail "text: the note does not say 'not measured'"
echo "ok: text estimates per metric and scope"

# A/B, json: tcg-new opens one lazy section per map where tcg-base opens two (60 -> 30), and
# its vmap counts are unavailable (a region-count mismatch): that side says why.
expect_status "compare --format json --cost-model" 0 "$LB" compare --format json --cost-model "$M" \
	"$D/tcg-base" "$D/tcg-new"
cp out.txt ab.json
est() { # CASE METRIC SCOPE: the estimate object
	jq -c --arg id "$1" --arg m "$2" --arg s "$3" '.comparisons[0].cases[] |
		select(.id_a == $id) | .cost_estimates[] | select(.metric == $m and .scope == $s)' ab.json
}
e=$(est vmalloc/-/on/p512/b512/none map vcpu)
expect_eq "json vmalloc on map: base" "$(jq '.a.cycles_per_op' <<<"$e")" 60
expect_eq "json vmalloc on map: new" "$(jq '.b.cycles_per_op' <<<"$e")" 30
expect_eq "json vmalloc on map: change" "$(jq '.change_pct' <<<"$e")" -50
expect_eq "json vmalloc on map: estimate" "$(jq '.estimate' <<<"$e")" true
expect_eq "json: events without a figure" "$(jq -c '.no_figure_for' <<<"$e")" '["tcg:insn"]'
expect_eq "json: the model's events not counted" "$(jq -c '.not_counted' <<<"$e")" '["tcg:dsb.sy"]'
expect_eq "json: the terms" "$(jq -c '[.events[] | [.event, .cycles_per_event, .per_op_a, .per_op_b]]' <<<"$e")" \
	'[["tcg:dsb.ishst",10,2,1],["tcg:isb",20,2,1],["tcg:tlbi",100,0,0]]'
e=$(est vmalloc/-/off/p512/b512/none unmap vcpu)
expect_eq "json vmalloc off unmap" "$(jq -c '[.a.cycles_per_op, .b.cycles_per_op]' <<<"$e")" '[800,800]'
expect_eq "json: unmap events without a figure" "$(jq -c '.no_figure_for' <<<"$e")" \
	'["tcg:insn","tcg:dsb.ish"]'
e=$(est vmap/-/off/p512/b512/none map vcpu)
expect_eq "json vmap off map: base" "$(jq '.a.cycles_per_op' <<<"$e")" 15360
expect_eq "json vmap off map: new available" "$(jq '.b.available' <<<"$e")" false
jq -e '.b.reason | test("4098 regions")' <<<"$e" >/dev/null || fail "json: unavailable side lacks its reason"
expect_eq "json vmap off map: change" "$(jq '.change_pct' <<<"$e")" null
expect_eq "json: model" "$(jq -r '.cost_model | [.model, .arch, (.events | length)] | join(",")' ab.json)" \
	"Test CPU (made-up figures),aarch64,4"
jq -e '.cost_model.label | test("estimate, not measured")' ab.json >/dev/null || fail "json: label"
jq -e '.cost_model.events[0].source == "made up for the tests: no published source"' ab.json \
	>/dev/null || fail "json: the events' sources"
echo "ok: json estimates, terms, unavailable side"

# Markdown: a table with both sides; e-mail: est.cyc rows within 72 columns, ASCII.
expect_status "compare --format markdown --cost-model" 0 "$LB" compare --format markdown \
	--cost-model "$M" "$D/tcg-base" "$D/tcg-new"
grep -Fq '| `vmalloc/-/on/p512/b512/none` | map | vcpu | 60.0 | 30.0 | -50.0% | no figure for: tcg:insn; not counted here: tcg:dsb.sy |' \
	out.txt || fail "markdown: vmalloc on map row"
grep -q '^est. cycles/op from counts x Test CPU (made-up figures) (estimate, not measured)' out.txt ||
	fail "markdown: label"
grep -q '**An estimate, not a measurement.**' out.txt || fail "markdown: not labelled an estimate"
expect_status "compare --format email --cost-model" 0 "$LB" compare --format email \
	--cost-model "$M" "$D/tcg-base" "$D/tcg-new"
cp out.txt ab.email
grep -Eq '^ +60\.0 +-50\.0% +30\.0 +est\.cyc map vcpu$' ab.email || fail "email: est.cyc map row"
grep -q '^ *new unavailable: the plugin saw 4098 regions' ab.email || fail "email: unavailable side"
grep -q '^est.cyc rows: est. cycles/op from counts x Test CPU' ab.email || fail "email: label"
if awk 'length > 72 { print NR": "$0; bad=1 } END { exit !bad }' ab.email; then
	fail "email over 72 columns"
fi
if LC_ALL=C grep -nP '[^\x00-\x7F]' ab.email; then fail "email has non-ASCII bytes"; fi
echo "ok: markdown and email"

# A run without TCG counts (the host fixtures, x86_64): unavailable with the reason, never 0.
expect_status "compare host runs --cost-model" 0 "$LB" compare --cost-model "$CM/test-x86.cm" \
	"$D/base" "$D/new"
expect_eq "text: unavailable lines" \
	"$(grep -c '^      vcpu: unavailable: no TCG counts in base or new (only lazybench vm.s TCG plugin records them)$' out.txt)" 3
expect_status "compare host runs --cost-model json" 0 "$LB" compare --format json \
	--cost-model "$CM/test-x86.cm" "$D/base" "$D/new"
jq -e '[.comparisons[0].cases[].cost_estimates[]] | length == 3 and
	all(.metric == null and .a.available == false and .b.available == false and
	    (.a.reason | startswith("no TCG counts")))' out.txt >/dev/null ||
	fail "json: host runs not unavailable"
# --mode-pairs on a TCG run recorded without the plugin: the same, in one line per case.
expect_status "mode-pairs without TCG counts" 0 "$LB" compare --mode-pairs --format email \
	--cost-model "$M" "$D/sweep-tcg"
grep -q '^est.cyc unavailable in 10 case(s): no TCG counts in run sweep-tcg' out.txt ||
	fail "email: cases without TCG counts not named once"
if grep -Eq '^ +[0-9].* est\.cyc' out.txt; then fail "email: a number for an unavailable estimate"; fi
echo "ok: unavailable without TCG counts"

# Refusals: a model of another arch, malformed files, a missing file: exit 1, one line.
expect_status "arm64 model on x86_64 runs" 1 "$LB" compare --cost-model "$M" "$D/base" "$D/new"
expect_eq "arch refusal" "$ERR" "lazybench compare: --cost-model $M: the model (Test CPU (made-up figures)) is for aarch64, run base is x86_64: refusing (cycles per event hold only for the CPU they were published for)"
printf 'model X\narch arm64\nevent tcg:isb 12\n' >nosource.cm
expect_status "event without a source" 1 "$LB" compare --cost-model nosource.cm "$D/tcg-base" "$D/tcg-new"
case $ERR in "lazybench compare: --cost-model nosource.cm:3: event tcg:isb has no source"*) ;;
*) fail "no-source message: $ERR" ;; esac
printf 'model X\narch arm64\nevent tcg:isb 12 a\nevent tcg:isb 13 b\n' >dup.cm
expect_status "duplicate event" 1 "$LB" compare --cost-model dup.cm "$D/tcg-base" "$D/tcg-new"
expect_eq "duplicate message" "$ERR" "lazybench compare: --cost-model dup.cm:4: event tcg:isb twice (the first is line 3)"
expect_status "missing file" 1 "$LB" compare --cost-model nothere.cm "$D/tcg-base" "$D/tcg-new"
case $ERR in *"nothere.cm: cannot read"*) ;; *) fail "missing file message: $ERR" ;; esac
expect_status "no argument" 2 "$LB" compare "$D/tcg-base" "$D/tcg-new" --cost-model
echo "ok: refusals"

# Without the option nothing changes (the goldens check the bytes; here: no estimate at all).
expect_status "compare without --cost-model" 0 "$LB" compare --format json "$D/tcg-base" "$D/tcg-new"
jq -e '(.cost_model == null) and ([.comparisons[].cases[] | has("cost_estimates")] | any | not)' \
	out.txt >/dev/null || fail "json has estimates without --cost-model"
expect_status "text without --cost-model" 0 "$LB" compare "$D/tcg-base" "$D/tcg-new"
if grep -q 'est\. cycles' out.txt; then fail "text has estimates without --cost-model"; fi

# Every shipped table parses and fits a run of its arch (docs/cost-models/).
for f in "$LB_SOURCE_DIR"/docs/cost-models/*.cm; do
	[ -e "$f" ] || continue
	arch=$(awk '$1 == "arch" { print $2 }' "$f")
	case $arch in
	aarch64 | arm64) run=tcg-base ;;
	x86_64) run=base ;;
	*) run= ;;
	esac
	if [ -n "$run" ]; then
		expect_status "shipped $(basename "$f")" 0 "$LB" compare --mode-pairs --format json \
			--cost-model "$f" "$D/$run"
	fi
	# Every figure names a source (the parser requires one) that is not a placeholder.
	if grep -E '^event ' "$f" | grep -Eqi 'made up|todo|xxx'; then fail "$f: placeholder source"; fi
done
echo "ok: shipped tables"
