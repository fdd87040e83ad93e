# cmake/FFIFuzz.cmake from a user's point of view: the sample project in tests/cmake_module/sample
# is configured (with -DFFIFUZZ_EXECUTABLE=<this build's ffifuzz>), built and ctest-run in the
# build tree. clean: check and fuzz pass; buggy (-DSAMPLE_BUGGY=ON, a planted leak): fuzz fails;
# regress_stub: the regress test's command line and exit codes; missing: no ffifuzz found;
# errors: bad ffifuzz_add_target arguments.
foreach(_mode clean buggy regress_stub missing errors)
  add_test(NAME cmake_module.${_mode}
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/cmake_module_test.sh ${_mode}
                   ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/cmake_module/${_mode}
                   $<TARGET_FILE:ffifuzz> ${CMAKE_C_COMPILER} ${CMAKE_GENERATOR})
  set_tests_properties(cmake_module.${_mode} PROPERTIES LABELS e2e TIMEOUT 300)
endforeach()
