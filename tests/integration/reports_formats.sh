#!/usr/bin/env bash
# Issue 12, on the scope fixtures (tests/data/runs/scopes-*): every compare format names the
# counter scope and compares like with like, shows the remote CPU's counts, gives task-clock
# its unit, says "from 0" (never n/a) for a count that starts at 0; the e-mail is compact:
# ASCII, <= 72 columns, one line per metric with its label, unavailable counters once in the
# footer, which states the whole significance rule; the markdown header says which run is which.
source "$LB_SOURCE_DIR/tests/integration/lib.sh"
D=$LB_SOURCE_DIR/tests/data/runs
A=$D/scopes-base B=$D/scopes-new
for f in text email markdown json csv; do
	expect_status "compare --format $f" 0 "$LB" compare --format "$f" "$A" "$B"
	cp out.txt "cmp.$f"
done

# Like with like: the measuring CPU's tlb_flush at llc is 19 in both runs (never the thread's
# 7 nor the remote CPU's 6), and the remote CPU's rows exist.
jq -e '[.comparisons[0].cases[] | select(.id_a | endswith("/llc")) | .counters[] |
	select(.name == "tlb_flush" and .scope == "cpu")] | length == 1 and
	.[0].a.per_op == 19 and .[0].b.per_op == 19' cmp.json >/dev/null ||
	fail "json: cpu-scope tlb_flush at llc is not 19 -> 19"
jq -e '[.comparisons[0].cases[] | select(.id_a | endswith("/llc")) | .counters[] |
	select(.scope == "remote_cpu" and .name == "tlb_flush")][0].a.per_op == 6' cmp.json \
	>/dev/null || fail "json: remote_cpu tlb_flush missing"
jq -e '[.comparisons[0].cases[].counters[] | select(.name == "task-clock")] |
	all(.unit == "ns" and .scope == "thread")' cmp.json >/dev/null || fail "json: task-clock unit"
echo "ok: json counters keyed by scope"
grep -Eq ',counter_per_op,tlb_flush,count,.*,remote_cpu(,[^,]*){6}$' cmp.csv || fail "csv has no remote_cpu rows"
task_unit=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["name"] == "task-clock" { print $c["unit"]; exit }' cmp.csv)
expect_eq "csv task-clock unit" "$task_unit" ns
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; if (!c["scope"]) exit 1; next }
	$c["type"] == "counter_per_op" && $c["scope"] == "" { exit 1 }' cmp.csv ||
	fail "csv: a counter row without a scope"
echo "ok: csv scope column filled"
grep -Eq '^ +remote_cpu +tlb_flush +6/op' cmp.text || fail "text: no remote_cpu tlb_flush row"
grep -Eq '^ +cpu +tlb_flush +19(\.0)?/op' cmp.text || fail "text: no cpu tlb_flush row"
grep -Eq '^\| `fork/-/on/p256/b-/llc` \| remote_cpu \| tlb_flush \|' cmp.markdown ||
	fail "markdown: no scope column"
echo "ok: text and markdown label scopes"

# 0 -> 1 is a change from zero, not "n/a" (which means unavailable).
line=$(grep -E 'remote_cpu +tlb_flush.remote_shootdown' cmp.text) ||
	fail "text: remote_shootdown row missing"
case $line in *n/a*) fail "0 -> 1 shown as n/a: $line" ;; esac
case $line in *"from 0"*) ;; *) fail "0 -> 1 not shown as 'from 0': $line" ;; esac
echo "ok: 0 -> 1 reads 'from 0'"

# Markdown: which run is the baseline.
grep -q '^Baseline (base): `scopes-base`' cmp.markdown || fail "markdown header lacks the baseline"
grep -q '^Compared (new): `scopes-new`' cmp.markdown || fail "markdown header lacks the new run"

# E-mail contract.
E=cmp.email
if awk 'length > 72 { print NR": "$0; bad=1 } END { exit !bad }' $E; then fail "email over 72 columns"; fi
if LC_ALL=C grep -nP '[^\x00-\x7F]' $E; then fail "email has non-ASCII bytes"; fi
# Every table row carries numbers and its label on the same line: no label-only lines inside the
# table, and no number-only lines.
awk '/^ +base +%sd/ { t = 1; next } t && /^$/ { exit } t && NF' $E >rows.txt
[ -s rows.txt ] || fail "email: no table found"
while IFS= read -r l; do
	case $l in
	fork/on/p256*) continue ;;        # case headings
	*'\'* | *'% CI ['*) continue ;; # the LKP arrow line, verdicts under significant rows
	*'no verdict: '* | *'no change larger than'* | *'warning: '*) continue ;; # other verdicts
	esac
	[[ $l =~ [0-9] ]] || fail "email: row without numbers: '$l'"
	[[ $l =~ [a-z_]+[a-z]$|[a-z]\ ns$|[a-z]\ count$ ]] || fail "email: row without a label: '$l'"
done <rows.txt
grep -Eq '^ +[0-9]+ .* fork ns$' $E || fail "email: fork row"
grep -Eq ' exit_reap ns$' $E || fail "email: exit_reap row on one line"
grep -Eq ' rcpu tlb_flush.remote_shootdown$' $E || fail "email: remote CPU row"
grep -Eq ' cpu +tlb_flush$' $E || fail "email: measuring CPU row"
# Unavailable counters: once, in the footer, with the reason.
expect_eq "cycles named once" "$(grep -c 'cycles' $E)" 1
grep -q 'not available in either run: cycles, instructions' $E || fail "email: n/a footer"
# The significance rule in full.
tr '\n' ' ' <$E | grep -q 'one Welch t test' || fail "email: rule lacks the test"
tr '\n' ' ' <$E | tr -s ' ' | grep -q 'p < 0.05 exactly when the CI excludes 0%' ||
	fail "email: footer does not state that p and CI agree"
tr '\n' ' ' <$E | tr -s ' ' | grep -q 'no verdict with fewer than 3 per side' ||
	fail "email: footer does not state the no-verdict rule"
# Compact: one heading per case, one row per metric (4) and per task-clock (2).
expect_eq "case headings" "$(grep -c '^fork/on/p256' rows.txt)" 2
expect_eq "rows in ns" "$(grep -c ' ns$' rows.txt)" 6
# Verdict lines only under significant (*) rows.
expect_eq "verdicts = significant rows" "$(grep -c '% CI \[' rows.txt)" "$(grep -c '%\* ' rows.txt)"
echo "ok: e-mail compact ($(wc -l <rows.txt) table lines)"
echo "reports formats: OK"
