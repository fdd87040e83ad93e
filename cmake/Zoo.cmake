# The target zoo: shared libraries with known bugs, each built in three flavours.
#   plain     release with debug info: what users ship
#   cov       SanitizerCoverage (8-bit counters, PC table, trace-cmp)
#   cov-asan  coverage plus AddressSanitizer (C targets: plus UBSan, not recoverable)
# Every flavour lands at ${FFIFUZZ_ZOO_DIR}/<flavour>/lib<name>.so so that tests and
# tools find a target by (name, flavour) alone.

set(FFIFUZZ_ZOO_DIR ${CMAKE_BINARY_DIR}/zoo)
set(FFIFUZZ_ZOO_FLAVOURS plain cov cov-asan)
set(ZOO_ALL_LIBRARIES "" CACHE INTERNAL "")

set(_zoo_c_plain    -O2 -g -fno-omit-frame-pointer)
set(_zoo_c_cov      -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link)
set(_zoo_c_cov-asan -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined
                    -fno-sanitize-recover=undefined)

# Rust: the flags the product documents for users (README, scripts/build-rust-target.sh).
set(_zoo_rust_common "-Cforce-frame-pointers=yes")
set(_zoo_rust_cov "-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=3 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table -Cllvm-args=-sanitizer-coverage-trace-compares")
set(_zoo_rust_plain    "${_zoo_rust_common}")
set(_zoo_rust_cov      "${_zoo_rust_common} ${_zoo_rust_cov}")
set(_zoo_rust_cov-asan "${_zoo_rust_common} ${_zoo_rust_cov} -Zsanitizer=address")

find_program(CARGO_EXECUTABLE cargo HINTS $ENV{HOME}/.cargo/bin /root/.cargo/bin)

function(_zoo_register name flavour file)
  set(ZOO_ALL_LIBRARIES "${ZOO_ALL_LIBRARIES};${name}:${flavour}:${file}" CACHE INTERNAL "")
endfunction()

# zoo_c_target(NAME n SOURCES a.c b.c [INCLUDES dir...])
function(zoo_c_target)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;INCLUDES" ${ARGN})
  foreach(flavour IN LISTS FFIFUZZ_ZOO_FLAVOURS)
    set(tgt zoo_${ARG_NAME}_${flavour})
    add_library(${tgt} SHARED ${ARG_SOURCES})
    set_target_properties(${tgt} PROPERTIES
      OUTPUT_NAME ${ARG_NAME}
      LIBRARY_OUTPUT_DIRECTORY ${FFIFUZZ_ZOO_DIR}/${flavour}
      C_STANDARD 11)
    target_include_directories(${tgt} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR} ${ARG_INCLUDES})
    target_compile_options(${tgt} PRIVATE ${_zoo_c_${flavour}})
    # Sanitizer runtimes come from the process that loads the library (ffifuzz or a
    # driver), never linked into the library itself.
    target_link_options(${tgt} PRIVATE -Wl,--allow-shlib-undefined)
    _zoo_register(${ARG_NAME} ${flavour} ${FFIFUZZ_ZOO_DIR}/${flavour}/lib${ARG_NAME}.so)
  endforeach()
endfunction()

# zoo_rust_target(NAME n)   the crate lives in ${CMAKE_CURRENT_SOURCE_DIR}; its lib name is n.
function(zoo_rust_target)
  cmake_parse_arguments(ARG "" "NAME" "" ${ARGN})
  if(NOT CARGO_EXECUTABLE)
    message(FATAL_ERROR "cargo not found: the Rust zoo targets need it. Install rustup's stable "
                        "toolchain, or configure with -DFFIFUZZ_BUILD_ZOO=OFF")
  endif()
  file(GLOB_RECURSE _srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/*.rs)
  foreach(flavour IN LISTS FFIFUZZ_ZOO_FLAVOURS)
    set(target_dir ${CMAKE_BINARY_DIR}/cargo/${flavour})
    set(out ${FFIFUZZ_ZOO_DIR}/${flavour}/lib${ARG_NAME}.so)
    add_custom_command(
      OUTPUT ${out}
      COMMAND ${CMAKE_COMMAND} -E env
              "RUSTFLAGS=${_zoo_rust_${flavour}}" RUSTC_BOOTSTRAP=1
              ${CARGO_EXECUTABLE} build --quiet --release --offline
              --manifest-path ${CMAKE_CURRENT_SOURCE_DIR}/Cargo.toml
              --target-dir ${target_dir}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${FFIFUZZ_ZOO_DIR}/${flavour}
      COMMAND ${CMAKE_COMMAND} -E copy ${target_dir}/release/lib${ARG_NAME}.so ${out}
      DEPENDS ${_srcs} ${CMAKE_CURRENT_SOURCE_DIR}/Cargo.toml
      COMMENT "cargo: lib${ARG_NAME}.so (${flavour})"
      VERBATIM)
    add_custom_target(zoo_${ARG_NAME}_${flavour} ALL DEPENDS ${out})
    _zoo_register(${ARG_NAME} ${flavour} ${out})
  endforeach()
endfunction()

# zoo_driver(NAME n SOURCES driver.c)
# A driver proves the target's planted bugs without ffifuzz: it dlopens the library given
# on its command line and calls one buggy function with its triggering input. Built with
# ASan and UBSan so that every flavour of the library runs under the sanitizers.
function(zoo_driver)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES" ${ARGN})
  set(tgt zoo_driver_${ARG_NAME})
  add_executable(${tgt} ${ARG_SOURCES} ${PROJECT_SOURCE_DIR}/targets/common/driver_support.c)
  set_target_properties(${tgt} PROPERTIES
    OUTPUT_NAME ${ARG_NAME}
    RUNTIME_OUTPUT_DIRECTORY ${FFIFUZZ_ZOO_DIR}/drivers
    C_STANDARD 11)
  target_include_directories(${tgt} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/targets/common)
  target_compile_options(${tgt} PRIVATE -g -O0 -fno-omit-frame-pointer -fsanitize=address,undefined
                         -fno-sanitize-recover=undefined)
  target_link_options(${tgt} PRIVATE -fsanitize=address,undefined -rdynamic)
  target_link_libraries(${tgt} PRIVATE dl m)
  foreach(flavour IN LISTS FFIFUZZ_ZOO_FLAVOURS)
    add_dependencies(${tgt} zoo_${ARG_NAME}_${flavour})
  endforeach()
endfunction()
