# A finding folder replays as it was found (docs/findings.md, "A finding folder"): the copy of
# the contract it keeps after the user's is edited or deleted, an explicit --contract honoured,
# and the repro.c of a finding ci minimized written from the minimized program.
if(FFIFUZZ_BUILD_ZOO)
  add_executable(finding_folder_test finding_folder_test.cpp)
  target_link_libraries(finding_folder_test PRIVATE ffifuzz_test_support nlohmann_json::nlohmann_json GTest::gtest_main)
  add_dependencies(finding_folder_test ffifuzz)
  gtest_discover_tests(finding_folder_test PROPERTIES SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]" LABELS e2e TIMEOUT 600
                       DISCOVERY_TIMEOUT 60)
endif()
