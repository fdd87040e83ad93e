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
// `own_group`: the child leads a new process group, which its own children (libFuzzer's
// -fork jobs) join: a stop signal reaches all of them (interrupt.h), and what is left of the
// group is killed when the child has exited, so no job outlives the run.
// While it runs, the child is the one interrupt.h forwards SIGTERM/SIGINT to.
ChildExit run_streaming(const std::vector<std::string>& argv, const std::function<void(const std::string&)>& on_line,
                        const std::string& cwd = "", bool own_group = false);

// Path of the running executable (/proc/self/exe), for re-running ourselves.
std::string self_executable();

}  // namespace ffifuzz::cli
