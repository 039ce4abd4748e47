# Debian's libpfm4-dev ships no pkg-config file: find the header and library by hand.
find_path(LIBPFM_INCLUDE_DIR perfmon/pfmlib_perf_event.h)
find_library(LIBPFM_LIBRARY NAMES pfm)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Libpfm DEFAULT_MSG LIBPFM_LIBRARY LIBPFM_INCLUDE_DIR)
if(Libpfm_FOUND AND NOT TARGET Libpfm::pfm)
  add_library(Libpfm::pfm UNKNOWN IMPORTED)
  set_target_properties(Libpfm::pfm PROPERTIES
    IMPORTED_LOCATION ${LIBPFM_LIBRARY}
    INTERFACE_INCLUDE_DIRECTORIES ${LIBPFM_INCLUDE_DIR})
endif()
mark_as_advanced(LIBPFM_INCLUDE_DIR LIBPFM_LIBRARY)
