# One test per Rust zoo target whose header comes from cbindgen (those with a cbindgen.toml):
# regenerate the header into the build tree and fail, with the diff, when the committed one
# differs. Hand-written headers (the bug is the drift itself) carry no cbindgen.toml.
find_program(CBINDGEN_EXECUTABLE cbindgen)
if(NOT CBINDGEN_EXECUTABLE)
  # Still add the tests: each fails with a message that says how to get cbindgen.
  set(CBINDGEN_EXECUTABLE cbindgen)
endif()
file(GLOB _cbindgen_configs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/targets/*/cbindgen.toml)
list(SORT _cbindgen_configs)
foreach(_config IN LISTS _cbindgen_configs)
  get_filename_component(_crate ${_config} DIRECTORY)
  get_filename_component(_name ${_crate} NAME)
  add_test(NAME cbindgen_drift_${_name}
           COMMAND sh ${PROJECT_SOURCE_DIR}/scripts/check-cbindgen-header.sh
                   ${CBINDGEN_EXECUTABLE} ${_crate} ${_crate}/${_name}.h
                   ${CMAKE_BINARY_DIR}/cbindgen/${_name}.h)
  set_tests_properties(cbindgen_drift_${_name} PROPERTIES LABELS unit)
endforeach()
