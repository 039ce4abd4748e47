# compare area (issue 5): statistics, reader, report formats, plots.
lb_unit_test(abstats)
lb_unit_test(compare_formats)
lb_unit_test(compare_tune)
lb_unit_test(compare_validate)
lb_unit_test(compare_merge)
lb_unit_test(results_roundtrip)
# Real runs on this machine (needs `lazybench run`; tests/compare/ holds the compare area's
# scripts).
lb_script_test(integration compare_real_runs compare/real_runs.sh 600)
lb_script_test(integration compare_plot_fixtures compare/plot_fixtures.sh 300)
