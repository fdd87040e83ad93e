# `ffifuzz check` end to end: the zoo (driven by the expect.toml files), Debian's own zlib
# and bzip2 with their headers, and bad input (label e2e); the hints for each case
# (check_hints_test.cpp, label e2e); zlib rebuilt with -g from its Debian source package
# (label slow).
if(FFIFUZZ_BUILD_ZOO)
  set(_check_deps ffifuzz)
  foreach(entry IN LISTS ZOO_ALL_LIBRARIES)
    if(entry MATCHES "^([^:]+):plain:")
      list(APPEND _check_deps zoo_${CMAKE_MATCH_1}_plain)
    endif()
  endforeach()
  e2e_test(check_e2e_test NO_MAIN SOURCES check_test.cpp DEPENDS ${_check_deps})
  depends_on_expectations(check_test.cpp)
  target_link_libraries(check_e2e_test PRIVATE nlohmann_json::nlohmann_json)
  target_compile_definitions(check_e2e_test PRIVATE FFIFUZZ_CHECK_WORK_DIR="${CMAKE_CURRENT_BINARY_DIR}/check_work")

  # The hints fit the case (docs/check.md): Rust zoo targets, c-ares' fd_set, jansson.
  e2e_test(check_hints_e2e_test SOURCES check_hints_test.cpp
           DEPENDS ffifuzz zoo_rust_symbols_plain zoo_rust_layout_plain)
  target_compile_definitions(check_hints_e2e_test PRIVATE
    FFIFUZZ_CHECK_WORK_DIR="${CMAKE_CURRENT_BINARY_DIR}/check_hints_work" FFIFUZZ_STRIP="${CMAKE_STRIP}")
  if(FFIFUZZ_BUILD_REAL_LIBS)
    add_dependencies(check_hints_e2e_test real_libs)
    target_compile_definitions(check_hints_e2e_test PRIVATE FFIFUZZ_CHECK_REAL_LIBS=1)
  endif()
endif()

e2e_test(check_slow_test SOURCES check_slow_test.cpp LABELS slow DEPENDS ffifuzz)
target_compile_definitions(check_slow_test PRIVATE
  FFIFUZZ_DEBIAN_BUILD_DIR="${CMAKE_CURRENT_BINARY_DIR}/debian-src"
  FFIFUZZ_BUILD_DEBIAN_LIB="${PROJECT_SOURCE_DIR}/scripts/build-debian-lib.sh")
