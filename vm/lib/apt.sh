# shellcheck shell=bash
# Private apt configurations under the cache: other suites and architectures without touching
# /etc/apt. Sourced after common.sh.

# lb_apt NAME ARCH "SUITE..." -- APT-GET-ARGS: run apt-get against configuration NAME, whose
# sources.list holds SUITE lines for the mirror (suites ending in -security use the security
# archive). The configuration is created on first use.
lb_apt_dir() { printf '%s/apt/%s\n' "$LB_CACHE" "$1"; }

lb_apt_setup() {
	local name=$1 arch=$2 suites=$3 dir mirror s
	dir=$(lb_apt_dir "$name")
	mirror=$(lb_mirror)
	mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
	: >"$dir/sources.list.new"
	for s in $suites; do
		case "$s" in
		*-security)
			echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${mirror}-security $s main" ;;
		*)
			echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $s main" ;;
		esac >>"$dir/sources.list.new"
	done
	mv "$dir/sources.list.new" "$dir/sources.list"
	printf '%s\n' "$arch" >"$dir/arch"
}

lb_apt() {
	local name=$1 dir arch
	shift
	dir=$(lb_apt_dir "$name")
	arch=$(cat "$dir/arch")
	apt-get -q -o Dir::Etc::SourceList="$dir/sources.list" -o Dir::Etc::SourceParts=/dev/null \
		-o Dir::State::Lists="$dir/lists" -o Dir::Cache="$dir/cache" \
		-o Dir::State::status=/dev/null -o Dir::Etc::Preferences=/dev/null \
		-o Dir::Etc::PreferencesParts=/dev/null -o APT::Architecture="$arch" \
		-o APT::Architectures::="$arch" -o Debug::NoLocking=1 -o APT::Sandbox::User=root \
		-o Acquire::Languages=none "$@"
}

lb_apt_cache() {
	local name=$1 dir arch
	shift
	dir=$(lb_apt_dir "$name")
	arch=$(cat "$dir/arch")
	apt-cache -o Dir::Etc::SourceList="$dir/sources.list" -o Dir::Etc::SourceParts=/dev/null \
		-o Dir::State::Lists="$dir/lists" -o Dir::Cache="$dir/cache" \
		-o Dir::State::status=/dev/null -o Dir::Etc::Preferences=/dev/null \
		-o Dir::Etc::PreferencesParts=/dev/null -o APT::Architecture="$arch" \
		-o APT::Architectures::="$arch" "$@"
}

# Refresh the package lists of NAME unless they are younger than a day.
lb_apt_update() {
	local name=$1 dir stamp
	dir=$(lb_apt_dir "$name")
	stamp="$dir/updated"
	if [ -f "$stamp" ] && [ -z "$(find "$stamp" -mmin +1440)" ]; then
		return 0
	fi
	log "updating package lists for $name ($(tr '\n' ' ' <"$dir/sources.list" | grep -oE ' [a-z-]+ main' | tr -d '\n'))"
	# A mirror in the middle of a sync can fail one suite's index: retry once, then go on with
	# the indexes that did arrive (a package that is really missing fails at download).
	if lb_apt "$name" update >&2 || { sleep 5 && lb_apt "$name" update >&2; }; then
		touch "$stamp"
	else
		ls "$dir"/lists/*_Packages* >/dev/null 2>&1 || die "apt-get update failed for $name"
		log "warning: some package indexes for $name failed to download; using the others"
	fi
}

# lb_apt_download NAME PKG[=VER] DESTDIR: download one .deb into DESTDIR (from the apt cache
# when present) and print its path.
lb_apt_download() {
	local name=$1 pkg=$2 dest=$3 f base
	base=${pkg%%=*}
	base=${base%%:*}
	mkdir -p "$dest"
	(cd "$dest" && lb_apt "$name" download "$pkg" >&2) || die "could not download $pkg"
	f=$(ls -t "$dest"/"$base"_*.deb 2>/dev/null | head -n1)
	[ -n "$f" ] || die "download of $pkg left no .deb in $dest"
	printf '%s\n' "$f"
}
