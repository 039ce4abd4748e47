# shellcheck shell=bash
# Copying a dynamically linked program with every shared library it needs into a root tree.
# Sourced after common.sh and lb_arch_vars.

# lb_lib_dirs SYSROOT: where the target's libraries live ("" sysroot = the host).
lb_lib_dirs() {
	local s=$1
	printf '%s\n' "$s/lib/$GNU_TRIPLET" "$s/usr/lib/$GNU_TRIPLET" "$s/lib64" "$s/lib" "$s/usr/lib"
}

# lb_copy_elf ELF ROOT SYSROOT: copy ELF's interpreter and DT_NEEDED libraries (recursively)
# into ROOT at their target paths. The ELF itself is copied by the caller.
lb_copy_elf_deps() {
	local elf=$1 root=$2 sysroot=$3 interp lib dir found queue=("$1") seen=" "
	interp=$(readelf -l "$elf" | sed -n 's/.*program interpreter: \(.*\)\]/\1/p')
	[ -n "$interp" ] || return 0 # static
	mkdir -p "$root$(dirname "$interp")"
	cp -L "$sysroot$interp" "$root$interp" || die "interpreter $sysroot$interp not found"
	while [ ${#queue[@]} -gt 0 ]; do
		elf=${queue[0]}
		queue=("${queue[@]:1}")
		for lib in $(readelf -d "$elf" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
			case "$seen" in *" $lib "*) continue ;; esac
			seen="$seen$lib "
			found=
			while read -r dir; do
				if [ -e "$dir/$lib" ]; then
					found="$dir/$lib"
					break
				fi
			done < <(lb_lib_dirs "$sysroot")
			[ -n "$found" ] || die "$(basename "$1") needs $lib, not found for $GNU_TRIPLET"
			mkdir -p "$root/lib/$GNU_TRIPLET"
			cp -L "$found" "$root/lib/$GNU_TRIPLET/$lib"
			queue+=("$found")
		done
	done
}
