# Real Debian libraries (cmake/RealLibs.cmake) through the real binary, label e2e: every
# flavour built and instrumented as its flavour says, `inspect` reads each main header against
# the cov-asan build, `check` compares it with the plain build's DWARF. Registered only when
# the libraries are built; then a missing one fails, it never skips.
if(FFIFUZZ_BUILD_REAL_LIBS)
  e2e_test(real_libs_e2e_test NO_MAIN SOURCES real_libs_test.cpp DEPENDS ffifuzz real_libs)
  target_link_libraries(real_libs_e2e_test PRIVATE nlohmann_json::nlohmann_json)
  # The toolchain's nm, which the compiler detection found, tells each flavour's imports.
  target_compile_definitions(real_libs_e2e_test PRIVATE FFIFUZZ_NM="${CMAKE_NM}")
  # The tests are listed from libraries.txt: a changed list must rebuild (and re-list) them.
  set_source_files_properties(real_libs_test.cpp PROPERTIES OBJECT_DEPENDS ${FFIFUZZ_REAL_DIR}/libraries.txt)
endif()
