# One lowering (docs/ARCHITECTURE.md): every seed-corpus program of the zoo and of the real
# libraries, run by the harness and as its emit-c program, prints the same call trace.
if(FFIFUZZ_BUILD_ZOO)
  e2e_test(lowering_differential_test NO_MAIN SOURCES lowering_differential_test.cpp DEPENDS ffifuzz)
  if(FFIFUZZ_BUILD_REAL_LIBS)
    add_dependencies(lowering_differential_test real_libs)
    target_compile_definitions(lowering_differential_test PRIVATE FFIFUZZ_DIFFERENTIAL_REAL=1)
    set_source_files_properties(lowering_differential_test.cpp PROPERTIES OBJECT_DEPENDS ${FFIFUZZ_REAL_DIR}/libraries.txt)
  endif()
endif()
