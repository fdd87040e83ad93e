// cli/ci_workers: the libFuzzer passes of `ffifuzz ci`, each in a worker process (the same
// worker as `ffifuzz fuzz`, worker_args.h) whose output goes to a log file.
// Job: build each pass's command line and read back what it says —
//   corpus pass     -runs=0 over a folder: every input once; stops at the first finding
//   fuzz            -fork=N with -ignore_crashes/-ignore_ooms/-ignore_timeouts for the time
//                   budget, new inputs into CORPUS.incoming (ci_corpus.h), every finding an
//                   artifact; status lines become the coverage-over-time samples
//   merge           -set_cover_merge=1 into CORPUS.merging
//   coverage pass   -runs=0 -print_coverage=1 over the merged corpus: edges per function
// Every worker leads its own process group (process.h), so a stop signal reaches libFuzzer's
// fork jobs too.
// May depend on: anything in cli.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "cli/libfuzzer_status.h"
#include "cli/process.h"
#include "cli/worker_args.h"
#include "report/ci_result.h"

namespace ffifuzz::cli {

struct CiWorkerTarget {
  TargetOptions options;  // absolute paths (workers run in other folders)
  WorkerFlags flags;      // api_signal, heap_buffers, the --function focus
};

struct PassResult {
  ChildExit exit;
  std::string log;       // everything the worker printed
  std::string artifact;  // "Test unit written to X", when it saved an input
};

// Each input under `dirs` once. `artifacts`: where a finding's input goes.
PassResult run_corpus_pass(const CiWorkerTarget& t, const std::vector<std::filesystem::path>& dirs,
                           const std::filesystem::path& artifacts, const std::filesystem::path& log);

struct FuzzSettings {
  int jobs = 1;
  long seconds = 60;
  long seed = -1;  // -1: libFuzzer picks
  std::filesystem::path incoming;  // new inputs go here (the first folder libFuzzer is given)
  std::vector<std::filesystem::path> read_only;  // the corpus and seed corpora
  std::filesystem::path artifacts;
  std::filesystem::path stats_dir;
  std::filesystem::path cwd;  // the worker's working directory (-fork leaves files there)
  std::vector<std::string> extra_flags;  // after ffifuzz's, so they win
};

struct FuzzPass {
  PassResult pass;
  std::vector<report::CoverageSample> samples;
  StatusLine last;  // the last status line
  double seconds = 0;
};

// Echoes the worker's output to stderr through the progress printer.
FuzzPass run_fuzz_pass(const CiWorkerTarget& t, const FuzzSettings& s, const std::filesystem::path& log);

// -set_cover_merge=1 of `inputs` into `into`.
PassResult run_merge_pass(const CiWorkerTarget& t, const std::filesystem::path& into,
                          const std::vector<std::filesystem::path>& inputs, const std::filesystem::path& control,
                          const std::filesystem::path& log);

// `scratch`: where an input that fails here is saved (the regress phase reports those).
std::map<std::string, FunctionCoverage> run_coverage_pass(const CiWorkerTarget& t, const std::filesystem::path& corpus,
                                                          const std::filesystem::path& scratch,
                                                          const std::filesystem::path& log);

}  // namespace ffifuzz::cli
