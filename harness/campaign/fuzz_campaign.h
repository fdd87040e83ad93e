// campaign/fuzz_campaign: `ffifuzz fuzz`, the engine part.
// Job: say what will be driven, then fuzz in a supervised worker (passes.h) and judge how it
// ended. A run is clean only when it provably ran: libFuzzer's own end of the run was seen
// ("Done N runs", or -fork's "INFO: exiting: 0") with its execution count. Every input a
// worker saved (and the one running in a worker that vanished) is classified into a finding
// folder (run_findings.h); a worker that ended without its end of run and without a saved
// input is an internal error that says so, never "no findings".
// Every finding is triaged (triage.h). By default a contract gap (the harness broke a rule
// nobody stated) is learned from (learning.h: OUT/learned.toml) and the worker restarts under
// the new rules, corpus kept; the run stops at its first bug. Without learning (--no-learn)
// it stops at its first finding of either kind. With keep_going it restarts the worker after
// each finding, until the budget (--runs, --max-time) is spent; a finding that comes back is
// set aside for the rest of the run (set_aside.h), said in the summary. Exit 1 means bugs (or,
// without learning, any finding); contract gaps alone are listed, and exit 0.
// SIGINT/SIGTERM stop it within a second: "interrupted; corpus kept in DIR (N inputs), K
// findings", exit 128 + the signal (stop_signals.h).
// May depend on: everything in campaign.
#pragma once

#include <string>
#include <vector>

#include "campaign/target.h"

namespace ffifuzz::campaign {

struct FuzzCampaignOptions {
  TargetOptions target;
  std::string out = "ffifuzz-out";
  std::string corpus;                     // default: <out>/corpus
  std::vector<std::string> seed_corpora;  // read-only extra inputs
  long runs = -1;
  long max_time = -1;
  long seed = -1;
  std::vector<std::string> only_functions;
  std::vector<std::string> libfuzzer_flags;  // after --
  bool keep_going = false;
  bool learn = true;  // contract gaps become rules in OUT/learned.toml (--no-learn: off)
};

// Returns the exit code (exit_codes.h). Throws InputError for bad input.
int run_fuzz_campaign(const FuzzCampaignOptions& options);

}  // namespace ffifuzz::campaign
