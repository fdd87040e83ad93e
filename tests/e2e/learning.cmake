# Triage and learning end to end: learning_zoo_test (c_learn and c_adopt without a contract:
# rules learned, the planted bug still found; --no-learn; ci's reports of gaps and rules),
# learning_containers_test (json-c, libcbor, libzip: their objects holding others),
# learning_debian_test (Debian libraries of other API styles; the libyaml run without a
# contract is `slow`).
if(FFIFUZZ_BUILD_ZOO AND FFIFUZZ_BUILD_REAL_LIBS)
  foreach(suite zoo containers debian)
    add_executable(learning_${suite}_test learning_${suite}_test.cpp)
    target_link_libraries(learning_${suite}_test PRIVATE ffifuzz_test_support GTest::gtest_main)
    add_dependencies(learning_${suite}_test ffifuzz)
    gtest_discover_tests(learning_${suite}_test TEST_FILTER "Learning.*" PROPERTIES
                         SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]" LABELS e2e DISCOVERY_TIMEOUT 60)
  endforeach()
  gtest_discover_tests(learning_debian_test TEST_FILTER "LearningSlow.*" PROPERTIES
                       SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]" LABELS slow TIMEOUT 900 DISCOVERY_TIMEOUT 60)
endif()
