// cli/interrupt: a stop request (SIGTERM from a CI runner's timeout, SIGINT from Ctrl-C)
// during a long command.
// Job: record that a stop was asked for, and pass the signal on at once to the child that
// is running (the whole process group of a fuzz worker, libFuzzer's -fork jobs included).
// The command then checks stop_requested() between its steps and ends cleanly: ffifuzz ci
// keeps its corpus and the inputs found so far (docs/ci.md). Without install_stop_handlers()
// the signals keep their default action, as for every other command.
// May depend on: nothing.
#pragma once

#include <sys/types.h>

namespace ffifuzz::cli {

void install_stop_handlers();
bool stop_requested();
int stop_signal();  // the signal that asked, 0 when none

// The child a stop signal is forwarded to (0: none); `group`: to its process group.
// Set by run_streaming (process.h).
void set_current_child(pid_t pid, bool group);

}  // namespace ffifuzz::cli
