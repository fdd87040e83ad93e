// cli/libfuzzer_glue: the fuzz worker — ffifuzz inside libFuzzer.
// Job: enter libFuzzer through LLVMFuzzerRunDriver with one FuzzSession, run each input as a
// program, provide the structure-aware mutator and crossover, and feed libFuzzer an
// API-level signal (which function returned which class of result after which) through
// its extra counters when the library carries no coverage of its own.
#pragma once

#include <cstdint>
#include <vector>

#include "cli/fuzz_session.h"

namespace ffifuzz::cli {

struct WorkerOptions {
  bool api_signal = false;  // the library has no SanitizerCoverage: feed the API-level signal
  std::vector<uint64_t> constants;  // values the library compares against (binary/constants.h)
  std::string stats_dir;  // count calls per function into this folder (call_stats.h); empty: no
};

// Runs libFuzzer over argv (its flags and corpus folders; ffifuzz's own --options are in
// argv too, and libFuzzer ignores them, so that -fork/-jobs children re-run the same
// command). Returns libFuzzer's exit code.
int run_fuzz_worker(FuzzSession& session, WorkerOptions options, int argc, char** argv);

}  // namespace ffifuzz::cli
