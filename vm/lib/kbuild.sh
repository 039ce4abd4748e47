# shellcheck shell=bash
# Configuring and building a kernel out of tree. Sourced after ksource.sh and lb_arch_vars.

# Source tree for a spec: a Debian package version (7, 6.12) or a path to a kernel tree.
lb_source_for() {
	local spec=$1 refresh=$2
	if [ -d "$spec" ]; then
		[ -f "$spec/Makefile" ] && [ -f "$spec/include/linux/pgtable.h" ] ||
			usage_error "--kernel $spec is neither a kernel source tree nor a build directory"
		(cd "$spec" && pwd)
		return 0
	fi
	lb_kernel_srcdir "$spec" "$refresh"
}

# What a tree was made from, for results: "linux-source-7.3 7.3.4-1~bpo13+1" or "tree PATH DESC".
lb_source_desc() {
	local src=$1 desc
	if [ -f "$src/.lazybench-pkg" ]; then
		cat "$src/.lazybench-pkg"
		return 0
	fi
	desc=$(git -C "$src" describe --always --dirty 2>/dev/null || echo "not a git tree")
	printf 'tree %s %s\n' "$src" "$desc"
}

# Fragment files for a build: common, the arch, then each named extra (configs/NAME.config)
# or fragment path, in that order (later ones win).
lb_fragments() {
	local arch=$1 c
	shift
	printf '%s\n' "$LB_VM_DIR/configs/common.config" "$LB_VM_DIR/configs/$arch.config"
	for c in "$@"; do
		if [ -f "$LB_VM_DIR/configs/$c.config" ]; then
			printf '%s\n' "$LB_VM_DIR/configs/$c.config"
		elif [ -f "$c" ]; then
			printf '%s\n' "$(cd "$(dirname "$c")" && pwd)/$(basename "$c")"
		else
			usage_error "unknown --config '$c' (debug, kasan or a fragment file)"
		fi
	done
}

# Source patches that come with the fragments: NAME.patch next to a NAME.config (for options a
# fragment cannot change, e.g. a `select` without a prompt). One path a line, in fragment order.
lb_patches() {
	local arch=$1 f
	shift
	while read -r f; do
		[ ! -f "${f%.config}.patch" ] || printf '%s\n' "${f%.config}.patch"
	done < <(lb_fragments "$arch" "$@")
}

# A copy of SRC with PATCHES applied, made once under the source lock and kept next to SRC:
# hard links (cp -al) for every file, real copies for the files a patch touches (so the
# pristine tree is never written). Prints its path; its .lazybench-pkg names the patches.
lb_patched_source() {
	local src=$1 patches=$2 hash dst tmp p f
	if [ ! -f "$src/.lazybench-pkg" ]; then
		# Your tree: it changes under us, so no cached copy; the patches must be in it already.
		while read -r p; do
			patch -d "$src" -p1 -R --dry-run -s <"$p" >/dev/null 2>&1 ||
				die "$src lacks $p: apply it to your tree (patch -p1 < $p) and rerun"
		done <<<"$patches"
		printf '%s\n' "$src"
		return 0
	fi
	hash=$(while read -r p; do cat "$p"; done <<<"$patches" | sha256sum | cut -c1-12)
	dst="$(dirname "$src")/patched-$hash"
	exec {lb_patch_fd}>"$LB_CACHE/source.lock"
	flock "$lb_patch_fd"
	if [ ! -f "$dst/.lazybench-patched" ]; then
		tmp="$dst.tmp.$$"
		rm -rf "$tmp"
		log "patched source tree $dst ($(echo $patches | xargs -n1 basename | tr '\n' ' '))"
		cp -al "$src" "$tmp"
		while read -r p; do
			while read -r f; do
				[ -f "$tmp/$f" ] || continue
				cp --remove-destination "$src/$f" "$tmp/$f"
			done < <(sed -n 's|^+++ [^/]*/\([^\t ]*\).*|\1|p' "$p")
			patch -d "$tmp" -p1 --no-backup-if-mismatch -s <"$p" >&2 ||
				die "patch $p does not apply to $src"
		done <<<"$patches"
		if [ -f "$src/.lazybench-pkg" ]; then
			rm -f "$tmp/.lazybench-pkg"
			printf '%s + %s\n' "$(cat "$src/.lazybench-pkg")" \
				"$(echo $patches | xargs -n1 basename | paste -sd, -)" >"$tmp/.lazybench-pkg"
		fi
		touch "$tmp/.lazybench-patched"
		mv "$tmp" "$dst"
	fi
	exec {lb_patch_fd}>&-
	printf '%s\n' "$dst"
}

# Is DIR an existing build (KDIR) that we can use as is?
lb_is_kdir() { [ -f "$1/Module.symvers" ] && [ -f "$1/.config" ] && [ -f "$1/Makefile" ]; }

# KDIR for ARCH/SPEC/CONFIGS, building it when it is not in the cache; prints the path.
lb_kdir_for() {
	local arch=$1 spec=$2 refresh=$3 src desc key hash kdir frags config patches
	shift 3
	if [ -d "$spec" ] && lb_is_kdir "$spec"; then
		[ $# -eq 0 ] || usage_error "--config cannot change an existing build directory ($spec)"
		(cd "$spec" && pwd)
		return 0
	fi
	src=$(lb_source_for "$spec" "$refresh")
	frags=$(lb_fragments "$arch" "$@")
	patches=$(lb_patches "$arch" "$@")
	[ -z "$patches" ] || src=$(lb_patched_source "$src" "$patches")
	desc=$(lb_source_desc "$src")
	# The config is read once: the hash and the build both use exactly this text, even if a
	# fragment file changes while we wait for the build lock.
	config=$(while read -r f; do cat "$f"; done <<<"$frags")
	hash=$(printf '%s\n%s\n' "$arch" "$config" | sha256sum | cut -c1-12)
	# A patch changes the kernel as much as a fragment does: it is part of the key (builds
	# without patches keep their old key).
	[ -z "$patches" ] ||
		hash=$( (printf '%s\n%s\n' "$arch" "$config" && while read -r f; do cat "$f"; done \
			<<<"$patches") | sha256sum | cut -c1-12)
	if [ -f "$src/.lazybench-pkg" ]; then
		key=$(echo "$desc" | awk '{print $2}' | tr '~:' '__')
	else
		key=tree-$(printf '%s' "$src" | sha256sum | cut -c1-8)
	fi
	kdir="$LB_CACHE/build/$key-$arch-$hash"
	# A package never changes; a tree may have (a new patch revision): make it again, which is
	# quick when nothing changed.
	if [ ! -f "$kdir/.lazybench-built" ] || [ ! -f "$src/.lazybench-pkg" ]; then
		lb_with_build_lock lb_kernel_build "$arch" "$src" "$kdir" "$desc" "$config" "$*"
	fi
	printf '%s\n' "$kdir"
}

lb_srcarch() {
	case "$KARCH" in x86_64) echo x86 ;; powerpc) echo powerpc ;; *) echo "$KARCH" ;; esac
}

lb_make() { make -C "$LB_BUILD_SRC" O="$LB_BUILD_KDIR" ARCH="$KARCH" CROSS_COMPILE="$CROSS" "$@"; }

# Run make in the background, printing a progress line every 20 s; fail with the log tail.
lb_make_with_progress() {
	local what=$1 log=$2 start pid n last rc=0
	shift 2
	start=$(date +%s)
	lb_make "$@" >>"$log" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		sleep 20
		kill -0 "$pid" 2>/dev/null || break
		n=$(grep -c '^  CC' "$log" || true)
		last=$(grep -E '^  (CC|LD|AR|LINK)' "$log" | tail -n1 | tr -s ' ')
		log "$what: $(($(date +%s) - start))s, $n files compiled, last:$last"
	done
	wait "$pid" || rc=$?
	if [ "$rc" != 0 ]; then
		tail -n 30 "$log" >&2
		die "$what failed (exit $rc); full log: $log"
	fi
}

# Build ARCH from SRC into KDIR (under the build lock) with CONFIG (the fragments' text).
# DESC names the source for results.
lb_kernel_build() {
	local arch=$1 src=$2 kdir=$3 desc=$4 config=$5 extras=$6 log start opt missing=()
	if [ -f "$kdir/.lazybench-built" ] && [ -f "$src/.lazybench-pkg" ]; then
		return 0 # built by another caller while we waited for the lock
	fi
	rm -f "$kdir/.lazybench-built"
	LB_BUILD_SRC=$src LB_BUILD_KDIR=$kdir
	mkdir -p "$kdir"
	log="$kdir/build.log"
	: >"$log"
	start=$(date +%s)
	log "building $desc for $arch in $kdir (log: $log)"
	printf '%s\n' "$config" >"$kdir/lazybench.fragment"
	# tinyconfig with our fragments given the same way as its own (allnoconfig +
	# KCONFIG_ALLCONFIG): an option nobody asked for stays off, instead of taking its default
	# when a fragment makes it visible (NET would otherwise bring INET, IPv6, wireless...).
	cat "$src/kernel/configs/tiny-base.config" "$src/kernel/configs/tiny.config" \
		$(ls "$src/arch/$(lb_srcarch)/configs/tiny.config" 2>/dev/null) \
		"$kdir/lazybench.fragment" >"$kdir/lazybench.allconfig"
	lb_make KCONFIG_ALLCONFIG="$kdir/lazybench.allconfig" allnoconfig >>"$log" 2>&1 ||
		die "make allnoconfig (tinyconfig + fragments) failed; see $log"
	# An option whose dependencies are missing silently drops out: say so. The last fragment
	# to name an option wins ("# CONFIG_X is not set" after CONFIG_X=y asks for it off).
	while read -r opt; do
		grep -qx "$opt" "$kdir/.config" || missing+=("$opt")
	done < <(awk '/^CONFIG_[A-Z0-9_]+=[ym]$/ { split($0, kv, "="); want[kv[1]] = $0 }
		/^# CONFIG_[A-Z0-9_]+ is not set$/ { want[$2] = "" }
		END { for (o in want) if (want[o] != "") print want[o] }' \
		"$kdir/lazybench.fragment" | sort -u)
	printf '%s\n' "${missing[@]}" >"$kdir/lazybench-missing-options"
	[ ${#missing[@]} -eq 0 ] || log "options not set in this kernel (unsupported here): ${missing[*]}"
	lb_make_with_progress "build $arch" "$log" -j"$(nproc)" all
	lb_make_with_progress "modules $arch" "$log" -j"$(nproc)" modules
	[ -f "$kdir/Module.symvers" ] || die "no Module.symvers after make modules; see $log"
	[ -f "$kdir/$KIMAGE" ] || die "no boot image $KIMAGE after the build; see $log"
	cat >"$kdir/lazybench-kernel.env" <<-EOF
		LAZYBENCH_KERNEL_PKG="$desc"
		LAZYBENCH_KERNEL_RELEASE="$(lb_make -s kernelrelease 2>/dev/null)"
		LAZYBENCH_KERNEL_ARCH="$arch"
		LAZYBENCH_KERNEL_CONFIGS="common $arch${extras:+ $extras}"
		LAZYBENCH_KERNEL_IMAGE="$kdir/$KIMAGE"
		LAZYBENCH_KERNEL_SRC="$src"
		LAZYBENCH_KERNEL_BUILD_SECONDS="$(($(date +%s) - start))"
	EOF
	touch "$kdir/.lazybench-built"
	log "built $arch in $(($(date +%s) - start))s: $kdir"
}
