# `ffifuzz ci` (docs/ci.md): the nightly job on the zoo — findings in all four reports (SARIF
# validated against the SARIF 2.1.0 schema), a baseline that makes them known, a clean target,
# a SIGTERM during fuzzing that loses nothing, bad input. The 60-second run is `slow`.
if(FFIFUZZ_BUILD_ZOO)
  add_executable(ci_test ci_test.cpp)
  target_link_libraries(ci_test PRIVATE ffifuzz_test_support nlohmann_json::nlohmann_json GTest::gtest_main)
  add_dependencies(ci_test ffifuzz)
  gtest_discover_tests(ci_test TEST_FILTER "CiSlow.*" PROPERTIES SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]" LABELS slow
                       TIMEOUT 900 DISCOVERY_TIMEOUT 60)
  gtest_discover_tests(ci_test TEST_FILTER "Ci.*" PROPERTIES SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]" LABELS e2e
                       TIMEOUT 600 DISCOVERY_TIMEOUT 60)
endif()
