# VM test bed area (issue 3): `lazybench vm` execs vm/lazybench-vm. Included from
# src/CMakeLists.txt.
target_sources(lbcore PRIVATE ${CMAKE_CURRENT_LIST_DIR}/cmd_vm.c)
