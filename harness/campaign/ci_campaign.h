// campaign/ci_campaign: `ffifuzz ci`, the nightly job, the engine part (docs/ci.md).
// Phases, in order: check (header against binary), regress (earlier findings, inputs an
// earlier run could not classify, every corpus input, replayed), fuzz (libFuzzer -fork on all
// cores, going on after findings; every saved input classified as it appears, and a finding
// that comes back set aside so a shallow bug cannot starve the run), merge (the corpus and what
// fuzzing found, -set_cover_merge, swapped in whole; then the coverage per function), minimize
// (the new findings). Findings in the baseline are listed, not failed on. Every finding is
// triaged (triage.h); a contract gap teaches a rule (learning.h, OUT/learned.toml, kept between
// runs into the same OUT) and the fuzz phase restarts its workers under it; gaps are listed
// apart and never fail the run.
// The time budget is the whole run's: the fuzz phase ends early enough to leave the later
// phases their share, and every phase is bounded by the watchdog, so the run ends within the
// budget plus budget.h's grace. Saved inputs it had no time to classify are kept beside the
// corpus (CORPUS.pending) and classified first by the next run.
// Reports in OUT: summary.md (+ coverage.svg), summary.json, junit.xml, results.sarif,
// baseline.json (this run's findings, to accept them).
// SIGTERM/SIGINT: the running workers stop at once; the reports say what the run had (marked
// interrupted), the corpus is whole, the new inputs are kept for the next run's merge
// (corpus_folders.h), exit 128 + the signal.
// May depend on: everything in campaign.
#pragma once

#include <string>
#include <vector>

#include "campaign/target.h"
#include "report/baseline.h"

namespace ffifuzz::campaign {

struct CiCampaignOptions {
  TargetOptions target;
  long seconds = 0;  // the whole run's budget
  int jobs = 0;      // 0: all cores (the command line leaves it for the config to fill)
  std::string out;
  std::string corpus;
  std::vector<std::string> seed_corpora;
  std::string known_findings;  // finding folders of earlier runs
  report::Baseline baseline;
  std::string write_baseline;
  int minimize_budget = -1;  // replays per new finding; -1: the default, 100
  long seed = -1;
  std::vector<std::string> functions;
  std::vector<std::string> libfuzzer_flags;  // after --
  bool learn = true;  // --no-learn: contract gaps are findings like any other, nothing is learned
  std::string command_line;  // the command as it was run, for the reports
  std::string source_root;   // SARIF locations under it are relative (--source-root; the config's folder)
  std::vector<std::string> first_run_notes;  // what a first run lacks (no baseline yet), said and reported
};

// Returns the exit code (exit_codes.h). Throws InputError for bad input, before any phase.
int run_ci_campaign(const CiCampaignOptions& options);

}  // namespace ffifuzz::campaign
