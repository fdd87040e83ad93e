# Real Debian libraries with their contract files (targets/real/<lib>/): clean runs.
add_executable(real_clean_test real_clean_test.cpp)
target_link_libraries(real_clean_test PRIVATE ffifuzz_test_support GTest::gtest_main)
add_dependencies(real_clean_test ffifuzz)
gtest_discover_tests(real_clean_test TEST_FILTER "RealClean.*" PROPERTIES SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]"
                     LABELS e2e TIMEOUT 600 DISCOVERY_TIMEOUT 60)
gtest_discover_tests(real_clean_test TEST_FILTER "RealCleanSlow.*" PROPERTIES SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]"
                     LABELS slow TIMEOUT 1500 DISCOVERY_TIMEOUT 60)
