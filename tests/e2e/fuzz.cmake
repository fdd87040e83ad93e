# `ffifuzz fuzz` on the zoo, driven by each target's expect.toml.
if(FFIFUZZ_BUILD_ZOO)
  add_executable(fuzz_findings_test fuzz_findings_test.cpp)
  depends_on_expectations(fuzz_findings_test.cpp)
  target_link_libraries(fuzz_findings_test PRIVATE ffifuzz_test_support GTest::gtest)
  add_dependencies(fuzz_findings_test ffifuzz)
  # The clean 1,000,000-execution runs are slow; the per-bug runs are e2e.
  gtest_discover_tests(fuzz_findings_test TEST_FILTER "FuzzFinding.*" PROPERTIES SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]" LABELS e2e TIMEOUT 600
                       DISCOVERY_TIMEOUT 60)
  gtest_discover_tests(fuzz_findings_test TEST_FILTER "FuzzCleanSlow.*" PROPERTIES SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]" LABELS slow TIMEOUT 900
                       DISCOVERY_TIMEOUT 60)
endif()

# Bad input for `ffifuzz fuzz`: fixture libraries built here.
add_library(fuzz_partial SHARED fixtures/partial.c)
add_library(fuzz_unresolved SHARED fixtures/unresolved.c)
foreach(fixture fuzz_partial fuzz_unresolved)
  target_include_directories(${fixture} PRIVATE fixtures)
  set_target_properties(${fixture} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/fixtures)
endforeach()
add_executable(fuzz_bad_input_test fuzz_bad_input_test.cpp)
target_link_libraries(fuzz_bad_input_test PRIVATE ffifuzz_test_support GTest::gtest_main)
target_compile_definitions(fuzz_bad_input_test PRIVATE FFIFUZZ_FUZZ_FIXTURE_DIR="${CMAKE_CURRENT_BINARY_DIR}/fixtures")
add_dependencies(fuzz_bad_input_test ffifuzz fuzz_partial fuzz_unresolved)
gtest_discover_tests(fuzz_bad_input_test PROPERTIES SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]" LABELS e2e DISCOVERY_TIMEOUT 60)

if(FFIFUZZ_BUILD_ZOO)
  add_executable(fuzz_modes_test fuzz_modes_test.cpp)
  target_link_libraries(fuzz_modes_test PRIVATE ffifuzz_test_support GTest::gtest_main)
  add_dependencies(fuzz_modes_test ffifuzz)
  gtest_discover_tests(fuzz_modes_test PROPERTIES SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]" LABELS e2e TIMEOUT 600 DISCOVERY_TIMEOUT 60)
endif()

# What fuzz shows while it runs: on a real terminal (tmux) and in a log.
if(FFIFUZZ_BUILD_ZOO)
  add_executable(progress_test progress_test.cpp)
  target_link_libraries(progress_test PRIVATE ffifuzz_test_support GTest::gtest_main)
  add_dependencies(progress_test ffifuzz)
  gtest_discover_tests(progress_test PROPERTIES SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]" LABELS e2e TIMEOUT 300 DISCOVERY_TIMEOUT 60)
endif()

# Comparison hints on c_barrier (with and without), and starting inputs longer than -max_len.
if(FFIFUZZ_BUILD_ZOO)
  add_executable(fuzz_hints_test fuzz_hints_test.cpp)
  target_link_libraries(fuzz_hints_test PRIVATE ffifuzz_test_support GTest::gtest_main)
  add_dependencies(fuzz_hints_test ffifuzz zoo_c_barrier_cov-asan)
  gtest_discover_tests(fuzz_hints_test PROPERTIES SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]" LABELS e2e TIMEOUT 600 DISCOVERY_TIMEOUT 60)
endif()
