// campaign/progress: what a long run shows while it runs.
// On a terminal, libFuzzer's status lines ("#4096 NEW cov: 10 ft: 80 corp: 18/1600b
// exec/s: 40000 ...") become one line rewritten in place: elapsed time, executions, execs/s,
// coverage, corpus and findings. Elsewhere (CI logs) a status line passes at most every few
// seconds. Every other line passes through, within a budget of bytes per second: a library that
// prints megabytes per call is cut to a note of how much was left out (the worker's log file
// keeps its head and tail, worker_process.h) and never slows the run.
// May depend on: libfuzzer_output.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>

namespace ffifuzz::campaign {

class ProgressPrinter {
 public:
  explicit ProgressPrinter(FILE* out);
  // One line of the worker's output.
  void line(std::string_view text);
  // Ends the in-place line, if one is showing, and says what was left out.
  void finish();
  void count_finding() { ++findings_; }

 private:
  void say_dropped();

  FILE* out_;
  bool terminal_;
  bool showing_ = false;
  unsigned findings_ = 0;
  std::chrono::steady_clock::time_point start_, window_start_, last_status_;
  size_t window_bytes_ = 0;
  uint64_t dropped_lines_ = 0, dropped_bytes_ = 0;
};

}  // namespace ffifuzz::campaign
