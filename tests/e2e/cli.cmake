# What a user meets first (issue 15): unknown options, help, durations, header and contract
# errors, folders as inputs, text-form syntax errors, minimize's exit code, inspect's skipped
# functions. Fixture libraries built here, beside fuzz.cmake's.
add_library(cli_skips SHARED fixtures/skips.c)
add_library(cli_boom SHARED fixtures/boom.c)
foreach(fixture cli_skips cli_boom)
  target_include_directories(${fixture} PRIVATE fixtures)
  set_target_properties(${fixture} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/fixtures)
endforeach()
e2e_test(cli_first_contact_test SOURCES cli_first_contact_test.cpp DEPENDS ffifuzz cli_skips cli_boom fuzz_partial)
target_link_libraries(cli_first_contact_test PRIVATE nlohmann_json::nlohmann_json)
target_compile_definitions(cli_first_contact_test PRIVATE CLI_FIXTURE_DIR="${CMAKE_CURRENT_BINARY_DIR}/fixtures")
