#include "cli/libfuzzer_status.h"

#include <regex>
#include <sstream>

namespace ffifuzz::cli {

std::optional<StatusLine> parse_status_line(const std::string& line) {
  if (line.empty() || line[0] != '#') return std::nullopt;
  static const std::regex single(R"(^#(\d+)\s+\w+\s+cov: (\d+) ft: (\d+) corp: (\d+)/\S+.*?exec/s: (\d+))");
  static const std::regex fork(R"(^#(\d+): cov: (\d+) ft: (\d+) corp: (\d+) exec/s:? (\d+))");
  std::smatch m;
  if (!std::regex_search(line, m, single) && !std::regex_search(line, m, fork)) return std::nullopt;
  StatusLine s;
  s.executions = std::stoull(m[1]);
  s.coverage = std::stoull(m[2]);
  s.features = std::stoull(m[3]);
  s.corpus = std::stoull(m[4]);
  s.execs_per_second = std::stoull(m[5]);
  return s;
}

std::map<std::string, FunctionCoverage> parse_print_coverage(const std::string& log) {
  static const std::regex row(R"(^(UN)?COVERED_FUNC: hits: \d+ edges: (\d+)/(\d+) (.+?) \S*:\d+$)");
  std::map<std::string, FunctionCoverage> out;
  std::istringstream in(log);
  std::string line;
  std::smatch m;
  while (std::getline(in, line)) {
    if (!std::regex_search(line, m, row)) continue;
    FunctionCoverage& f = out[m[4]];
    // One function may appear once per module (it does not): keep the larger count.
    f.covered = std::max(f.covered, std::stol(m[2]));
    f.total = std::max(f.total, std::stol(m[3]));
  }
  return out;
}

}  // namespace ffifuzz::cli
