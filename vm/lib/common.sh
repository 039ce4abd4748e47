# shellcheck shell=bash
# Shared helpers for the vm/ scripts: cache location, messages, the kernel-build lock.
# Sourced, never run. Every caller has `set -euo pipefail`.

LB_VM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LB_SRC_DIR=$(cd "$LB_VM_DIR/.." && pwd)
LB_CACHE=${LAZYBENCH_CACHE:-$HOME/.cache/lazybench}
LB_PROG=${LB_PROG:-$(basename "$0")}

log() { printf '%s: %s\n' "$LB_PROG" "$*" >&2; }
die() {
	printf '%s: error: %s\n' "$LB_PROG" "$*" >&2
	exit 1
}
# Wrong flag or value: exit 2, as every lazybench command does.
usage_error() {
	printf '%s: %s (see --help)\n' "$LB_PROG" "$*" >&2
	exit 2
}

# The mirror host the machine's own apt already uses, so that private apt configurations
# go through the same (reachable) mirror.
lb_mirror() {
	local uri
	uri=$(grep -hoE '^(URIs:[[:space:]]*|deb[[:space:]]+(\[[^]]*\][[:space:]]+)?)https?://[^[:space:]]+/debian/?' \
		/etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null | head -n1 |
		grep -oE 'https?://[^[:space:]]+' || true)
	[ -n "$uri" ] || uri=http://deb.debian.org/debian
	printf '%s\n' "${uri%/}"
}

# Kernel builds use both cores: two at once would thrash the machine and can corrupt a shared
# build directory, so every build runs under this lock (other engineers call kernel.sh too).
lb_with_build_lock() {
	mkdir -p "$LB_CACHE"
	exec {lb_lock_fd}>"$LB_CACHE/kernel-build.lock"
	if ! flock -n "$lb_lock_fd"; then
		log "waiting for another kernel build to finish (lock $LB_CACHE/kernel-build.lock)"
		flock "$lb_lock_fd"
	fi
	"$@"
	local rc=$?
	flock -u "$lb_lock_fd"
	exec {lb_lock_fd}>&-
	return $rc
}

# Target arch -> kernel ARCH, cross prefix, Debian arch, boot image, QEMU, ... (one table).
# shellcheck source=vm/lib/arch.sh
source "$LB_VM_DIR/lib/arch.sh"

# lb_cross_cmake_args ARCH ARRAY: append to the array named ARRAY the CMake arguments that build
# for ARCH's guest (toolchain file and sysroot; nothing on x86_64). Used by vm/userspace.sh and
# tests/vm/guest_prog.sh, which cross-build the same way.
lb_cross_cmake_args() {
	local -n lb_args=$2
	case "$1" in
	arm64) lb_args+=(-DCMAKE_TOOLCHAIN_FILE="$LB_SRC_DIR/cmake/toolchain-aarch64.cmake") ;;
	ppc64le) lb_args+=(-DCMAKE_TOOLCHAIN_FILE="$LB_SRC_DIR/cmake/toolchain-ppc64le.cmake") ;;
	esac
	if [ "$1" != x86_64 ]; then
		lb_args+=(-DLB_SYSROOT="$("$LB_VM_DIR/sysroot.sh" --arch "$1")")
	fi
}
