#include "campaign/libfuzzer_output.h"

#include <regex>
#include <sstream>

namespace ffifuzz::campaign {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// The unsigned number at the start of `s` (after spaces); nullopt when there is none.
std::optional<uint64_t> number_at(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  if (i == s.size() || s[i] < '0' || s[i] > '9') return std::nullopt;
  uint64_t v = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) v = v * 10 + static_cast<uint64_t>(s[i] - '0');
  return v;
}

// The part of `line` after `marker`, or nullopt.
std::optional<std::string_view> after(std::string_view line, std::string_view marker) {
  size_t at = line.find(marker);
  if (at == std::string_view::npos) return std::nullopt;
  return line.substr(at + marker.size());
}

}  // namespace

std::optional<StatusLine> parse_status_line(std::string_view line) {
  if (line.empty() || line[0] != '#') return std::nullopt;
  static const std::regex single(R"(^#(\d+)\s+\w+\s+cov: (\d+) ft: (\d+) corp: (\d+)/\S+.*?exec/s: (\d+))");
  static const std::regex fork(R"(^#(\d+): cov: (\d+) ft: (\d+) corp: (\d+) exec/s:? (\d+))");
  std::string text(line);
  std::smatch m;
  if (!std::regex_search(text, m, single) && !std::regex_search(text, m, fork)) return std::nullopt;
  StatusLine s;
  s.executions = std::stoull(m[1]);
  s.coverage = std::stoull(m[2]);
  s.features = std::stoull(m[3]);
  s.corpus = std::stoull(m[4]);
  s.execs_per_second = std::stoull(m[5]);
  return s;
}

std::string saved_input_kind(const std::string& path) {
  std::string name = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
  for (const char* kind : {"slow-unit", "crash", "leak", "timeout", "oom", "vanished", "minimized-from"})
    if (name.rfind(std::string(kind) + "-", 0) == 0) return kind;
  return "input";
}

void LibFuzzerRun::read(std::string_view line) {
  if (line.empty()) return;
  switch (line[0]) {
    case '#':
      if (std::optional<uint64_t> n = number_at(line.substr(1))) peak_executions = std::max(peak_executions, *n);
      if (std::optional<StatusLine> s = parse_status_line(line)) last_status = s;
      return;
    case 's':
      if (auto rest = after(line, "stat::number_of_executed_units:")) executed_units = number_at(*rest);
      return;
    case 'D':
      if (starts_with(line, "Done ")) done_runs = number_at(line.substr(5));
      return;
    case 'E':
      if (starts_with(line, "Executed ")) {
        std::string_view rest = line.substr(9);
        size_t in = rest.rfind(" in ");
        executed_inputs.emplace_back(rest.substr(0, in));
      }
      return;
    case 'M':
      if (starts_with(line, "MERGE-OUTER:")) merge_done = true;
      return;
    case 'a':  // "artifact_prefix='...'; Test unit written to ..."
    case 'T':
    case 'I':  // "INFO: exiting: ..."
    case '=':  // "==N== libFuzzer: run interrupted; exiting"
      break;
    default:
      return;  // the library's own output, most likely: nothing of libFuzzer's
  }
  if (auto rest = after(line, "Test unit written to ")) {
    std::string path(*rest);
    while (!path.empty() && (path.back() == ' ' || path.back() == '\r')) path.pop_back();
    saved.push_back({path, saved_input_kind(path)});
  } else if (auto code = after(line, "INFO: exiting: ")) {
    if (std::optional<uint64_t> c = number_at(*code)) fork_exit = static_cast<int>(*c);
  } else if (line.find("libFuzzer: run interrupted") != std::string_view::npos) {
    interrupted = true;
  }
}

uint64_t LibFuzzerRun::executions() const {
  // A -fork parent's own final statistics count none of its jobs' executions: its status
  // lines do. The largest of what was said.
  uint64_t n = std::max(executed_units.value_or(0), peak_executions);
  if (last_status) n = std::max(n, last_status->executions);
  return n;
}

std::map<std::string, FunctionCoverage> parse_print_coverage(const std::string& log) {
  static const std::regex row(R"(^(UN)?COVERED_FUNC: hits: \d+ edges: (\d+)/(\d+) (.+?) \S*:\d+$)");
  std::map<std::string, FunctionCoverage> out;
  std::istringstream in(log);
  std::string line;
  std::smatch m;
  while (std::getline(in, line)) {
    if (line.find("COVERED_FUNC:") == std::string::npos || !std::regex_search(line, m, row)) continue;
    FunctionCoverage& f = out[m[4]];
    // One function may appear once per module (it does not): keep the larger count.
    f.covered = std::max(f.covered, std::stol(m[2]));
    f.total = std::max(f.total, std::stol(m[3]));
  }
  return out;
}

}  // namespace ffifuzz::campaign
