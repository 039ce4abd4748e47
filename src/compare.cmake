# compare area (issue 5): results reader, A/B statistics, compare/plot/tune/validate commands.
target_sources(lbcore PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/results_read.c
  ${CMAKE_CURRENT_LIST_DIR}/compare/abstats.c
)
