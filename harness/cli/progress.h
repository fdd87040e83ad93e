// cli/progress: what a long fuzz run shows while it runs.
// On a terminal, libFuzzer's status lines ("#4096 NEW cov: 10 ft: 80 corp: 18/1600b
// exec/s: 40000 ...") become one line rewritten in place: elapsed time, executions,
// execs/s, coverage, corpus and findings. Everything else (and everything, when stderr is
// not a terminal: CI logs) passes through as plain lines.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

namespace ffifuzz::cli {

class ProgressPrinter {
 public:
  explicit ProgressPrinter(FILE* out);
  // One line of the worker's output.
  void line(const std::string& text);
  // Ends the in-place line, if one is showing.
  void finish();
  void count_finding() { ++findings_; }

 private:
  FILE* out_;
  bool terminal_;
  bool showing_ = false;
  unsigned findings_ = 0;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace ffifuzz::cli
