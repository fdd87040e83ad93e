// campaign/libfuzzer_output: what a libFuzzer worker says about its run, read line by line.
// Job: turn its lines into facts — the status lines, in both forms
//   "#4096  NEW    cov: 10 ft: 80 corp: 18/1600b lim: 4 exec/s: 40000 rss: 30Mb"   (one process)
//   "#52113: cov: 45 ft: 67 corp: 20 exec/s 1700 oom/timeout/crash: 0/0/3 time: 31s job: 9"   (-fork)
// the inputs it saved ("Test unit written to DIR/crash-<sha1>") and of what kind, the final
// statistics ("stat::number_of_executed_units: N"), and the lines that only a run that ended
// the way it was asked to prints: "Done N runs in S second(s)" (fuzzing, a corpus pass),
// "INFO: exiting: 0" (-fork), "MERGE-OUTER:" (a merge), "Executed FILE" (a replay).
// A run is clean only when its end was seen (worker_end.h): a library that ends the process
// quietly (_exit, its own signal handler) leaves no such line. Also: the -print_coverage table.
// Cheap on every line: lines are told apart by their first bytes, not by regular expressions.
// May depend on: nothing.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ffifuzz::campaign {

struct StatusLine {
  uint64_t executions = 0;
  uint64_t coverage = 0;
  uint64_t features = 0;
  uint64_t corpus = 0;
  uint64_t execs_per_second = 0;
};

std::optional<StatusLine> parse_status_line(std::string_view line);

// A saved input: "crash", "leak", "timeout", "oom", "slow-unit", ... (its file name's prefix).
struct SavedInput {
  std::string path;
  std::string kind;
};
// The kind of a saved input from its file name ("crash-5f3a..." -> "crash").
std::string saved_input_kind(const std::string& path);

// Everything one worker said, accumulated line by line.
struct LibFuzzerRun {
  std::vector<SavedInput> saved;             // in the order they were written
  std::optional<uint64_t> executed_units;    // the final statistics
  std::optional<uint64_t> done_runs;         // "Done N runs in S second(s)"
  std::optional<int> fork_exit;              // -fork: "INFO: exiting: C time: Ns"
  bool merge_done = false;                   // "MERGE-OUTER: ..."
  std::vector<std::string> executed_inputs;  // replays: "Executed FILE in N ms"
  bool interrupted = false;                  // "libFuzzer: run interrupted"
  std::optional<StatusLine> last_status;
  uint64_t peak_executions = 0;              // the largest "#N" seen

  void read(std::string_view line);
  // Executions as best known: the final statistics, else the last status line.
  uint64_t executions() const;
  // libFuzzer's own end of a fuzzing run or a corpus pass was seen ("Done N runs", -fork's
  // "INFO: exiting: 0", a merge's "MERGE-OUTER:"): the run ended the way it was asked to.
  bool finished() const { return done_runs.has_value() || (fork_exit && *fork_exit == 0) || merge_done; }
};

struct FunctionCoverage {
  long covered = 0;
  long total = 0;
};

// Function name -> edges of its body covered / in total, from a log with -print_coverage=1.
std::map<std::string, FunctionCoverage> parse_print_coverage(const std::string& log);

}  // namespace ffifuzz::campaign
