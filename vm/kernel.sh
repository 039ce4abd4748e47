#!/usr/bin/env bash
# Fetch, configure and build a kernel for the VM test bed; print where it is.
#
#   kernel.sh kdir   --arch ARCH [--kernel 7|6.12|PATH] [--config NAME]...  -> KDIR (built)
#   kernel.sh srcdir [--kernel 7|6.12|PATH]                                -> source tree
#   kernel.sh resolve [--kernel 7|6.12] [--refresh]                        -> "PKG VERSION"
#
# Builds are out of tree under $LAZYBENCH_CACHE/build/<version>-<arch>-<config hash>, one at a
# time (flock), with progress on stderr. A finished KDIR holds Module.symvers, the boot image
# and lazybench-kernel.env naming the package version it was built from.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$LB_VM_DIR/lib/apt.sh"
source "$LB_VM_DIR/lib/ksource.sh"
source "$LB_VM_DIR/lib/kbuild.sh"

usage() {
	sed -n '2,9s/^# \{0,1\}//p' "$0"
	exit "${1:-0}"
}

[ $# -ge 1 ] || usage 2
action=$1
shift
arch=
kernel=7
refresh=0
configs=()
while [ $# -gt 0 ]; do
	case "$1" in
	--arch) arch=${2:?} && shift ;;
	--kernel) kernel=${2:?} && shift ;;
	--config) configs+=("${2:?}") && shift ;;
	--refresh) refresh=1 ;;
	-h | --help) usage 0 ;;
	*) usage_error "unknown option '$1'" ;;
	esac
	shift
done

case "$action" in
resolve)
	[ -d "$kernel" ] && usage_error "resolve takes a version (7, 6.12), not a path"
	exec {lb_src_fd}>"$LB_CACHE/source.lock"
	flock "$lb_src_fd"
	lb_kernel_resolve "$kernel" "$refresh"
	;;
srcdir)
	lb_source_for "$kernel" "$refresh"
	;;
kdir)
	[ -n "$arch" ] || usage_error "kdir needs --arch x86_64|arm64|ppc64le"
	lb_arch_vars "$arch"
	lb_kdir_for "$arch" "$kernel" "$refresh" "${configs[@]}"
	;;
-h | --help) usage 0 ;;
*) usage_error "unknown action '$action' (kdir, srcdir, resolve)" ;;
esac
