// cli/worker_args: the command line of a fuzz worker process.
// The user-facing `ffifuzz fuzz` runs libFuzzer in a worker process that it watches (the
// process that dies on a finding cannot be trusted to report it). The worker's argv carries
// ffifuzz's options as single "--key=value" tokens, which libFuzzer ignores, followed by
// libFuzzer's own flags and folders: libFuzzer's -fork and -jobs children re-run exactly
// this argv and so become workers too.
#pragma once

#include <string>
#include <vector>

#include "cli/target_options.h"

namespace ffifuzz::cli {

inline constexpr const char* kWorkerMarker = "--ffifuzz-worker=fuzz";

struct WorkerFlags {
  bool api_signal = false;
  bool heap_buffers = false;
  bool trace = false;
  std::vector<std::string> only_functions;
  std::string stats_dir;  // count calls per function into this folder (call_stats.h)
};

// ffifuzz's part of a worker argv (after argv[0] and the marker).
std::vector<std::string> worker_option_args(const TargetOptions& target, const WorkerFlags& flags);

// Reads ffifuzz's "--key=value" tokens back; everything else is libFuzzer's.
void parse_worker_args(int argc, char** argv, TargetOptions& target, WorkerFlags& flags);

bool is_worker_invocation(int argc, char** argv);

// libFuzzer's limits, the same for fuzzing and for every replay (the same input must die the
// same way): -timeout, -malloc_limit_mb (one allocation over 2 GiB is out-of-memory), -rss_limit_mb.
std::vector<std::string> worker_limit_flags(int timeout_seconds = 10);

// The libFuzzer flags of a fuzzing run (fuzz, ci): the limits, value profile, final stats,
// -max_len, and where crash inputs go. Any can be overridden by a later flag.
std::vector<std::string> fuzzing_libfuzzer_flags(const std::string& artifact_prefix);

// The command line that replays one input file in a worker, with call tracing.
std::vector<std::string> replay_worker_argv(const std::string& self, const TargetOptions& target, WorkerFlags flags,
                                            const std::string& input, int timeout_seconds = 10);

// The same options with every path made absolute: workers run in the output folder, and a
// relative path would be looked up there.
TargetOptions with_absolute_paths(TargetOptions options);
std::string absolute_path(const std::string& path);  // empty stays empty

}  // namespace ffifuzz::cli
