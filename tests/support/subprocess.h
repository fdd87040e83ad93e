// Runs a program and captures its exit status and output, for end-to-end tests.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace ffifuzz::test {

struct ProcessResult {
  int exit_code = -1;    // the exit code, or -1 when killed by a signal
  int term_signal = 0;   // the signal that ended it, or 0
  std::string out;       // stdout
  std::string err;       // stderr
  bool timed_out = false;  // killed (SIGKILL) by run_process's timeout
  double seconds = 0;      // from start to end
};

// Runs argv[0] with argv, extra environment variables set on top of ours, and waits.
// stdin is /dev/null. With timeout_seconds > 0, a process still running after that long is
// killed with SIGKILL (only that process, not its children) and reported as timed_out.
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& env = {},
                          const std::string& cwd = "", double timeout_seconds = 0);

}  // namespace ffifuzz::test
