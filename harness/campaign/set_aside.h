// campaign/set_aside: once a finding is known, the run stops spending executions on it.
// Job: a shallow bug (one that fires on every call of a function) would otherwise kill every
// worker at once for the rest of the run and starve the others. When a finding's key comes
// back in the same run, what triggers it is set aside for the rest of the run, and said:
//  - a check of the harness's own (a layout mismatch in what a function returns): that
//    function's returns go unchecked, at the first hit (it fires on every call);
//  - a leak: LeakSanitizer is told to suppress leaks allocated under its first library frame;
//  - a timeout or an out-of-memory (each costs seconds and memory): the function's calls are
//    skipped at the first hit; any other finding: at the second;
//  - never a function that releases objects: its calls end every program (the ledger's final
//    releases), skipping them would leak, so it is said and left as it is.
// The supervisor writes the list (Workspace::set_aside(), leak_suppressions()); a worker reads
// it when it starts (libFuzzer's -fork jobs start all along the run), so a new job no longer
// meets what an earlier one died on.
// May depend on: report, program.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "program/plan.h"
#include "report/finding.h"

namespace ffifuzz::campaign {

class SetAside {
 public:
  SetAside(std::filesystem::path list, std::filesystem::path leak_suppressions);

  // A finding of this run and how many saved inputs showed it so far. Returns what was set
  // aside because of it, one line ("mix_shallow: calls skipped (heap-overflow ...)"), or "".
  std::string consider(const report::Finding& finding, const program::ApiPlan& plan);
  // Whether calls of `function` are skipped already.
  bool skips(const std::string& function) const;
  // Every line consider() returned, in order: for the run's summary.
  const std::vector<std::string>& said() const { return said_; }

 private:
  void write() const;

  std::filesystem::path list_, leaks_;
  std::vector<std::string> skip_, unchecked_, suppress_;
  std::vector<std::string> lines_;  // the list file's lines, with their reasons
  std::vector<std::string> said_;
  std::vector<std::string> refused_;  // releasers already said to stay
};

// Worker side: the names in the list (unknown names are the caller's to ignore).
struct SetAsideNames {
  std::vector<std::string> skip;       // calls skipped
  std::vector<std::string> unchecked;  // returns unchecked
};
SetAsideNames read_set_aside(const std::string& list);

// Writes to `into` the list without what it sets aside of `functions`: a finding minimized at
// the end of a run is replayed as it was found, before its own function was set aside (its
// calls skipped, the replay would show nothing), and with what was set aside of the others.
void write_set_aside_without(const std::string& list, const std::vector<std::string>& functions,
                             const std::string& into);

}  // namespace ffifuzz::campaign
