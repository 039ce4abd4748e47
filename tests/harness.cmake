# Harness area tests (issue 2). Included from tests/CMakeLists.txt.
lb_unit_test(stats)
lb_unit_test(results_write)
lb_unit_test(env)
lb_unit_test(topo)
