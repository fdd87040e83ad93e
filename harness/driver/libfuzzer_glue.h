// driver/libfuzzer_glue: ffifuzz inside libFuzzer.
// Job: run each input as a program of one RunSession, provide the structure-aware mutator
// and crossover (LLVMFuzzerCustomMutator, LLVMFuzzerCustomCrossOver), and feed libFuzzer an
// API-level signal (which function returned which class of result after which) through
// its extra counters when the library carries no coverage of its own.
// Two entries, one behaviour: the `ffifuzz fuzz` worker enters libFuzzer through
// LLVMFuzzerRunDriver (run_fuzz_worker); an exported fuzz target has libFuzzer's main and
// calls install_fuzz_callbacks and run_input from LLVMFuzzerInitialize/TestOneInput.
// May depend on: model, program, exec; libFuzzer's symbols are resolved by the executable.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "driver/run_session.h"

namespace ffifuzz::driver {

struct WorkerOptions {
  bool api_signal = false;  // the library has no SanitizerCoverage: feed the API-level signal
  std::vector<uint64_t> constants;  // values the library compares against (binary/constants.h)
  // Comparison hints (program/hints.h): record the library's comparisons call by call and let
  // the mutator put their operands into the slots they were compared with. Takes effect only
  // for a library built with trace-cmp (driver/compare_log.h).
  bool compare_hints = true;
  // libFuzzer's -max_len: how long generated and mutated buffers may grow (an input that long
  // can hold one), at most program::kMaxBytes; 0: program::kDefaultBufferBytes.
  size_t max_len = 0;
  std::string stats_dir;  // count calls per function into this folder (call_stats.h); empty: no
  std::string inflight_dir;  // record the running input there (inflight.h); empty: no
  // Functions whose calls are skipped, and functions whose returns go unchecked, for the rest
  // of the run (a campaign's set-aside list): names of plan functions; others are ignored.
  std::vector<std::string> set_aside;
  std::vector<std::string> unchecked;
};

// The value of the last -max_len=N in argv, or 0 without one.
size_t max_len_flag(int argc, char** argv);

// Makes `session` the one the callbacks run (it must outlive the process's fuzzing).
void install_fuzz_callbacks(RunSession& session, WorkerOptions options);

// One input: decodes it (binary or text form) and runs it. libFuzzer's TestOneInput.
int run_input(const uint8_t* data, size_t size);

// Installs the callbacks and runs libFuzzer over argv (its flags and corpus folders; ffifuzz's own --options are in
// argv too, and libFuzzer ignores them, so that -fork/-jobs children re-run the same
// command). Returns libFuzzer's exit code.
int run_fuzz_worker(RunSession& session, WorkerOptions options, int argc, char** argv);

}  // namespace ffifuzz::driver
