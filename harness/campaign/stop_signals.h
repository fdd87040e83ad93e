// campaign/stop_signals: a stop request (SIGTERM from a CI runner's timeout, SIGINT from
// Ctrl-C, to the supervisor alone or to its whole process group) during a campaign.
// Job: record that a stop was asked for and pass SIGTERM on at once to the process group
// of the worker that is running (libFuzzer's -fork jobs included). The campaign checks
// stop_requested() between its steps, keeps what it has (corpus, findings), says so in one
// line and exits with stop_exit_code(). Commands that do not install the handlers keep the
// signals' default action.
// May depend on: nothing.
#pragma once

#include <sys/types.h>

namespace ffifuzz::campaign {

void install_stop_handlers();
bool stop_requested();
int stop_signal();  // the signal that asked, 0 when none
// The exit code of a stopped run: 128 + the signal (130 for SIGINT, 143 for SIGTERM), as a
// shell reports a process a signal ended, so scripts and CI runners read it the same way.
int stop_exit_code();
// "SIGINT", "SIGTERM"
const char* stop_signal_name();

// The process groups a stop is forwarded to: every worker running (a campaign may replay an
// input while its fuzz worker runs). Kept by run_worker (worker_process.h).
void add_worker_group(pid_t group);
void remove_worker_group(pid_t group);

}  // namespace ffifuzz::campaign
