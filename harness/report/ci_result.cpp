#include "report/ci_result.h"

#include <cstdio>

namespace ffifuzz::report {

long CiResult::count(const std::string& state) const {
  long n = 0;
  for (const Finding& f : findings) n += f.state == state && !f.is_contract_gap();
  return n;
}

long CiResult::count_gaps() const {
  long n = 0;
  for (const Finding& f : findings) n += f.is_contract_gap();
  return n;
}

std::string CiResult::library_edges_line() const {
  if (!instrumented) return "library edges: n/a (the library has no SanitizerCoverage; only the API-level signal guided fuzzing)";
  std::string reached = std::to_string(library_edges_reached) + " reached while fuzzing";
  if (library_edges_total <= 0) return "library edges: not measured over the final corpus (out of time); " + reached;
  char pct[32];
  std::snprintf(pct, sizeof pct, "%.1f", 100.0 * static_cast<double>(library_edges_covered) /
                                             static_cast<double>(library_edges_total));
  return std::to_string(library_edges_covered) + " of " + std::to_string(library_edges_total) + " library edges (" +
         pct + " %) covered by the final corpus; " + reached;
}

}  // namespace ffifuzz::report
