# Kernel module area (issue 4). Included from tests/CMakeLists.txt.
lb_unit_test(kmod_uapi)

# lb_kmod_vm_test(NAME SCRIPT TIMEOUT [ARG...]): a vm-tier script with extra arguments. Kernels
# come from the VM bed's fixture (vm.bed_kernels) when it is defined.
function(lb_kmod_vm_test name script timeout)
  add_test(NAME vm.${name}
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/vm/${script} $<TARGET_FILE:lazybench> ${ARGN})
  set_tests_properties(vm.${name} PROPERTIES LABELS vm TIMEOUT ${timeout}
    ENVIRONMENT "LB_SOURCE_DIR=${CMAKE_SOURCE_DIR};LB_BUILD_DIR=${CMAKE_BINARY_DIR}")
  if(TEST vm.bed_kernels)
    set_tests_properties(vm.${name} PROPERTIES FIXTURES_REQUIRED vm_kernels)
  endif()
endfunction()

lb_kmod_vm_test(kmod_checkpatch kmod_checkpatch.sh 900)
foreach(target x86_64 arm64 ppc64le_hash ppc64le_radix)
  lb_kmod_vm_test(kmod_matrix_${target} kmod_matrix.sh 3600 ${target} 7)
endforeach()
lb_kmod_vm_test(kmod_matrix_6.12_x86_64 kmod_matrix.sh 3600 x86_64 6.12)
# Debug kernel (DEBUG_VM, PROVE_LOCKING, DEBUG_ATOMIC_SLEEP, KMEMLEAK, KASAN with vmalloc
# shadow): the whole matrix with no WARN/BUG/splat in dmesg.
lb_kmod_vm_test(kmod_matrix_debug_x86_64 kmod_matrix.sh 5400 x86_64 7 debug kasan)
lb_kmod_vm_test(kmod_run_x86_64 kmod_run.sh 2400 x86_64)
