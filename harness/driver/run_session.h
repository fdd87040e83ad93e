// driver/run_session: a library ready to run programs: loaded once, its plan built, the
// executor made. Shared by every process that runs programs: the `ffifuzz fuzz` worker and
// the other commands (cli/fuzz_session opens one from the header) and an exported fuzz
// target (runner/ opens one from its embedded payload), so that both run an input the same
// way.
// May depend on: model, program, exec.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "exec/executor.h"
#include "exec/ffi_frames.h"
#include "exec/library.h"
#include "program/plan.h"

namespace ffifuzz::driver {

struct SessionOptions {
  bool trace = false;          // print each call before making it
  bool heap_buffers = false;   // see exec::ExecOptions; set from the library's instrumentation
  // When not empty: drive only these functions, plus the constructors and releasers of the
  // handles they take and return (to focus a run on one function).
  std::vector<std::string> only_functions;
  // Where path and FILE * parameters point (a folder per process is made in it); empty: the
  // system's temporary folder.
  std::string scratch_dir;
  bool work_in_scratch = false;  // see exec::ExecOptions: a campaign's worker
};

// Adds to `unavailable` the functions the harness cannot call for reasons outside the header
// and the contracts, with the reason a run prints: not exported by the library (`exported`
// says which names it resolves; those are also added to `not_exported` when given), or a type
// libffi cannot pass. Shared by RunSession::prepare and `ffifuzz inspect`, so that inspect
// lists what a run skips.
void add_unavailable_functions(const model::ApiModel& api, const exec::FfiFrames& frames,
                               const std::function<bool(const std::string&)>& exported,
                               std::map<std::string, std::string>& unavailable,
                               std::vector<std::string>* not_exported = nullptr);

struct RunSession {
  // The model and contracts the plan was built from; owned by whoever opened the session
  // (they must outlive it).
  const model::ApiModel* api = nullptr;
  std::string lib;
  std::unique_ptr<exec::Library> library;
  std::unique_ptr<exec::FfiFrames> frames;
  program::ApiPlan plan;
  std::unique_ptr<exec::Executor> executor;
  std::vector<std::string> not_exported;  // header functions the library does not export

  RunSession() = default;
  RunSession(const RunSession&) = delete;
  RunSession& operator=(const RunSession&) = delete;
  virtual ~RunSession() = default;

  // dlopens `lib`, adds to `unavailable` (functions not to call, with the reason) those the
  // library does not export and those libffi cannot call, builds the plan and the executor.
  // Throws InputError for bad input, including "nothing left to call".
  void prepare(const model::ApiModel& api, const model::Contracts& contracts, const std::string& lib,
            std::map<std::string, std::string> unavailable, const SessionOptions& options);

  // What the harness will drive and what it skips, one line each, for the start of a run.
  std::string describe_plan() const;

  // "ffifuzz: arena BEGIN-END": a worker prints it at its start, so that a fault address in
  // its report can be told to be a guard-page hit (report/classify reads it back).
  std::string arena_line() const;
};

}  // namespace ffifuzz::driver
