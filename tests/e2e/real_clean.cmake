# Real Debian libraries with their contract files (targets/real/<package>/): clean runs and
# the known bugs. The libraries come from cmake/RealLibs.cmake (FFIFUZZ_BUILD_REAL_LIBS).
if(FFIFUZZ_BUILD_REAL_LIBS)
  add_executable(real_clean_test real_clean_test.cpp)
  # The repro.c tests classify the C program's output with the product's own classifier.
  target_link_libraries(real_clean_test PRIVATE ffifuzz_test_support ffifuzz_report GTest::gtest_main)
  ffifuzz_sanitized_executable(real_clean_test)
  add_dependencies(real_clean_test ffifuzz real_libs)
  gtest_discover_tests(real_clean_test TEST_FILTER "RealClean.*:RealBug.*:RealKnownBug.*:RealKnownBugReproC.*" PROPERTIES SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]"
                       LABELS e2e TIMEOUT 600 DISCOVERY_TIMEOUT 60)
  gtest_discover_tests(real_clean_test TEST_FILTER "RealCleanSlow.*:RealBugSlow.*" PROPERTIES SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]"
                       LABELS slow TIMEOUT 1800 DISCOVERY_TIMEOUT 60)
endif()
