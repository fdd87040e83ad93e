# scripts/build-rust-target.sh on a copy of targets/seed made in the build tree (the source
# tree is never written): three flavours with the right instrumentation and debug info, the
# cbindgen header equal to the committed one, also for an edition-2024 crate; and bad input
# (one line, exit 2).
# Skipped (exit 77) when cargo is not installed.
foreach(_mode build errors edition2024)
  add_test(NAME build_rust_target.${_mode}
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/build_rust_target_test.sh ${_mode}
                   ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/build_rust_target/${_mode})
  set_tests_properties(build_rust_target.${_mode} PROPERTIES
    LABELS e2e TIMEOUT 300 SKIP_RETURN_CODE 77)
endforeach()
