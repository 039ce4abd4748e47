# Cross build for aarch64-linux-gnu; everything else is in toolchain-cross-common.cmake.
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(LB_CROSS_TRIPLET aarch64-linux-gnu)
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES LB_CROSS_TRIPLET)
include(${CMAKE_CURRENT_LIST_DIR}/toolchain-cross-common.cmake)
