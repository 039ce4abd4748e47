#!/usr/bin/env bash
# The lazybench userspace (host build on x86_64, cross build elsewhere) runs in the ARCH guest
# with its shared libraries, and sees the guest contract's environment.
source "$(dirname "$0")/lib.sh"
target=${2:?arch}
# shellcheck disable=SC2046
vm $(target_flags "$target") --no-kmod -- \
	'command -v lazybench > ./results/which.txt && lazybench --version >> ./results/which.txt && echo "$HWLOC_PLUGINS_PATH $LAZYBENCH_KMOD" >> ./results/which.txt'
expect_rc 0
f="$OUT/results/which.txt"
expect_file_line "$f" '^/opt/lazybench/bin/lazybench$'
expect_file_line "$f" '^lazybench [0-9]+\.[0-9]+\.[0-9]+ '
expect_file_line "$f" '^/nonexistent /opt/lazybench/kmod/lazybench.ko$'
echo "PASS: lazybench runs in the $target guest"
