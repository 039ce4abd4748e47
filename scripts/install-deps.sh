#!/usr/bin/env bash
# Install every Debian 12 (bookworm) package lazybench needs, by name, idempotently.
# Packages from other suites or architectures (kernel sources, arm64/ppc64el .debs) are never
# installed here: vm/apt-private.sh downloads them through a private apt configuration.
set -euo pipefail

PKGS=(
	# userspace build and tests
	build-essential cmake pkg-config clang-format
	libhwloc-dev libpfm4-dev libgsl-dev libjansson-dev libcmocka-dev zlib1g-dev
	jq  # integration tests read run.json
	gnuplot-nox
	# kernel builds (native and cross)
	flex bison bc libelf-dev libssl-dev cpio xz-utils kmod rsync perl
	gcc-aarch64-linux-gnu gcc-powerpc64le-linux-gnu
	# VM test bed
	qemu-system-x86 qemu-system-arm qemu-system-ppc qemu-utils busybox-static
	debian-archive-keyring ca-certificates
)

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
	echo "install-deps: all ${#PKGS[@]} packages present"
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	echo "install-deps: missing packages (${missing[*]}); run as root" >&2
	exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
