// campaign/learning: a contract gap becomes a rule, checked, written down, and used.
// Job: for a finding triage calls a contract gap (triage.h), try its candidate rules in order:
// each is added to what the run has learned so far, the target is opened with them (a rule
// the header or a contract file contradicts, or one that leaves the function uncallable, is
// refused), and the finding's program is replayed under them; the first rule under which the
// program no longer shows the finding (or can no longer be written) is kept. Kept rules live
// in OUT/learned.toml, in the contract file's syntax, each with the finding's key and the
// report's line as a comment; it starts with contract/toml_contract.h's kLearnedHeader, so its
// decisions have the source `learned` wherever it is read (inspect --contract OUT/learned.toml).
// The campaign then goes on fuzzing with the file as a contract source (target `learned`).
// May depend on: triage, replay, workspace, report.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "campaign/replay.h"
#include "campaign/triage.h"
#include "campaign/workspace.h"
#include "report/finding.h"

namespace ffifuzz::campaign {

class Learner {
 public:
  // `file`: OUT/learned.toml (what is in it already is kept: a run resumes what it learned).
  // `target`: the run's target; its `learned` is set to `file`.
  Learner(std::filesystem::path file, ReplayTarget target, const Workspace& workspace);

  // The first candidate of `triage` that stops the finding, kept; nullopt when none does.
  // `program_text`: the finding's program in text form; `site`: its key as replays compare it.
  std::optional<RuleCandidate> learn(const Triage& triage, const std::string& program_text, const std::string& site,
                                     const report::Finding& finding);

  // Every rule kept this run, one line each ("yaml_emitter_close releases nothing ...: [functions...] ..."),
  // for the end of the run and ci's reports.
  const std::vector<std::string>& learned() const { return said_; }
  const std::filesystem::path& file() const { return file_; }
  // A copy of the rules learned so far that no later rule changes: what workers, the replayer
  // and each finding folder read, so that every input is read under the rules it was made
  // under. "" while nothing is learned.
  std::string snapshot();
  // How many candidates the last learn() replayed (the others were refused before a replay:
  // they did not fit the header, contradicted a stronger source, or left the function
  // uncallable). A finding that stayed under none tried is not shown to be the library's.
  int tried() const { return tried_; }
  // Trials replay as the run's workers run: skipping what the run set aside.
  void set_aside_file(std::string path) { set_aside_file_ = std::move(path); }
  // Rules were learned since the last snapshot.
  bool changed() const { return changed_; }
  // No trial starts past this moment, and none runs past it (the campaign phase's end: ci's
  // budget, docs/ci.md); none: unbounded.
  void set_deadline(std::optional<Clock::time_point> deadline) { deadline_ = deadline; }
  // The last learn() stopped at the deadline before its candidates were all tried.
  bool out_of_time() const { return out_of_time_; }

 private:
  struct Kept {
    ContractEntry entry;
    std::string why;  // the comment above it
  };
  enum class Trial { Stops, Stays, Refused };
  Trial stops(const RuleCandidate& candidate, const std::string& program_text, const std::string& site,
             const std::string& finding_class, std::string function);
  std::vector<Kept> with(const RuleCandidate& candidate, const std::string& why) const;
  static std::string render(const std::vector<Kept>& rules);
  void load();

  std::filesystem::path file_;
  ReplayTarget target_;
  const Workspace& workspace_;
  std::vector<Kept> kept_;
  std::vector<std::string> said_;
  std::string set_aside_file_;
  bool changed_ = false;
  int snapshots_ = 0;
  int tried_ = 0;
  std::optional<Clock::time_point> deadline_;
  bool out_of_time_ = false;
};

// A rule's entries as contract-file lines ("[functions.f] once = true; ...").
std::string describe_entries(const std::vector<ContractEntry>& entries);

}  // namespace ffifuzz::campaign
