// campaign/exit_codes: what every ffifuzz command's exit status means (docs/ARCHITECTURE.md).
// 0 nothing found, 1 findings, 2 usage or input error, 3 internal error; a run a stop signal
// ended exits 128 + the signal (stop_signals.h): 130 for SIGINT, 143 for SIGTERM.
#pragma once

namespace ffifuzz::campaign {

enum ExitCode : int { kExitClean = 0, kExitFindings = 1, kExitUsage = 2, kExitInternal = 3 };

}  // namespace ffifuzz::campaign
