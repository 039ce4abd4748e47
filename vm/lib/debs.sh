# shellcheck shell=bash
# Target-arch .debs from bookworm through a private apt configuration. Sourced after apt.sh.

lb_bookworm_apt() {
	local debarch=$1
	lb_apt_setup "bookworm-$debarch" "$debarch" "bookworm bookworm-updates bookworm-security"
	lb_apt_update "bookworm-$debarch"
}

# lb_debs_closure DEBARCH PKG...: the packages (name=version) needed to install PKG... on an
# empty system, recommends excluded.
lb_debs_closure() {
	local debarch=$1
	shift
	lb_apt "bookworm-$debarch" install -qq --print-uris --no-install-recommends -y "$@" |
		awk -v a="$debarch" "/^'/ { split(\$2, f, \"_\"); v = f[2]; gsub(/%3a/, \":\", v);
			print f[1] \":\" a \"=\" v }"
}

# lb_debs_extract DEBARCH DEST PKG...: download PKG... and their dependencies, extract all into
# DEST, and turn absolute symlinks into ones that stay inside DEST.
lb_debs_extract() {
	local debarch=$1 dest=$2 pkgs dl l t
	shift 2
	lb_bookworm_apt "$debarch"
	pkgs=$(lb_debs_closure "$debarch" "$@")
	[ -n "$pkgs" ] || die "could not resolve $* for $debarch"
	dl="$LB_CACHE/debs/$debarch"
	mkdir -p "$dl" "$dest"
	# shellcheck disable=SC2086
	(cd "$dl" && lb_apt "bookworm-$debarch" download $pkgs >&2) || die "download failed: $pkgs"
	for p in $pkgs; do
		p=${p%%:*}
		ls "$dl/${p}_"*.deb >/dev/null 2>&1 || die "$p was not downloaded"
		for d in "$dl/${p}_"*.deb; do dpkg-deb -x "$d" "$dest"; done
	done
	find "$dest" -type l | while read -r l; do
		t=$(readlink "$l")
		case "$t" in /*) ln -sfn "$dest$t" "$l" ;; esac
	done
}
