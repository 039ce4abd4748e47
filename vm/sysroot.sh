#!/usr/bin/env bash
# Print the path of a sysroot for cross-building the lazybench userspace: bookworm's -dev
# packages of vm/sysroot.list and their dependencies for the target arch, extracted with
# dpkg-deb -x. Rebuilt when vm/sysroot.list changes.
#   sysroot.sh --arch arm64|ppc64le
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$LB_VM_DIR/lib/apt.sh"
source "$LB_VM_DIR/lib/debs.sh"

[ "${1:-}" = --arch ] && [ -n "${2:-}" ] || usage_error "usage: sysroot.sh --arch ARCH"
lb_arch_vars "$2"
[ "$DEBARCH" != amd64 ] || usage_error "x86_64 builds natively: no sysroot needed"
mapfile -t pkgs < <(grep -vE '^[[:space:]]*(#|$)' "$LB_VM_DIR/sysroot.list")
key=$(sha256sum "$LB_VM_DIR/sysroot.list" | cut -c1-12)
root="$LB_CACHE/sysroot/$DEBARCH-$key"
if [ ! -f "$root/.complete" ]; then
	exec {fd}>"$LB_CACHE/sysroot.lock"
	flock "$fd"
	if [ ! -f "$root/.complete" ]; then
		log "building the $DEBARCH sysroot from bookworm: ${pkgs[*]}"
		rm -rf "$root"
		lb_debs_extract "$DEBARCH" "$root" "${pkgs[@]/%/:$DEBARCH}"
		touch "$root/.complete"
	fi
fi
echo "$root"
