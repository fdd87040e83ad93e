// campaign/saved_inputs: what a run's workers saved, noticed as it appears.
// Job: the inputs a campaign must classify, each once, in a useful order —
//  - libFuzzer's artifacts in the artifacts folder (crash-, leak-, timeout-, oom-), but never
//    a slow unit (slow-unit-: a slow input is not a finding);
//  - the input that was running in a worker process that ended without a report
//    (driver/inflight.h), written into the artifacts folder as vanished-<hash>, unless the same
//    bytes were saved already (libFuzzer saw that death);
// rare kinds first (leaks, timeouts, out-of-memory, vanished), then crashes, oldest first.
// May depend on: driver (inflight records), libfuzzer_output.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace ffifuzz::campaign {

class SavedInputs {
 public:
  // What the artifacts folder holds already is an earlier run's: not this run's to classify.
  SavedInputs(std::filesystem::path artifacts, std::filesystem::path inflight);
  // The inputs saved since the last call. `settled`: only those written at least half a second
  // ago (while workers run: a file being written, or whose worker has yet to die and leave
  // its own report, waits for the next call); false once the workers have ended.
  std::vector<std::filesystem::path> take_new(bool settled = false);
  // The workers the campaign itself ended (a pass ended early: a rule learned, leak checks
  // stopped) were stopped mid-input, most likely: the input each was running is no finding.
  // Their records are dropped; what libFuzzer saved before the stop is still taken.
  void drop_inflight();
  // What the worker that saved `input` said about it itself (driver/inflight.h), or "".
  std::string report_of(const std::filesystem::path& input) const;
  // Inputs seen so far (all calls).
  size_t seen() const { return seen_.size(); }

 private:
  void collect_vanished();

  std::filesystem::path artifacts_, inflight_;
  // Inputs seen, with the time they were written: libFuzzer names an input by its hash, so the
  // same input saved again (a restarted worker meeting a known finding) rewrites the same file.
  std::map<std::filesystem::path, std::filesystem::file_time_type> seen_;
  std::map<std::filesystem::path, std::filesystem::file_time_type> earlier_;  // there before this run
  std::map<std::filesystem::path, std::string> reports_;
};

}  // namespace ffifuzz::campaign
