# Compiler flags shared by everything ffifuzz builds, and the facts `ffifuzz --version`
# reports (clang version, git revision).

# The tool itself runs under ASan and UBSan: a harness bug must show as loudly as a library
# bug. UBSan must not recover: a recovered error exits 0 and the finding is lost.
set(FFIFUZZ_SANITIZE_FLAGS
    -fsanitize=address,undefined
    -fno-sanitize-recover=undefined
    -fno-omit-frame-pointer)

# Except the fuzz loop's layers (program/, exec/, driver/: FUZZ_LOOP below), which run several
# times per execution: ASan's checks of their own loads and stores cost about a third of the
# executions per second on a small library (docs/ARCHITECTURE.md, "Speed"). They keep UBSan,
# and ASan's allocator and interceptors still see every allocation and every memcpy, memset
# and string function they apply to library memory. FFIFUZZ_CHECKED_FUZZ_LOOP=ON instruments
# them with ASan too; the ci preset sets it, so the whole test suite runs them checked.
option(FFIFUZZ_CHECKED_FUZZ_LOOP "ASan-instrument the fuzz loop's layers too (slower; the ci preset)" OFF)
set(FFIFUZZ_FUZZ_LOOP_SANITIZE_FLAGS
    -fsanitize=undefined
    -fno-sanitize-recover=undefined
    -fno-omit-frame-pointer)
if(FFIFUZZ_CHECKED_FUZZ_LOOP)
  set(FFIFUZZ_FUZZ_LOOP_SANITIZE_FLAGS ${FFIFUZZ_SANITIZE_FLAGS})
endif()

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
# FUZZ_LOOP: a layer that runs per execution (see FFIFUZZ_FUZZ_LOOP_SANITIZE_FLAGS).
function(ffifuzz_harness_library name)
  cmake_parse_arguments(ARG "FUZZ_LOOP" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/harness)
  if(ARG_FUZZ_LOOP)
    target_compile_options(${name} PRIVATE ${FFIFUZZ_WARNING_FLAGS} ${FFIFUZZ_FUZZ_LOOP_SANITIZE_FLAGS})
  else()
    target_compile_options(${name} PRIVATE ${FFIFUZZ_WARNING_FLAGS} ${FFIFUZZ_SANITIZE_FLAGS})
  endif()
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
endfunction()

# An executable of ours that links harness libraries: same sanitizers.
function(ffifuzz_sanitized_executable name)
  target_compile_options(${name} PRIVATE ${FFIFUZZ_WARNING_FLAGS} ${FFIFUZZ_SANITIZE_FLAGS})
  target_link_options(${name} PRIVATE ${FFIFUZZ_SANITIZE_FLAGS})
endfunction()
