# `ffifuzz fuzz` on the zoo, driven by each target's expect.toml.
if(FFIFUZZ_BUILD_ZOO)
  add_executable(fuzz_findings_test fuzz_findings_test.cpp)
  target_link_libraries(fuzz_findings_test PRIVATE ffifuzz_test_support GTest::gtest)
  add_dependencies(fuzz_findings_test ffifuzz)
  # The clean 1,000,000-execution runs are slow; the per-bug runs are e2e.
  gtest_discover_tests(fuzz_findings_test TEST_FILTER "FuzzFinding.*" PROPERTIES LABELS e2e TIMEOUT 600
                       DISCOVERY_TIMEOUT 60)
  gtest_discover_tests(fuzz_findings_test TEST_FILTER "FuzzCleanSlow.*" PROPERTIES LABELS slow TIMEOUT 900
                       DISCOVERY_TIMEOUT 60)
endif()
