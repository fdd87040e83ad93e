// cli/process: run a child process and stream its stderr line by line.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace ffifuzz::cli {

struct ChildExit {
  int exit_code = -1;   // -1 when killed by a signal
  int term_signal = 0;
};

// Runs argv; every line the child writes to stdout or stderr is passed to on_line (without
// the newline) as it arrives. stdin is /dev/null.
// `cwd`: the child's working directory (empty: ours).
ChildExit run_streaming(const std::vector<std::string>& argv, const std::function<void(const std::string&)>& on_line,
                        const std::string& cwd = "");

// Path of the running executable (/proc/self/exe), for re-running ourselves.
std::string self_executable();

}  // namespace ffifuzz::cli
