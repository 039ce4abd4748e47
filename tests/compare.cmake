# compare area (issue 5): statistics, reader, report formats, plots.
lb_unit_test(abstats)
lb_unit_test(compare_formats)
lb_unit_test(compare_tune)
lb_unit_test(compare_validate)
