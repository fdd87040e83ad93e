# FFIFuzz.cmake: run ffifuzz on your shared library as ctest tests in your own project.
#
#   include(path/to/ffifuzz/cmake/FFIFuzz.cmake)
#   ffifuzz_add_target(NAME foo LIBRARY foo HEADER include/foo.h)
#
# adds the tests foo.check (`ffifuzz check`), foo.fuzz (a bounded, seeded `ffifuzz fuzz`)
# and, with REGRESS_DIR, foo.regress (`ffifuzz regress`: replays saved inputs). Labels:
# `ffifuzz` plus LABELS. Full reference: docs/cmake-module.md.
#
# ffifuzz_add_target(NAME <name>
#                    LIBRARY <target-or-path>       the library `check` reads (and `fuzz` drives)
#                    HEADER <header>...             its public header(s)
#                    [FUZZ_LIBRARY <target-or-path>]  an instrumented build to fuzz instead
#                    [CONTRACT <file>] [CONFIG <file>]
#                    [INCLUDE_DIRS <dir>...]        -I for parsing the header
#                    [FUZZ_RUNS <n>]                default 20000 executions
#                    [FUZZ_SEED <n>]                default 1
#                    [FUNCTIONS <fn>...]            fuzz only these (plus their handles' users)
#                    [SEED_CORPUS <dir>...]         extra starting inputs, read only
#                    [FUZZ_ARGS <flag>...]          libFuzzer flags (after --)
#                    [REGRESS_DIR <dir>...]         folders of inputs to replay
#                    [LABELS <label>...]
#                    [FFIFUZZ <path-or-target>])
#
# ffifuzz is found, first match wins: the FFIFUZZ argument, the FFIFUZZ_EXECUTABLE cache
# variable, `ffifuzz` on PATH. When none is found the tests still exist and fail with a
# line that says how to point at ffifuzz.
#
# ffifuzz_instrument(<target> [COVERAGE_ONLY]) compiles a (clang-built) library target with
# SanitizerCoverage, and unless COVERAGE_ONLY with ASan and UBSan: the flavour to fuzz.
#
# This file is also the ctest driver of the regress test (cmake -P, see the end of the file).

if(NOT CMAKE_SCRIPT_MODE_FILE)
include_guard(GLOBAL)

set(_FFIFUZZ_MODULE_FILE "${CMAKE_CURRENT_LIST_FILE}")

if(NOT FFIFUZZ_EXECUTABLE)
  find_program(FFIFUZZ_EXECUTABLE ffifuzz DOC "The ffifuzz executable used by ffifuzz_add_target")
endif()

# ffifuzz_instrument(<target> [COVERAGE_ONLY])
function(ffifuzz_instrument target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "COVERAGE_ONLY" "" "")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "ffifuzz_instrument(${target}): unknown arguments '${ARG_UNPARSED_ARGUMENTS}' (only COVERAGE_ONLY)")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "ffifuzz_instrument(${target}): no such target; pass a library target defined before this call")
  endif()
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang" AND NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "ffifuzz_instrument(${target}): SanitizerCoverage for libFuzzer needs clang; "
                        "configure with -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++")
  endif()
  if(ARG_COVERAGE_ONLY)
    set(_san fuzzer-no-link)
  else()
    set(_san fuzzer-no-link,address,undefined)
    target_compile_options(${target} PRIVATE -fno-sanitize-recover=undefined)
  endif()
  target_compile_options(${target} PRIVATE -g -fno-omit-frame-pointer -fsanitize=${_san})
  # The sanitizer runtimes come from the process that loads the library (ffifuzz), never
  # from the library itself.
  target_link_options(${target} PRIVATE -Wl,--allow-shlib-undefined)
endfunction()

# A target name becomes its file ($<TARGET_FILE:...>), a relative path is taken from the
# calling directory (sources) — the result may hold a generator expression.
function(_ffifuzz_resolve out what value)
  if(TARGET ${value})
    get_target_property(_type ${value} TYPE)
    if(what MATCHES "LIBRARY" AND _type MATCHES "STATIC_LIBRARY|OBJECT_LIBRARY|INTERFACE_LIBRARY|EXECUTABLE")
      message(FATAL_ERROR "ffifuzz_add_target: ${what} ${value} is a ${_type}; ffifuzz loads a shared library "
                          "(add_library(${value} SHARED ...))")
    endif()
    set(${out} "$<TARGET_FILE:${value}>" PARENT_SCOPE)
  else()
    cmake_path(ABSOLUTE_PATH value BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE OUTPUT_VARIABLE _abs)
    set(${out} "${_abs}" PARENT_SCOPE)
  endif()
endfunction()

function(ffifuzz_add_target)
  set(_one NAME LIBRARY FUZZ_LIBRARY CONTRACT CONFIG FUZZ_RUNS FUZZ_SEED FFIFUZZ)
  set(_multi HEADER INCLUDE_DIRS FUNCTIONS SEED_CORPUS FUZZ_ARGS REGRESS_DIR LABELS)
  cmake_parse_arguments(PARSE_ARGV 0 ARG "" "${_one}" "${_multi}")
  set(_who "ffifuzz_add_target(${ARG_NAME})")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "${_who}: unknown arguments '${ARG_UNPARSED_ARGUMENTS}' (see docs/cmake-module.md)")
  endif()
  if(NOT ARG_NAME)
    message(FATAL_ERROR "ffifuzz_add_target: NAME is required (it names the tests: <name>.check, <name>.fuzz)")
  endif()
  if(NOT ARG_LIBRARY)
    message(FATAL_ERROR "${_who}: LIBRARY is required: a shared library target or the path of a .so")
  endif()
  if(NOT ARG_HEADER AND NOT ARG_CONFIG)
    message(FATAL_ERROR "${_who}: HEADER is required (the library's public header), unless CONFIG names it")
  endif()
  foreach(_n FUZZ_RUNS FUZZ_SEED)
    if(DEFINED ARG_${_n} AND NOT ARG_${_n} MATCHES "^[0-9]+$")
      message(FATAL_ERROR "${_who}: ${_n} must be a non-negative integer, got '${ARG_${_n}}'")
    endif()
  endforeach()
  if(NOT DEFINED ARG_FUZZ_RUNS)
    set(ARG_FUZZ_RUNS 20000)
  endif()
  if(NOT DEFINED ARG_FUZZ_SEED)
    set(ARG_FUZZ_SEED 1)
  endif()

  # ffifuzz: the argument, the cache variable, PATH.
  if(ARG_FFIFUZZ)
    if(TARGET ${ARG_FFIFUZZ})
      set(_ffifuzz "$<TARGET_FILE:${ARG_FFIFUZZ}>")
    else()
      set(_ffifuzz "${ARG_FFIFUZZ}")
    endif()
  elseif(FFIFUZZ_EXECUTABLE)
    set(_ffifuzz "${FFIFUZZ_EXECUTABLE}")
  else()
    set(_ffifuzz "")
  endif()

  # Options every subcommand shares: the target and its contracts.
  _ffifuzz_resolve(_lib LIBRARY "${ARG_LIBRARY}")
  # `ffifuzz check` compares struct layouts and signatures through the library's DWARF, and
  # CMake's default build type (none) compiles without -g: check would then compare symbols
  # only, and say so only when its test fails. Debug info changes no code, so the library
  # this project builds gets it (not an imported one: that is built elsewhere).
  if(TARGET ${ARG_LIBRARY})
    get_target_property(_imported ${ARG_LIBRARY} IMPORTED)
    if(NOT _imported)
      target_compile_options(${ARG_LIBRARY} PRIVATE $<$<COMPILE_LANGUAGE:C,CXX>:-g>)
    endif()
  endif()
  if(ARG_FUZZ_LIBRARY)
    _ffifuzz_resolve(_fuzz_lib FUZZ_LIBRARY "${ARG_FUZZ_LIBRARY}")
  else()
    set(_fuzz_lib "${_lib}")
  endif()
  set(_target_opts "")
  foreach(_h IN LISTS ARG_HEADER)
    _ffifuzz_resolve(_hp HEADER "${_h}")
    list(APPEND _target_opts --header "${_hp}")
  endforeach()
  foreach(_d IN LISTS ARG_INCLUDE_DIRS)
    _ffifuzz_resolve(_dp INCLUDE_DIRS "${_d}")
    list(APPEND _target_opts -I "${_dp}")
  endforeach()
  foreach(_f CONTRACT CONFIG)
    if(ARG_${_f})
      _ffifuzz_resolve(_fp ${_f} "${ARG_${_f}}")
      string(TOLOWER ${_f} _opt)
      list(APPEND _target_opts --${_opt} "${_fp}")
    endif()
  endforeach()

  set(_labels ffifuzz ${ARG_LABELS})
  set(_out "${CMAKE_BINARY_DIR}/ffifuzz/${ARG_NAME}")

  if(NOT _ffifuzz)
    message(WARNING "${_who}: ffifuzz not found; its tests will fail until you configure with "
                    "-DFFIFUZZ_EXECUTABLE=/path/to/ffifuzz (or put ffifuzz on PATH)")
    set(_tests ${ARG_NAME}.check ${ARG_NAME}.fuzz)
    if(ARG_REGRESS_DIR)
      list(APPEND _tests ${ARG_NAME}.regress)
    endif()
    foreach(_t IN LISTS _tests)
      add_test(NAME ${_t} COMMAND "${CMAKE_COMMAND}" -DFFIFUZZ_SCRIPT=missing -P "${_FFIFUZZ_MODULE_FILE}")
      set_tests_properties(${_t} PROPERTIES LABELS "${_labels}")
    endforeach()
    return()
  endif()

  # check: header against binary. Exit 1 (findings) or 2 (bad input) fails the test.
  add_test(NAME ${ARG_NAME}.check
           COMMAND "${_ffifuzz}" check --lib "${_lib}" ${_target_opts})
  set_tests_properties(${ARG_NAME}.check PROPERTIES LABELS "${_labels}" TIMEOUT 120)

  # fuzz: bounded by FUZZ_RUNS executions, reproducible through FUZZ_SEED. The corpus is kept
  # in the output folder between runs; a finding (exit 1) fails the test.
  set(_fuzz_opts --out "${_out}" --runs ${ARG_FUZZ_RUNS} --seed ${ARG_FUZZ_SEED})
  foreach(_fn IN LISTS ARG_FUNCTIONS)
    list(APPEND _fuzz_opts --function "${_fn}")
  endforeach()
  foreach(_d IN LISTS ARG_SEED_CORPUS)
    _ffifuzz_resolve(_dp SEED_CORPUS "${_d}")
    list(APPEND _fuzz_opts --seed-corpus "${_dp}")
  endforeach()
  if(ARG_FUZZ_ARGS)
    list(APPEND _fuzz_opts -- ${ARG_FUZZ_ARGS})
  endif()
  add_test(NAME ${ARG_NAME}.fuzz
           COMMAND "${_ffifuzz}" fuzz --lib "${_fuzz_lib}" ${_target_opts} ${_fuzz_opts})
  set_tests_properties(${ARG_NAME}.fuzz PROPERTIES LABELS "${_labels}" TIMEOUT 600)

  # regress: replay every input in the folders; skipped (with a message) by an ffifuzz that
  # has no `regress` subcommand yet.
  if(ARG_REGRESS_DIR)
    set(_dirs "")
    set(_focus "")
    foreach(_fn IN LISTS ARG_FUNCTIONS)
      list(APPEND _focus --function "${_fn}")
    endforeach()
    foreach(_d IN LISTS ARG_REGRESS_DIR)
      _ffifuzz_resolve(_dp REGRESS_DIR "${_d}")
      list(APPEND _dirs "${_dp}")
    endforeach()
    add_test(NAME ${ARG_NAME}.regress
             COMMAND "${CMAKE_COMMAND}" -DFFIFUZZ_SCRIPT=regress "-DFFIFUZZ=${_ffifuzz}"
                     -P "${_FFIFUZZ_MODULE_FILE}" --
                     --lib "${_fuzz_lib}" ${_target_opts} ${_focus} DIRS ${_dirs})
    set_tests_properties(${ARG_NAME}.regress PROPERTIES
      LABELS "${_labels}" TIMEOUT 600
      SKIP_REGULAR_EXPRESSION "ffifuzz-regress: skipped")
  endif()
endfunction()

return()
endif()

# ---- script mode: cmake -DFFIFUZZ_SCRIPT=<mode> -P FFIFuzz.cmake -- args ----
if(FFIFUZZ_SCRIPT STREQUAL "missing")
  message(FATAL_ERROR "ffifuzz not found when this project was configured: reconfigure with "
                      "-DFFIFUZZ_EXECUTABLE=/path/to/ffifuzz (or put ffifuzz on PATH)")
elseif(FFIFUZZ_SCRIPT STREQUAL "regress")
  # Arguments after "--": the target options, then DIRS and the folders to replay.
  set(_opts "")
  set(_dirs "")
  set(_in "")
  math(EXPR _last "${CMAKE_ARGC} - 1")
  foreach(_i RANGE 1 ${_last})
    set(_a "${CMAKE_ARGV${_i}}")
    if(_in STREQUAL "")
      if(_a STREQUAL "--")
        set(_in opts)
      endif()
    elseif(_in STREQUAL "opts" AND _a STREQUAL "DIRS")
      set(_in dirs)
    elseif(_in STREQUAL "opts")
      list(APPEND _opts "${_a}")
    else()
      list(APPEND _dirs "${_a}")
    endif()
  endforeach()
  execute_process(COMMAND "${FFIFUZZ}" --help OUTPUT_VARIABLE _help ERROR_VARIABLE _help RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "${FFIFUZZ} --help failed (exit ${_rc}): is FFIFUZZ_EXECUTABLE an ffifuzz binary?")
  endif()
  if(NOT _help MATCHES "(^|\n)[ \t]+regress[ \t\n]")
    message("ffifuzz-regress: skipped: ${FFIFUZZ} has no `regress` subcommand yet (update ffifuzz)")
    return()
  endif()
  set(_present "")
  foreach(_d IN LISTS _dirs)
    if(IS_DIRECTORY "${_d}")
      list(APPEND _present "${_d}")
    else()
      message("ffifuzz-regress: ${_d} does not exist (yet): nothing to replay from it")
    endif()
  endforeach()
  if(NOT _present)
    message("ffifuzz-regress: no folder to replay")
    return()
  endif()
  execute_process(COMMAND "${FFIFUZZ}" regress ${_opts} ${_present} RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "ffifuzz regress exited ${_rc}: 1 = a saved input reproduces a finding, 2 = bad input (see above)")
  endif()
else()
  message(FATAL_ERROR "FFIFuzz.cmake: include() it from a CMakeLists.txt; as a script it needs -DFFIFUZZ_SCRIPT=regress|missing")
endif()
