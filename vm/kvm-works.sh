#!/usr/bin/env bash
# Exit 0 when KVM really runs our x86_64 guest here, 1 when it does not. /dev/kvm can open and
# still be useless (nested KVM without CPU features: a modern kernel faults early), so probe
# once with a real boot and remember the answer per host kernel and QEMU version.
#   kvm-works.sh
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

[ -w /dev/kvm ] || exit 1
key=$( (
	uname -r
	qemu-system-x86_64 --version | head -n1
) | sha256sum | cut -c1-12)
verdict="$LB_CACHE/kvm-verdict-$key"
if [ ! -f "$verdict" ]; then
	log "probing whether KVM works (one short boot; the answer is cached in $verdict)"
	if "$LB_VM_DIR/lazybench-vm" --arch x86_64 --accel kvm --no-kmod --no-lazybench --timeout 90 \
		--results-dir "$LB_CACHE" -- true >/dev/null 2>&1; then
		echo yes >"$verdict"
	else
		echo no >"$verdict"
	fi
	log "KVM works: $(cat "$verdict")"
fi
[ "$(cat "$verdict")" = yes ]
