// report/emit_c: a finding as a standalone C program.
// Job: turn a call program into C that includes the library's header and makes the same
// calls with the same values, exactly as the executor makes them: buffers, strings and
// objects placed in the ASan heap at their exact size (ASan-instrumented library) or so that
// they end at a PROT_NONE guard page (any other library); struct arguments as literals;
// owned results as variables r<N>, the handle each call gets picked the way the ownership
// ledger picks it, and what is still live released at the end in reverse order. The
// harness's own post-call checks come along (a returned struct whose allocation is not the
// header's sizeof prints the same "==ffifuzz== ERROR: layout-mismatch" line), and so do the
// process guard (the library's exit/_exit during a call, its signal handlers for the
// sanitizers' signals: exec/process_guard.h) and the call trace, so that the program's output
// classifies like a replay's.
// The layering note: this is the one part of report/ that reads programs (program/), which
// itself depends only on model/.
// May depend on: model, program.
#pragma once

#include <string>
#include <vector>

#include "program/program.h"

namespace ffifuzz::report {

struct EmitOptions {
  std::vector<std::string> headers;  // absolute paths of the library's headers
  std::vector<std::string> include_dirs;  // more folders the headers' includes are found in (-I)
  std::string library;               // absolute path of the .so
  bool heap_buffers = false;         // the executor's mode (exec::ExecOptions::heap_buffers)
  std::string title;                 // first comment line, e.g. "rust-panic in lookup_get (key ...)"
  unsigned timeout_seconds = 10;     // a call running longer is a timeout finding
  // Runs the program this many times, checking the live heap after each (driver/heap_growth.h):
  // a finding that shows only when the program is repeated (memory the library keeps).
  unsigned repeat = 1;
  // A traced replay of this program (program/call_trace.h), when one ran: which calls the
  // executor could not make, which results were NULL and which calls failed. The C program's
  // ledger follows it; without one, every call is taken to have made what it makes.
  std::string replay_log;
};

// The program's source. Its first comment holds the line that builds it (compile_command).
std::string emit_c(const program::ApiPlan& plan, const model::ApiModel& api, const program::Program& program,
                   const EmitOptions& options);

// "clang -fsanitize=address,undefined -g SOURCE -I<dir> -Wl,--copy-dt-needed-entries LIB -Wl,-rpath,<dir> -o OUTPUT".
std::string compile_command(const EmitOptions& options, const std::string& source, const std::string& output);

}  // namespace ffifuzz::report
