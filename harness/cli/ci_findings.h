// cli/ci_findings: every finding of one `ffifuzz ci` run, once per dedup key.
// Job: replay an input that failed (a fuzzing artifact, an earlier finding's input, a corpus
// input) with call tracing, classify and key it, write its finding folder under OUT/findings
// (cli/finding_writer; another input with the same key is one more hit), mark it new or known
// against the baseline, and say where SARIF should point (the library source line of the
// first library frame, else the header declaration). Also: static check findings, earlier
// findings that no longer reproduce, and minimizing the new ones.
// May depend on: anything in cli.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "cli/replay.h"
#include "report/baseline.h"
#include "report/ci_result.h"
#include "report/finding.h"

namespace ffifuzz::cli {

class CiFindings {
 public:
  CiFindings(Replayer& replayer, std::filesystem::path out, report::Baseline baseline)
      : replayer_(replayer), out_(std::move(out)), baseline_(std::move(baseline)) {}

  // Replays `input`; when it shows a finding, records it under `source` (report::kFrom*).
  // Returns the key, or "" when the input ran clean. Throws InputError for a non-input.
  std::string add_input(const std::filesystem::path& input, const std::string& source);
  // An earlier finding (its finding.json) whose input now runs clean.
  void add_fixed(const report::FindingSummary& summary, const std::filesystem::path& folder);
  void add_check(const report::Finding& finding);
  // Minimizes the new runtime findings, `budget` replays each (0: none). Returns how many.
  int minimize_new(int budget);

  const std::vector<report::CiFinding>& all() const { return findings_; }
  long count_new() const;

 private:
  report::CiFinding* find(const std::string& key);
  model::SourceLoc declaration_of(const std::string& function) const;

  Replayer& replayer_;
  std::filesystem::path out_;
  report::Baseline baseline_;
  std::vector<report::CiFinding> findings_;
  std::map<std::string, std::filesystem::path> inputs_;  // key -> its folder's input
};

}  // namespace ffifuzz::cli
