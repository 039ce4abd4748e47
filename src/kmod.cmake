# Kernel module area (issue 4): the client of /dev/lazybench and `lazybench kmod`.
# Included from src/CMakeLists.txt.
find_package(Threads REQUIRED)
target_sources(lbcore PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/kmod_client.c
  ${CMAKE_CURRENT_LIST_DIR}/kmod_case.c
  ${CMAKE_CURRENT_LIST_DIR}/kmod_cmd.c
  ${CMAKE_CURRENT_LIST_DIR}/kmod_info.c
  ${CMAKE_CURRENT_LIST_DIR}/kmod_run.c
  ${CMAKE_CURRENT_LIST_DIR}/kmod_matrix.c
  ${CMAKE_CURRENT_LIST_DIR}/kmod_task_lazy.c
  ${CMAKE_CURRENT_LIST_DIR}/kmod_selftest.c
)
target_link_libraries(lbcore PUBLIC Threads::Threads)
