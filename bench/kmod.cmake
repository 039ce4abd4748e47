# Kernel workloads (kmod area, issue 4): one RUN ioctl of lazybench.ko per repetition.
# Included from bench/CMakeLists.txt.
target_sources(lbcore PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/kernel_common.c
  ${CMAKE_CURRENT_LIST_DIR}/kernel_vmalloc.c
  ${CMAKE_CURRENT_LIST_DIR}/kernel_vmap.c
  ${CMAKE_CURRENT_LIST_DIR}/kernel_vm_map_ram.c
  ${CMAKE_CURRENT_LIST_DIR}/kernel_populate.c
  ${CMAKE_CURRENT_LIST_DIR}/kernel_depopulate.c
  ${CMAKE_CURRENT_LIST_DIR}/kernel_zap.c
  ${CMAKE_CURRENT_LIST_DIR}/kernel_kasan.c
)
