#!/usr/bin/env bash
# Build out-of-tree module directories against a KDIR and print the .ko paths, one per line.
# Each directory is copied under OUT (default: a directory in the cache named after KDIR) and
# built from clean there, so the source tree stays untouched and a module never carries a stale
# vermagic from another kernel or config. Runs that may overlap pass their own --out.
#   kmod.sh --arch ARCH --kdir KDIR [--out OUT] DIR...
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

arch='' kdir='' outbase=''
while [ $# -gt 0 ]; do
	case "$1" in
	--arch) arch=${2:?} && shift ;;
	--kdir) kdir=${2:?} && shift ;;
	--out) outbase=${2:?} && shift ;;
	--) shift && break ;;
	-*) usage_error "unknown option '$1'" ;;
	*) break ;;
	esac
	shift
done
[ -n "$arch" ] && [ -n "$kdir" ] && [ $# -gt 0 ] || usage_error "usage: kmod.sh --arch A --kdir K DIR..."
lb_arch_vars "$arch"
[ -f "$kdir/Module.symvers" ] || die "$kdir has no Module.symvers (not a built kernel)"
[ -n "$outbase" ] || outbase="$LB_CACHE/kmod-build/$(basename "$kdir")"
for dir in "$@"; do
	[ -f "$dir/Kbuild" ] || [ -f "$dir/Makefile" ] || die "--kmod $dir: no Kbuild or Makefile"
	src=$(cd "$dir" && pwd)
	out="$outbase/$(printf '%s' "$src" | sha256sum | cut -c1-8)-$(basename "$src")"
	rm -rf "$out"
	mkdir -p "$out"
	cp -a "$src/." "$out/"
	find "$out" \( -name '*.o' -o -name '*.ko' -o -name '*.mod*' -o -name '.*.cmd' \) -delete
	# Every module's Kbuild may include kmod/facts.mk (what the kernel tree lets a module use).
	if ! make -C "$kdir" M="$out" ARCH="$KARCH" CROSS_COMPILE="$CROSS" \
		LB_KBUILD_FACTS="$LB_SRC_DIR/kmod/facts.mk" modules >"$out/build.log" 2>&1; then
		tail -n 25 "$out/build.log" >&2
		die "module build of $dir against $kdir failed (log: $out/build.log)"
	fi
	ls "$out"/*.ko >/dev/null 2>&1 || die "module build of $dir produced no .ko"
	ls "$out"/*.ko
done
