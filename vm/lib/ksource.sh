# shellcheck shell=bash
# Finding, downloading and extracting a Debian linux-source package. Sourced after apt.sh.
# A resolved kernel is recorded as "PKG VERSION" in $LB_CACHE/kernel-<spec>.resolved so that
# every later build uses the same source until `kernel.sh resolve --refresh`.

# Suites that have carried linux-source packages; the newest matching package wins, whatever
# suite it comes from.
LB_KERNEL_SUITES="bookworm-backports bookworm-security trixie trixie-updates trixie-security \
trixie-backports forky sid experimental"

lb_kernel_apt() {
	lb_apt_setup kernels amd64 "$LB_KERNEL_SUITES"
	lb_apt_update kernels
}

# Print "PKG VERSION" candidates for a spec (7 -> linux-source-7.*, 6.12 -> linux-source-6.12),
# newest first by Debian version order.
lb_kernel_candidates() {
	local spec=$1 re pkg ver sorted=() line i
	case "$spec" in
	7) re='^linux-source-7\.[0-9]+$' ;;
	[0-9]*.[0-9]*) re="^linux-source-${spec//./\\.}\$" ;;
	*) usage_error "unknown kernel '$spec' (7, 6.12 or a path)" ;;
	esac
	while read -r pkg; do
		while read -r ver; do
			line="$pkg $ver"
			# insertion into a list kept newest-first (dpkg order, so ~rc sorts before the release)
			for i in "${!sorted[@]}"; do
				if dpkg --compare-versions "$ver" gt "${sorted[$i]#* }"; then
					sorted=("${sorted[@]:0:$i}" "$line" "${sorted[@]:$i}")
					line=
					break
				fi
			done
			[ -z "$line" ] || sorted+=("$line")
		done < <(lb_apt_cache kernels madison "$pkg" | awk -F'|' '{gsub(/ /,"",$2); print $2}' | sort -u)
	done < <(lb_apt_cache kernels search --names-only "$re" | awk '{print $1}' | grep -E "$re" || true)
	[ ${#sorted[@]} -gt 0 ] || die "no package matching $re in suites: $LB_KERNEL_SUITES"
	printf '%s\n' "${sorted[@]}"
}

# Extracted source dir of PKG VERSION (extracting it when needed).
lb_kernel_extract() {
	local pkg=$1 ver=$2 base deb tarball top
	base="$LB_CACHE/src/${pkg}_${ver}"
	if [ -f "$base/.extracted" ]; then
		cat "$base/.extracted"
		return 0
	fi
	deb=$(lb_apt_download kernels "$pkg=$ver" "$LB_CACHE/debs")
	log "extracting $(basename "$deb")"
	rm -rf "$base"
	mkdir -p "$base/deb"
	dpkg-deb -x "$deb" "$base/deb"
	tarball=$(ls "$base"/deb/usr/src/linux-source-*.tar.* | head -n1)
	[ -n "$tarball" ] || die "$deb holds no /usr/src/linux-source-*.tar.*"
	tar -xf "$tarball" -C "$base"
	rm -rf "$base/deb"
	top=$(cd "$base" && ls -d linux-source-* | head -n1)
	[ -f "$base/$top/Makefile" ] || die "extracted $tarball has no kernel Makefile"
	printf '%s\n' "$base/$top" >"$base/.extracted"
	printf '%s\n' "$pkg $ver" >"$base/$top/.lazybench-pkg"
	printf '%s\n' "$base/$top"
}

# The nesting API generation (7.0+) is recognised by lazy_mmu_mode_enable in pgtable.h.
lb_has_nesting_api() { grep -q 'lazy_mmu_mode_enable' "$1/include/linux/pgtable.h"; }

# Resolve a spec to "PKG VERSION", downloading and checking candidates as needed.
lb_kernel_resolve() {
	local spec=$1 refresh=$2 rec pkg ver src
	rec="$LB_CACHE/kernel-$spec.resolved"
	if [ "$refresh" = 0 ] && [ -s "$rec" ]; then
		cat "$rec"
		return 0
	fi
	lb_kernel_apt
	while read -r pkg ver; do
		if [ "$spec" != 7 ]; then
			printf '%s %s\n' "$pkg" "$ver" | tee "$rec"
			return 0
		fi
		log "checking $pkg $ver for the nesting lazy MMU API"
		src=$(lb_kernel_extract "$pkg" "$ver")
		if lb_has_nesting_api "$src"; then
			printf '%s %s\n' "$pkg" "$ver" | tee "$rec"
			return 0
		fi
		log "$pkg $ver has no lazy_mmu_mode_enable in include/linux/pgtable.h; trying older"
	done < <(lb_kernel_candidates "$spec")
	die "no linux-source-7.* package has the nesting lazy MMU API"
}

# Source dir for a spec; serialised so that two callers never extract at once.
lb_kernel_srcdir() {
	local spec=$1 refresh=$2 pv
	mkdir -p "$LB_CACHE"
	exec {lb_src_fd}>"$LB_CACHE/source.lock"
	flock "$lb_src_fd"
	pv=$(lb_kernel_resolve "$spec" "$refresh")
	lb_kernel_extract ${pv}
	exec {lb_src_fd}>&-
}
