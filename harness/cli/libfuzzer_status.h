// cli/libfuzzer_status: what libFuzzer prints about a run, as numbers.
// Job: read its status lines, in both forms —
//   "#4096  NEW    cov: 10 ft: 80 corp: 18/1600b lim: 4 exec/s: 40000 rss: 30Mb"   (one process)
//   "#52113: cov: 45 ft: 67 corp: 20 exec/s 1700 oom/timeout/crash: 0/0/3 time: 31s job: 9 dft_time: 0"   (-fork)
// and its -print_coverage table ("COVERED_FUNC: hits: 5 edges: 3/10 NAME FILE:LINE").
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace ffifuzz::cli {

struct StatusLine {
  uint64_t executions = 0;
  uint64_t coverage = 0;
  uint64_t features = 0;
  uint64_t corpus = 0;
  uint64_t execs_per_second = 0;
};

std::optional<StatusLine> parse_status_line(const std::string& line);

struct FunctionCoverage {
  long covered = 0;
  long total = 0;
};

// Function name -> edges of its body covered / in total, from a log with -print_coverage=1.
std::map<std::string, FunctionCoverage> parse_print_coverage(const std::string& log);

}  // namespace ffifuzz::cli
