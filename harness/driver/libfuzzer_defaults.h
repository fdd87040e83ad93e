// driver/libfuzzer_defaults: the libFuzzer flags ffifuzz runs with unless told otherwise, in
// one place for `ffifuzz fuzz`, every replay, and an exported target (which also writes
// them to its .options file for OSS-Fuzz and ClusterFuzzLite).
#pragma once

#include <string>
#include <vector>

namespace ffifuzz::driver {

// The limits, the same for fuzzing and for every replay (the same input must die the same
// way): -timeout (a program is a few calls: 10 s is a hang), -malloc_limit_mb (one
// allocation over 2 GiB is out-of-memory), -rss_limit_mb.
inline std::vector<std::string> libfuzzer_limit_flags(int timeout_seconds = 10) {
  return {"-timeout=" + std::to_string(timeout_seconds), "-malloc_limit_mb=2048", "-rss_limit_mb=2560"};
}

// What suits call programs when fuzzing: comparison operands guide argument values, and
// programs with large buffers need room.
inline std::vector<std::string> libfuzzer_search_flags() { return {"-use_value_profile=1", "-max_len=16384"}; }

}  // namespace ffifuzz::driver
