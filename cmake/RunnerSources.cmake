# The sources `ffifuzz export` ships so that OSS-Fuzz or ClusterFuzzLite can compile the fuzz
# target their way (docs/export.md, "The source target"). They are ffifuzz-runner's own:
# runner_main.cpp and the layer files the runner's link pulls in (driver, exec, program,
# model, payload, and report/write_file), with every project header they include, found by
# following `#include "..."` from them. The export e2e tests compile exactly this set on its
# own, so a file missing here fails a test, not a user's build.
set(FFIFUZZ_RUNNER_SOURCES
    runner/runner_main.cpp
    driver/call_stats.cpp driver/compare_log.cpp driver/decoded_inputs.cpp driver/elf_sections.cpp driver/heap_growth.cpp
    driver/inflight.cpp driver/length_control.cpp driver/libfuzzer_glue.cpp driver/library_edges.cpp driver/run_session.cpp
    exec/arena.cpp exec/executor.cpp exec/ffi_frames.cpp exec/heap_blocks.cpp exec/library.cpp exec/post_call.cpp
    exec/working_folder.cpp
    exec/process_guard.cpp
    model/api_model.cpp
    payload/embedded_payload.cpp payload/model_json.cpp payload/target_payload.cpp
    program/codec.cpp program/generate.cpp program/hints.cpp program/image.cpp program/mutate.cpp program/normalize.cpp
    program/plan.cpp program/text_form.cpp program/values.cpp program/ledger.cpp program/lowering.cpp program/call_trace.cpp
    program/storage.cpp
    report/write_file.cpp)

# Every file under `root` that `files` include with quotes, transitively, and `files`
# themselves; paths relative to `root`.
function(ffifuzz_with_project_headers root files out)
  set(todo ${files})
  set(seen)
  while(todo)
    list(POP_FRONT todo f)
    if(f IN_LIST seen)
      continue()
    endif()
    list(APPEND seen ${f})
    file(STRINGS ${root}/${f} lines REGEX "^#include \"")
    foreach(line IN LISTS lines)
      string(REGEX REPLACE "^#include \"([^\"]+)\".*" "\\1" inc "${line}")
      if(EXISTS ${root}/${inc})
        list(APPEND todo ${inc})
      endif()
    endforeach()
  endwhile()
  # Re-run configure when any of them changes: an edit may add an include.
  foreach(f IN LISTS seen)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${root}/${f})
  endforeach()
  set(${out} ${seen} PARENT_SCOPE)
endfunction()
