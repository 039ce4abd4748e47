# Syscall workloads and the workload table (harness area). Included from bench/CMakeLists.txt.
target_sources(lbcore PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/workloads.c
  ${CMAKE_CURRENT_LIST_DIR}/anon_mem.c
  ${CMAKE_CURRENT_LIST_DIR}/mprotect.c
  ${CMAKE_CURRENT_LIST_DIR}/fork.c
  ${CMAKE_CURRENT_LIST_DIR}/munmap.c
  ${CMAKE_CURRENT_LIST_DIR}/mremap.c
  ${CMAKE_CURRENT_LIST_DIR}/madvise.c
)
