# Shared part of cmake/toolchain-<arch>.cmake: a cross build of the lazybench userspace for
# LB_CROSS_TRIPLET (Debian's cross gcc) against a sysroot of bookworm's target-arch -dev
# packages made by vm/sysroot.sh. Pass the sysroot with -DLB_SYSROOT=DIR (or the LB_SYSROOT
# environment variable) and -DLB_BUILD_TESTS=OFF.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_C_COMPILER ${LB_CROSS_TRIPLET}-gcc)

if(NOT LB_SYSROOT)
  set(LB_SYSROOT "$ENV{LB_SYSROOT}")
endif()
if(NOT LB_SYSROOT OR NOT EXISTS "${LB_SYSROOT}/usr/include")
  message(FATAL_ERROR "toolchain for ${LB_CROSS_TRIPLET}: set LB_SYSROOT to a sysroot made by vm/sysroot.sh")
endif()
# try_compile projects re-read this file: hand them the sysroot too.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES LB_SYSROOT)
set(CMAKE_SYSROOT "${LB_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH "${LB_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# The host pkg-config, reading only the target's .pc files.
set(ENV{PKG_CONFIG_SYSROOT_DIR} "${LB_SYSROOT}")
set(ENV{PKG_CONFIG_LIBDIR}
  "${LB_SYSROOT}/usr/lib/${LB_CROSS_TRIPLET}/pkgconfig:${LB_SYSROOT}/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
# Libraries' own dependencies (e.g. libhwloc -> libudev) are resolved inside the sysroot.
set(CMAKE_EXE_LINKER_FLAGS_INIT
  "-Wl,-rpath-link,${LB_SYSROOT}/lib/${LB_CROSS_TRIPLET} -Wl,-rpath-link,${LB_SYSROOT}/usr/lib/${LB_CROSS_TRIPLET}")
