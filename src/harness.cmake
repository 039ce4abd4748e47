# Harness area (issue 2): environment, topology and pinning, counters, statistics, results
# writer, and the run/list/env commands. Included from src/CMakeLists.txt.
find_package(ZLIB REQUIRED) # reads /proc/config.gz and plain /boot/config-* alike (gzopen)
target_sources(lbcore PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/stats.c
  ${CMAKE_CURRENT_LIST_DIR}/results_write.c
  ${CMAKE_CURRENT_LIST_DIR}/task_lazy.c
)
target_link_libraries(lbcore PUBLIC ZLIB::ZLIB)
target_sources(lbcore PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/topo.c
  ${CMAKE_CURRENT_LIST_DIR}/env_parse.c
  ${CMAKE_CURRENT_LIST_DIR}/virt.c
  ${CMAKE_CURRENT_LIST_DIR}/env.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_env.c
)
