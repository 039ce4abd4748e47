# compare area (issue 5): results reader, A/B statistics, compare/plot/tune/validate commands.
target_sources(lbcore PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/results_read.c
  ${CMAKE_CURRENT_LIST_DIR}/compare/abstats.c
  ${CMAKE_CURRENT_LIST_DIR}/compare/parse.c
  ${CMAKE_CURRENT_LIST_DIR}/compare/match.c
  ${CMAKE_CURRENT_LIST_DIR}/compare/comparable.c
  ${CMAKE_CURRENT_LIST_DIR}/compare/format_common.c
  ${CMAKE_CURRENT_LIST_DIR}/compare/format_text.c
  ${CMAKE_CURRENT_LIST_DIR}/compare/format_email.c
  ${CMAKE_CURRENT_LIST_DIR}/compare/format_markdown.c
  ${CMAKE_CURRENT_LIST_DIR}/compare/format_json.c
  ${CMAKE_CURRENT_LIST_DIR}/compare/format_csv.c
  ${CMAKE_CURRENT_LIST_DIR}/compare/cmd_compare.c
  ${CMAKE_CURRENT_LIST_DIR}/compare/tune.c
  ${CMAKE_CURRENT_LIST_DIR}/compare/cmd_tune.c
  ${CMAKE_CURRENT_LIST_DIR}/compare/plot_gnuplot.c
  ${CMAKE_CURRENT_LIST_DIR}/compare/plot_data.c
  ${CMAKE_CURRENT_LIST_DIR}/compare/cmd_plot.c
  ${CMAKE_CURRENT_LIST_DIR}/compare/validate.c
  ${CMAKE_CURRENT_LIST_DIR}/compare/validate_kmod.c
  ${CMAKE_CURRENT_LIST_DIR}/compare/cmd_validate.c
  ${CMAKE_CURRENT_LIST_DIR}/compare/merge.c
  ${CMAKE_CURRENT_LIST_DIR}/compare/cmd_ab.c
)
