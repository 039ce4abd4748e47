#!/usr/bin/env bash
# Build the guest initramfs: busybox, /init, lazybench with its shared libraries, modules, the
# guest environment and the command. Uses the kernel's own usr/gen_init_cpio so that the
# /dev/console node needs no root.
#   initramfs.sh --arch A --kdir K --out FILE.gz --env FILE --cmd FILE [--lazybench BIN]
#                [--sysroot DIR] [--ko FILE]...
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$LB_VM_DIR/lib/elfdeps.sh"

arch='' kdir='' out='' envf='' cmdf='' bin='' sysroot='' kos=()
while [ $# -gt 0 ]; do
	case "$1" in
	--arch) arch=${2:?} ;;
	--kdir) kdir=${2:?} ;;
	--out) out=${2:?} ;;
	--env) envf=${2:?} ;;
	--cmd) cmdf=${2:?} ;;
	--lazybench) bin=${2:?} ;;
	--sysroot) sysroot=${2:?} ;;
	--ko) kos+=("${2:?}") ;;
	*) usage_error "unknown option '$1'" ;;
	esac
	shift 2
done
[ -n "$arch" ] && [ -n "$kdir" ] && [ -n "$out" ] && [ -n "$envf" ] && [ -n "$cmdf" ] ||
	usage_error "initramfs.sh needs --arch --kdir --out --env --cmd"
lb_arch_vars "$arch"
gen="$kdir/usr/gen_init_cpio"
[ -x "$gen" ] || die "$gen missing: the kernel was built without BLK_DEV_INITRD"

stage=$(mktemp -d "${TMPDIR:-/tmp}/lazybench-initramfs.XXXXXX")
trap 'rm -rf "$stage" "$stage.list"' EXIT
mkdir -p "$stage"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,tmp,run,root,results,src}
mkdir -p "$stage/opt/lazybench/bin" "$stage/opt/lazybench/kmod"
cp "$("$LB_VM_DIR/busybox.sh" --arch "$arch")" "$stage/bin/busybox"
install -m 0755 "$LB_VM_DIR/guest/init" "$stage/init"
ln -s busybox "$stage/bin/sh"
cp "$envf" "$stage/etc/lazybench-vm.env"
cp "$cmdf" "$stage/etc/lazybench-cmd"
if [ -n "$bin" ]; then
	cp "$bin" "$stage/opt/lazybench/bin/lazybench"
	lb_copy_elf_deps "$bin" "$stage" "$sysroot"
fi
for ko in ${kos[@]+"${kos[@]}"}; do cp "$ko" "$stage/opt/lazybench/kmod/"; done
# The kernel's config where distributions put it, so that `lazybench env` records it.
if [ -f "$kdir/include/config/kernel.release" ]; then
	mkdir -p "$stage/boot"
	cp "$kdir/.config" "$stage/boot/config-$(cat "$kdir/include/config/kernel.release")"
fi

list="$stage.list"
{
	echo "nod /dev/console 0600 0 0 c 5 1"
	(cd "$stage" && find . -mindepth 1 | sed 's|^\.||') | while read -r p; do
		if [ -L "$stage$p" ]; then
			echo "slink $p $(readlink "$stage$p") 0777 0 0"
		elif [ -d "$stage$p" ]; then
			echo "dir $p 0755 0 0"
		elif [ -x "$stage$p" ]; then
			echo "file $p $stage$p 0755 0 0"
		else
			echo "file $p $stage$p 0644 0 0"
		fi
	done
} >"$list"
"$gen" "$list" | gzip -1 >"$out.tmp"
rm -f "$list"
mv "$out.tmp" "$out"
