// cli/fuzz_session: everything a run of programs needs, assembled once from the options:
// the API model and contracts, the loaded library, the libffi frames, the plan and the
// executor. Shared by the fuzz worker, repro and the other commands that run programs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/target_options.h"
#include "exec/executor.h"
#include "exec/ffi_frames.h"
#include "exec/library.h"
#include "program/plan.h"

namespace ffifuzz::cli {

struct SessionOptions {
  bool trace = false;          // print each call before making it
  bool heap_buffers = false;   // see exec::ExecOptions; set from the library's instrumentation
  // When not empty: drive only these functions, plus the constructors and releasers of the
  // handles they take and return (to focus a run on one function).
  std::vector<std::string> only_functions;
};

struct FuzzSession {
  LoadedTarget target;
  std::unique_ptr<exec::Library> library;
  std::unique_ptr<exec::FfiFrames> frames;
  program::ApiPlan plan;
  std::unique_ptr<exec::Executor> executor;
  std::vector<std::string> not_exported;  // header functions the library does not export

  // Throws InputError for bad input, including "nothing left to call".
  static std::unique_ptr<FuzzSession> open(const TargetOptions& options, SessionOptions session);

  // What the harness will drive and what it skips, one line each, for the start of a run.
  std::string describe_plan() const;
};

}  // namespace ffifuzz::cli
