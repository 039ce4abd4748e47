#!/usr/bin/env bash
# Print the path of a static busybox for the target arch (the host's for x86_64, Debian's
# bookworm busybox-static for the others, downloaded once into the cache).
#   busybox.sh --arch x86_64|arm64|ppc64le
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$LB_VM_DIR/lib/apt.sh"
source "$LB_VM_DIR/lib/debs.sh"

[ "${1:-}" = --arch ] && [ -n "${2:-}" ] || usage_error "usage: busybox.sh --arch ARCH"
lb_arch_vars "$2"
if [ "$DEBARCH" = amd64 ]; then
	[ -x /bin/busybox ] || die "/bin/busybox missing: run scripts/install-deps.sh (busybox-static)"
	! readelf -l /bin/busybox | grep -q 'program interpreter' ||
		die "/bin/busybox is not static: install busybox-static"
	echo /bin/busybox
	exit 0
fi
root="$LB_CACHE/busybox/$DEBARCH"
if [ ! -x "$root/bin/busybox" ]; then
	rm -rf "$root"
	lb_bookworm_apt "$DEBARCH"
	deb=$(lb_apt_download "bookworm-$DEBARCH" "busybox-static:$DEBARCH" "$LB_CACHE/debs/$DEBARCH")
	mkdir -p "$root"
	dpkg-deb -x "$deb" "$root"
fi
echo "$root/bin/busybox"
