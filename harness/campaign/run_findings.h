// campaign/run_findings: every finding of one run, once per dedup key.
// Job: what `fuzz`, `ci` and their replays of earlier findings share. A saved input (an
// artifact a worker wrote, an earlier finding's input, a corpus input that now fails) is
// replayed with call tracing, classified and keyed, and kept in its finding folder
// (finding_store.h; another input with the same key is one more hit); the finding is marked
// new or known against the baseline, located for SARIF (the library source line of its first
// library frame, else the header declaration), and offered to the set-aside list. When the
// input alone shows nothing, the worker's own report of it still counts, marked as not
// reproducing alone (memory grown over many executions). An input that cannot be read is
// listed as unclassified, never fatal. Every new runtime finding is triaged (triage.h: bug or
// contract gap, with its evidence); with a learner, a contract gap's rule is learned (learning.h)
// and the campaign restarts its workers under it. Also: static check findings, earlier findings
// that no longer reproduce, and minimizing the new ones.
// May depend on: replay, triage, learning, finding_store, set_aside, minimize_input, report.
#pragma once

#include <filesystem>
#include <optional>
#include <map>
#include <string>
#include <vector>

#include "campaign/learning.h"
#include "campaign/replay.h"
#include "campaign/set_aside.h"
#include "report/baseline.h"
#include "report/finding.h"

namespace ffifuzz::campaign {

class RunFindings {
 public:
  // `set_aside`: where repeated findings are offered (nullptr: none).
  RunFindings(Replayer& replayer, std::filesystem::path out, report::Baseline baseline, SetAside* set_aside = nullptr)
      : replayer_(&replayer), out_(std::move(out)), baseline_(std::move(baseline)), set_aside_(set_aside) {}

  // Contract gaps become learned rules from now on (nullptr: they are only triaged).
  void set_learner(Learner* learner) { learner_ = learner; }
  // The replayer of the target the workers now run (after a restart under learned rules):
  // inputs they save are read and replayed as they ran them.
  void set_replayer(Replayer& replayer) { replayer_ = &replayer; }

  struct Added {
    const report::Finding* finding = nullptr;  // nullptr: the input ran clean (or was unreadable)
    bool new_key = false;                      // the first input of its key in this run
    std::string set_aside;                     // what the finding made the run set aside, if anything
    bool out_of_time = false;                  // the campaign's deadline cut the replay short
    bool learned = false;                      // a rule was learned from it: restart the workers
  };
  // Replays `input` and records what it shows under `source` (report::kFrom*). `worker_log`:
  // what the worker that saved it printed, when the campaign has it.
  Added add_saved_input(const std::filesystem::path& input, const std::string& source,
                        const std::string& worker_log = "");
  // An earlier finding (its finding.json) whose input now runs clean.
  void add_fixed(const report::FindingSummary& summary, const std::filesystem::path& folder);
  void add_check(const report::Finding& finding);
  // Minimizes the new runtime findings, `budget` replays each (0: none), none started after
  // `deadline`: input.min and input.min.txt beside each folder's input, and the folder's
  // repro.c written again from the minimized program. Returns how many.
  int minimize_new(int budget, std::optional<Clock::time_point> deadline = std::nullopt);

  const std::vector<report::Finding>& all() const { return findings_; }
  long count_new() const;
  // New findings that are the library's fault (not contract gaps).
  long count_new_bugs() const;
  // Saved inputs that could not be classified, one line each (path: why).
  const std::vector<std::string>& unclassified() const { return unclassified_; }
  Replayer& replayer() { return *replayer_; }

 private:
  report::Finding* find(const std::string& key);
  // Triage of a new finding (its verdict and evidence), and with a learner the rule it teaches.
  // True when a rule was learned.
  // `site`: what replays of it share (ReplayOutcome::site), to tell it from another finding.
  bool judge(report::Finding& f, const report::Classification& c, const std::string& log,
             const program::Program& program, const std::string& site);
  // The call triage blames for this occurrence of a finding (what a rule would be learned on),
  // or the call the harness made when it showed.
  std::string occurrence_culprit(const report::Finding& f, const report::Classification& c, const std::string& log,
                                 const program::Program& program);
  model::SourceLoc declaration_of(const std::string& function) const;

  Replayer* replayer_;
  Learner* learner_ = nullptr;
  std::filesystem::path out_;
  report::Baseline baseline_;
  SetAside* set_aside_;
  std::vector<report::Finding> findings_;
  std::vector<std::filesystem::path> inputs_;  // per finding: its folder's input (empty for check)
  std::vector<std::string> unclassified_;
  std::map<std::string, int> judged_;  // "key called": how often that occurrence was triaged
  std::map<std::string, std::string> culprits_;  // key -> the function whose calls cause it (Triage::culprit)
};

}  // namespace ffifuzz::campaign
