# `ffifuzz inspect` end to end: the seed target (text and JSON), config and contract files,
# and bad input (one line, exit 2). With the zoo built, also --lib: exports and the
# functions a header declares but the library does not export.
set(_inspect_deps ffifuzz)
if(FFIFUZZ_BUILD_ZOO)
  list(APPEND _inspect_deps zoo_seed_plain zoo_rust_symbols_plain)
endif()
e2e_test(inspect_e2e_test SOURCES inspect_test.cpp DEPENDS ${_inspect_deps})
target_link_libraries(inspect_e2e_test PRIVATE nlohmann_json::nlohmann_json)
target_compile_definitions(inspect_e2e_test PRIVATE
  INSPECT_WORK_DIR="${CMAKE_CURRENT_BINARY_DIR}/inspect_work"
  INSPECT_WITH_ZOO=$<BOOL:${FFIFUZZ_BUILD_ZOO}>)
