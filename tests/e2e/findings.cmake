# Findings a person can act on (docs/findings.md): finding folders, repro, minimize, emit-c and
# regress on every planted runtime bug of the zoo (cov-asan), dedup across findings, bad input.
if(FFIFUZZ_BUILD_ZOO)
  add_executable(findings_test findings_test.cpp)
  depends_on_expectations(findings_test.cpp)
  # Classifies the emit-c programs' output with the product's own classifier.
  target_link_libraries(findings_test PRIVATE ffifuzz_test_support ffifuzz_report GTest::gtest)
  ffifuzz_sanitized_executable(findings_test)
  add_dependencies(findings_test ffifuzz)
  gtest_discover_tests(findings_test PROPERTIES SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]" LABELS e2e TIMEOUT 600 DISCOVERY_TIMEOUT 60)
endif()
