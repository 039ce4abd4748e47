#!/usr/bin/env bash
# Wrong flags and values exit 2 with a one-line error, before anything is built or booted.
source "$(dirname "$0")/lib.sh"
for args in "--bogus -- true" "--arch sparc -- true" "--mmu hash -- true" \
	"--arch ppc64le --mmu sideways -- true" "--cpus 0 -- true" "--arch x86_64"; do
	# shellcheck disable=SC2086
	vm $args
	expect_rc 2
	[ "$(wc -l <"$OUT/stderr")" = 1 ] || fail "'$args': error is not one line"
done
echo "PASS: usage errors"
