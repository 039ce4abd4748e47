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
  ${CMAKE_CURRENT_LIST_DIR}/clock_check.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_env.c
)
target_sources(lbcore PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/event_spec.c
  ${CMAKE_CURRENT_LIST_DIR}/interrupts.c
  ${CMAKE_CURRENT_LIST_DIR}/tracefs.c
  ${CMAKE_CURRENT_LIST_DIR}/counters.c
  ${CMAKE_CURRENT_LIST_DIR}/aslr.c
  ${CMAKE_CURRENT_LIST_DIR}/remote_thread.c
  ${CMAKE_CURRENT_LIST_DIR}/run_opts.c
  ${CMAKE_CURRENT_LIST_DIR}/run_case.c
  ${CMAKE_CURRENT_LIST_DIR}/progress.c
  ${CMAKE_CURRENT_LIST_DIR}/summary.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_run.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_list.c
)
