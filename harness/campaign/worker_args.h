// campaign/worker_args: the command line of a worker process.
// A campaign runs libFuzzer in worker processes that it watches (the process that dies on a
// finding cannot be trusted to report it). A worker is this same binary; its argv carries
// ffifuzz's options as single "--key=value" tokens, which libFuzzer ignores, followed by
// libFuzzer's own flags and folders: libFuzzer's -fork and -jobs children re-run exactly this
// argv and so become workers too, with the same containment, records and set-aside list.
// A probe worker (kProbeMarker) only loads the library (load_probe.h).
// May depend on: target.
#pragma once

#include <string>
#include <vector>

#include "campaign/target.h"

namespace ffifuzz::campaign {

inline constexpr const char* kWorkerMarker = "--ffifuzz-worker=fuzz";
inline constexpr const char* kProbeMarker = "--ffifuzz-worker=probe";

struct WorkerFlags {
  bool api_signal = false;    // the library has no SanitizerCoverage: feed the API-level signal
  bool heap_buffers = false;  // the library has ASan: buffers in the ASan heap
  bool trace = false;         // print each call (replays)
  std::vector<std::string> only_functions;  // --function focus
  std::string stats_dir;        // count calls per function into this folder (driver/call_stats.h)
  std::string inflight_dir;     // record the running input here (driver/inflight.h)
  std::string set_aside_file;   // functions and checks set aside for this run (set_aside.h)
  std::string scratch_dir;      // path parameters point inside it (a folder per process)
  std::vector<std::string> writable;  // containment: the only folders it may write; empty: none asked
  // The session the supervisor opened, as a payload file (session_file.h): the worker plans
  // from it instead of parsing the header and reading the ELF/DWARF again. Empty: it does.
  std::string session_file;
};

// ffifuzz's part of a worker argv (after argv[0] and the marker).
std::vector<std::string> worker_option_args(const TargetOptions& target, const WorkerFlags& flags);

// Reads ffifuzz's "--key=value" tokens back; everything else is libFuzzer's.
void parse_worker_args(int argc, char** argv, TargetOptions& target, WorkerFlags& flags);

// "fuzz", "probe", or "" when argv is not a worker's.
std::string worker_kind(int argc, char** argv);

// libFuzzer's limits, the same for fuzzing and for every replay (the same input must die the
// same way): -timeout, -malloc_limit_mb (one allocation over 2 GiB is out-of-memory), -rss_limit_mb.
std::vector<std::string> worker_limit_flags(int timeout_seconds = 10);

// The libFuzzer flags of a fuzzing run (fuzz, ci): the limits, value profile, final stats,
// -max_len, and where crash inputs go. Any can be overridden by a later flag.
std::vector<std::string> fuzzing_libfuzzer_flags(const std::string& artifact_prefix);

}  // namespace ffifuzz::campaign
