# Every subcommand parses its options through the one option layer: --help prints the
# generated text (exit 0, every option of the table listed), and an unknown option, a missing
# value or a value out of range is one line on stderr naming it, exit 2, before any work.
source "$LB_SOURCE_DIR/tests/integration/lib.sh"

usage_error() { # NEEDLE ARGS...: exit 2, one line, names NEEDLE, says where help is
	local needle=$1
	shift
	expect_status "$*" 2 "$LB" "$@"
	[ "$(wc -l <err.txt)" = 1 ] || fail "$*: error is not one line: $ERR"
	grep -qF -- "$needle" err.txt || fail "$*: error does not name '$needle': $ERR"
	grep -qF -- "--help)" err.txt || fail "$*: error does not point at --help: $ERR"
	[ ! -s out.txt ] || fail "$*: printed on stdout: $(cat out.txt)"
}

help_lists() { # CMD... -- OPTION...: `CMD --help` exits 0 and lists every OPTION
	local cmd=() opt
	while [ "$1" != -- ]; do
		cmd+=("$1")
		shift
	done
	shift
	expect_status "${cmd[*]} --help" 0 "$LB" "${cmd[@]}" --help
	grep -q "^usage: lazybench ${cmd[*]}" out.txt || fail "${cmd[*]} --help: no usage line"
	for opt in "$@" --help; do
		grep -qE -- "^  (-., )?$opt( |$)" out.txt || fail "${cmd[*]} --help lacks $opt"
	done
}

help_lists run -- --workload --pages --mode --batch --remote --reps --warmup --rounds --runs --delay-ns --cpu \
	--events --label --results-dir --seed --resamples --quiet
help_lists list -- --cpu --events
help_lists env -- --json
help_lists compare -- --format --output --results-dir --mode-pairs --holm --alpha --equivalence \
	--target --resamples \
	--seed --allow-incomparable
help_lists plot -- --format --output --results-dir
help_lists tune -- --results-dir --seed
help_lists validate -- --pairs --runs-per-side --reps --workload --pages --delay --delay-pairs --from \
	--results-dir --seed
help_lists ab -- --rounds --label --results-dir --dry-run --arch --no-kmod
help_lists kmod info -- --json
help_lists kmod run -- --workload --variant --mode --pages --batch --reps --warmup --delay-ns
help_lists kmod matrix -- --pages --batch --reps
help_lists kmod task-lazy -- --pages --loops
help_lists kmod selftest --

for cmd in run list env compare plot tune validate ab "kmod info" "kmod run" "kmod matrix" \
	"kmod task-lazy" "kmod selftest"; do
	# shellcheck disable=SC2086 # cmd is one or two words
	usage_error "--bogus" $cmd --bogus
done
usage_error "--reps 0" run --reps 0
usage_error "--delay-ns: mprotect is a syscall workload" run --workload mprotect --delay-ns 100
usage_error "--delay-ns 5x" run --workload vmalloc --delay-ns 5x
usage_error "--delay-ns vmalloc/x=5: no such case" run --workload vmalloc --delay-ns vmalloc/x=5
usage_error "--delay slow" validate --delay slow
usage_error "--delay module: the workloads must all be kernel workloads" validate --delay module --workload mprotect
usage_error "--cpu x" list --cpu x
usage_error "--json takes no value" env --json=1
usage_error "--alpha 0.9" compare --alpha 0.9 a b
usage_error "--resamples 99" compare --resamples 99 a b
usage_error "two RUNs" compare a
usage_error "--format jpg" plot --format jpg a
usage_error "--seed x" tune --seed x a
usage_error "exactly one RUN" tune
usage_error "--pairs 0" validate --pairs 0
usage_error "--runs 0" run --runs 0
usage_error "--equivalence 0" compare --equivalence 0 a b
usage_error "--runs-per-side needs a value" validate --runs-per-side
usage_error "--rounds 101" ab --rounds 101 a b -- run
usage_error "KERNEL_A and KERNEL_B" ab a -- run
usage_error "-- run" ab a b
usage_error "--label belongs before" ab a b -- run --label x
usage_error "--workload nosuch" kmod run --workload nosuch
usage_error "--mode sideways" kmod run --workload vmalloc --mode sideways
usage_error "--reps 4294967296" kmod run --workload vmalloc --reps 4294967296
usage_error "--reps 0" kmod matrix --reps 0
usage_error "unknown option '--pagez'" kmod task-lazy --pagez 3
usage_error "--loops 0" kmod task-lazy --loops 0
usage_error "unexpected argument 'now'" kmod selftest now
usage_error "unknown action 'bogus'" kmod bogus
echo "usage errors: OK"
