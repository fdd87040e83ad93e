# Triage and learning end to end (learning_test): a zero-contract run of the zoo's c_learn
# learns its rules and still finds its bug; --no-learn; ci's reports of gaps and rules. The
# libyaml run without a contract is `slow`.
if(FFIFUZZ_BUILD_ZOO AND FFIFUZZ_BUILD_REAL_LIBS)
  add_executable(learning_test learning_test.cpp)
  target_link_libraries(learning_test PRIVATE ffifuzz_test_support GTest::gtest_main nlohmann_json::nlohmann_json)
  add_dependencies(learning_test ffifuzz)
  gtest_discover_tests(learning_test TEST_FILTER "Learning.*" PROPERTIES SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]"
                       LABELS e2e DISCOVERY_TIMEOUT 60)
  gtest_discover_tests(learning_test TEST_FILTER "LearningSlow.*" PROPERTIES SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]"
                       LABELS slow TIMEOUT 900 DISCOVERY_TIMEOUT 60)
endif()
