# `ffifuzz export` on the zoo: the exported fuzz target finds and replays a planted bug with
# plain libFuzzer flags, away from the header and library it was made from; bad input.
if(FFIFUZZ_BUILD_ZOO)
  add_executable(export_test export_test.cpp)
  target_link_libraries(export_test PRIVATE ffifuzz_test_support GTest::gtest_main)
  target_compile_definitions(export_test PRIVATE FFIFUZZ_RUNNER_BIN="${CMAKE_BINARY_DIR}/bin/ffifuzz-runner")
  add_dependencies(export_test ffifuzz ffifuzz-runner)
  gtest_discover_tests(export_test PROPERTIES SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]" LABELS e2e TIMEOUT 600
                       DISCOVERY_TIMEOUT 60)
endif()

# The source target, built as OSS-Fuzz builds it (scripts/oss-fuzz-build.sh) for libFuzzer
# with ASan, for a coverage build and for AFL++, on a C and a Rust zoo target, with the
# checkout hidden from the build.
if(FFIFUZZ_BUILD_ZOO)
  add_executable(export_source_test export_source_test.cpp)
  target_link_libraries(export_source_test PRIVATE ffifuzz_test_support GTest::gtest_main)
  add_dependencies(export_source_test ffifuzz ffifuzz-runner-src)
  gtest_discover_tests(export_source_test PROPERTIES SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]" LABELS e2e TIMEOUT 1200
                       DISCOVERY_TIMEOUT 60)
endif()
