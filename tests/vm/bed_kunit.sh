#!/usr/bin/env bash
# The kernel's own lazy_mmu_mode KUnit suite (built in, run at boot) passes in the ARCH guest.
source "$(dirname "$0")/lib.sh"
target=${2:?arch}
# shellcheck disable=SC2046
vm $(target_flags "$target") --no-kmod --no-lazybench -- \
	'cat /sys/kernel/debug/kunit/lazy_mmu_mode/results > ./results/kunit.txt'
expect_rc 0
f="$OUT/results/kunit.txt"
expect_file_line "$f" '^[[:space:]]*ok [0-9]+ lazy_mmu_mode_active'
expect_file_line "$f" '^ok [0-9]+ lazy_mmu_mode$'
! grep -q 'not ok' "$f" || fail "a KUnit case failed: $(cat "$f")"
echo "PASS: lazy_mmu_mode KUnit suite passed on $target"
