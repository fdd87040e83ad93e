# Compiler flags shared by everything ffifuzz builds, and the facts `ffifuzz --version`
# reports (clang version, git revision).

# The tool itself runs under ASan and UBSan: a harness bug must show as loudly as a library
# bug. UBSan must not recover: a recovered error exits 0 and the finding is lost.
set(FFIFUZZ_SANITIZE_FLAGS
    -fsanitize=address,undefined
    -fno-sanitize-recover=undefined
    -fno-omit-frame-pointer)

set(FFIFUZZ_WARNING_FLAGS -Wall -Wextra -Wno-unused-parameter)
if(FFIFUZZ_WERROR)
  list(APPEND FFIFUZZ_WARNING_FLAGS -Werror)
endif()

# clang's resource dir holds the compiler-rt runtimes (libFuzzer) and the builtin headers
# that libclang needs to parse headers including <stddef.h> and friends.
execute_process(COMMAND ${CMAKE_C_COMPILER} -print-resource-dir
                OUTPUT_VARIABLE FFIFUZZ_CLANG_RESOURCE_DIR OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND ${CMAKE_C_COMPILER} --print-file-name=libclang_rt.fuzzer_no_main-x86_64.a
                OUTPUT_VARIABLE FFIFUZZ_FUZZER_NO_MAIN OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT EXISTS "${FFIFUZZ_FUZZER_NO_MAIN}")
  file(GLOB FFIFUZZ_FUZZER_NO_MAIN "${FFIFUZZ_CLANG_RESOURCE_DIR}/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a")
endif()
if(NOT EXISTS "${FFIFUZZ_FUZZER_NO_MAIN}")
  message(FATAL_ERROR "libFuzzer's no-main runtime was not found under ${FFIFUZZ_CLANG_RESOURCE_DIR}. "
                      "Install it: apt-get install libclang-rt-14-dev (or run scripts/setup.sh)")
endif()

set(FFIFUZZ_CLANG_VERSION "${CMAKE_C_COMPILER_VERSION}")
# libFuzzer ships inside compiler-rt: its version is clang's.
set(FFIFUZZ_LIBFUZZER_VERSION "compiler-rt ${CMAKE_C_COMPILER_VERSION}")

find_package(Git QUIET)
set(FFIFUZZ_GIT_REVISION "unknown")
if(GIT_FOUND)
  execute_process(COMMAND ${GIT_EXECUTABLE} -C ${CMAKE_SOURCE_DIR} describe --always --dirty
                  OUTPUT_VARIABLE _rev OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE _rc)
  if(_rc EQUAL 0 AND _rev)
    set(FFIFUZZ_GIT_REVISION "${_rev}")
  endif()
endif()

# A harness library: C++20, warnings, sanitizers, and no coverage instrumentation (the
# harness's own branches are not coverage; they would drown the library's signal).
function(ffifuzz_harness_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/harness)
  target_compile_options(${name} PRIVATE ${FFIFUZZ_WARNING_FLAGS} ${FFIFUZZ_SANITIZE_FLAGS})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
endfunction()

# An executable of ours that links harness libraries: same sanitizers.
function(ffifuzz_sanitized_executable name)
  target_compile_options(${name} PRIVATE ${FFIFUZZ_WARNING_FLAGS} ${FFIFUZZ_SANITIZE_FLAGS})
  target_link_options(${name} PRIVATE ${FFIFUZZ_SANITIZE_FLAGS})
endfunction()
