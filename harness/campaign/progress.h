// campaign/progress: what a run shows while it runs (docs/fuzz.md, "Progress").
// libFuzzer's raw output (its status lines, INFO lines, the recommended dictionary, the
// sanitizers' reports) and whatever the library prints go to the run's log (OUT/fuzz.log),
// not to the user: they see ffifuzz's own lines and one progress line of ffifuzz's own:
//   [00:01:23] 1234567 execs  13700/s  edges 10 of 67  corpus 18  findings 0  learned 2
// On a terminal it is rewritten in place, cut to the terminal's width so that it stays one
// line; elsewhere (CI logs) it is a line of its own every 30 s, plus the first and the last.
// "edges" are the library's: the counters of the instrumented modules libFuzzer loaded, not
// ffifuzz's own API-level counters. One printer lasts the whole run, across restarts, so
// elapsed time and executions count from the run's start.
// May depend on: libfuzzer_output.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace ffifuzz::campaign {

class ProgressPrinter {
 public:
  explicit ProgressPrinter(FILE* out);
  ProgressPrinter(FILE* out, bool terminal);  // for tests: either form on any stream

  // A worker (re)starts: its executions add to those of the passes before it.
  void begin_pass(uint64_t executions_before);
  // One line of the worker's output.
  void line(std::string_view text);
  // About once a second: on a terminal the line is redrawn (elapsed time; `live_executions`,
  // the workers' own count of programs run this pass, between libFuzzer's status lines,
  // which come ever more rarely as a run goes on).
  void tick(uint64_t live_executions);
  // Before the campaign prints a line of its own: the in-place line makes room for it.
  void clear();
  // Ends the in-place line, if one is showing.
  void finish();

  void set_findings(size_t n) { findings_ = n; }
  void set_learned(size_t n) { learned_ = n; }

 private:
  void show_status();

  FILE* out_;
  bool terminal_;
  bool showing_ = false;
  size_t findings_ = 0, learned_ = 0;
  uint64_t executions_before_ = 0;
  uint64_t executions_ = 0, per_second_ = 0, edges_ = 0, corpus_ = 0;  // this pass's, last known
  bool have_status_ = false;
  uint64_t library_counters_ = 0;  // "INFO: Loaded N modules (M inline 8-bit counters)", summed
  std::chrono::steady_clock::time_point start_, last_status_;
  std::string last_line_;  // the last progress line, shown again at finish() off a terminal
};

}  // namespace ffifuzz::campaign
