# The campaign engine end to end: stop signals, the budget with a shallow bug, containment of
# path parameters (campaign_test), and the hostile zoo (hostile_test). The real binary on the
# zoo's libraries, each run bounded.
if(FFIFUZZ_BUILD_ZOO)
  e2e_test(campaign_test SOURCES campaign_test.cpp DEPENDS ffifuzz)
  target_link_libraries(campaign_test PRIVATE nlohmann_json::nlohmann_json)
  e2e_test(hostile_test SOURCES hostile_test.cpp DEPENDS ffifuzz)
endif()
