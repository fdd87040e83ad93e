// campaign/passes: the libFuzzer passes a campaign runs, each in a supervised worker process
// (worker_process.h) whose output also goes to a bounded log file.
// Job: build each pass's command line and say how it ended —
//   corpus pass     every input under some folders once (-runs=0); stops at the first finding
//   fuzz pass       fuzzing: one process, or -fork=N going on after findings; new inputs into
//                   the first corpus folder, every finding an artifact; its status lines are
//                   the coverage-over-time samples and the progress line
//   merge pass      -set_cover_merge=1 into a fresh folder
//   coverage pass   -runs=0 -print_coverage=1 over a corpus: edges per function
// Every worker is contained to the folders the pass writes, records the input it is running,
// and reads the run's set-aside list (workspace.h); `fuzz` and `ci` build their passes here,
// so the two commands cannot drift apart.
// May depend on: worker_process, worker_args, workspace, libfuzzer_output, progress.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "campaign/libfuzzer_output.h"
#include "campaign/worker_args.h"
#include "campaign/worker_process.h"
#include "campaign/workspace.h"
#include "report/ci_result.h"

namespace ffifuzz::campaign {

class ProgressPrinter;

struct WorkerTarget {
  TargetOptions options;  // absolute paths (workers run in other folders)
  WorkerFlags flags;      // api_signal, heap_buffers, the --function focus
  const Workspace* workspace = nullptr;
};

struct PassResult {
  WorkerEnd end;
  LibFuzzerRun run;
};

// Each input under `dirs` once. `artifacts`: where a finding's input goes.
PassResult run_corpus_pass(const WorkerTarget& t, const std::vector<std::filesystem::path>& dirs,
                           const std::filesystem::path& artifacts, const std::filesystem::path& log,
                           std::optional<Clock::time_point> deadline);

struct FuzzSettings {
  int fork_jobs = 0;       // 0: one process that stops at its first finding; N: -fork=N, going on
  long seconds = -1;       // -max_total_time; -1: none
  long runs = -1;          // -runs; -1: none
  long seed = -1;          // -1: libFuzzer picks
  std::filesystem::path incoming;  // new inputs go here (the first folder libFuzzer is given)
  std::vector<std::filesystem::path> read_only;  // the corpus and seed corpora
  std::filesystem::path artifacts;
  std::filesystem::path stats_dir;  // count calls per function (empty: no)
  std::filesystem::path cwd;        // the worker's working directory (-fork, -jobs leave files there)
  std::vector<std::string> extra_flags;  // after ffifuzz's, so they win (the user's, after --)
  std::optional<Clock::time_point> deadline;  // the watchdog
  bool echo = true;  // the worker's output through the progress printer
  ProgressPrinter* progress = nullptr;  // the run's printer (progress.h); null: one for this pass
};

struct FuzzPass {
  PassResult pass;
  std::vector<report::CoverageSample> samples;
  double seconds = 0;
  // The one process (no -fork) said "INFO: libFuzzer disabled leak detection": after 1,000 inputs
  // that made more allocations than frees with no leak found (a library's caches, the harness's
  // own warm-up), libFuzzer stops looking for leaks for the rest of the process, and a leak
  // the harness or the library makes later grows the heap until the out-of-memory check calls
  // it memory the library keeps. The pass ends then; a new process checks again.
  bool leak_checks_stopped = false;
};

// `on_tick`: called about once a second while it runs (the campaign classifies saved inputs;
// true ends the pass early; so does leak_checks_stopped).
FuzzPass run_fuzz_pass(const WorkerTarget& t, const FuzzSettings& s, const std::filesystem::path& log,
                       const TickAction& on_tick = nullptr);

// -set_cover_merge=1 of `inputs` into `into`.
PassResult run_merge_pass(const WorkerTarget& t, const std::filesystem::path& into,
                          const std::vector<std::filesystem::path>& inputs, const std::filesystem::path& control,
                          const std::filesystem::path& log, std::optional<Clock::time_point> deadline);

// `scratch`: where an input that fails here is saved (the regress phase reports those).
std::map<std::string, FunctionCoverage> run_coverage_pass(const WorkerTarget& t, const std::filesystem::path& corpus,
                                                          const std::filesystem::path& scratch,
                                                          const std::filesystem::path& log,
                                                          std::optional<Clock::time_point> deadline);

}  // namespace ffifuzz::campaign
