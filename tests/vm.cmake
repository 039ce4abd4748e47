# VM test bed (issue 3): real kernels under QEMU, ctest label `vm`. Included from
# tests/CMakeLists.txt. vm.bed_kernels builds every kernel once (FIXTURE vm_kernels, long
# timeout); the boot tests that need them are then quick.

# lb_vm_test(NAME SCRIPT TIMEOUT [ARG...]): like lb_script_test, with extra script arguments.
function(lb_vm_test name script timeout)
  add_test(NAME vm.${name}
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/vm/${script} $<TARGET_FILE:lazybench> ${ARGN})
  set_tests_properties(vm.${name} PROPERTIES LABELS vm TIMEOUT ${timeout}
    FIXTURES_REQUIRED vm_kernels
    ENVIRONMENT "LB_SOURCE_DIR=${CMAKE_SOURCE_DIR};LB_BUILD_DIR=${CMAKE_BINARY_DIR}")
endfunction()

lb_script_test(vm bed_kernels vm/bed_kernels.sh 5400)
set_tests_properties(vm.bed_kernels PROPERTIES FIXTURES_SETUP vm_kernels)
lb_script_test(vm bed_usage vm/bed_usage.sh 60)

foreach(target x86_64 arm64 ppc64le_hash ppc64le_radix)
  lb_vm_test(bed_exit_status_${target} bed_exit_status.sh 300 ${target})
  lb_vm_test(bed_probe_${target} bed_probe.sh 300 ${target} 7)
  lb_vm_test(bed_kunit_${target} bed_kunit.sh 300 ${target})
endforeach()
lb_vm_test(bed_probe_6.12_x86_64 bed_probe.sh 300 x86_64 6.12)
lb_vm_test(bed_probe_6.12_ppc64le_hash bed_probe.sh 300 ppc64le_hash 6.12)
lb_vm_test(bed_panic bed_panic.sh 300)
lb_vm_test(bed_kernel_path bed_kernel_path.sh 300)
foreach(target x86_64 arm64 ppc64le_radix)
  lb_vm_test(bed_lazybench_${target} bed_lazybench.sh 900 ${target})
endforeach()
