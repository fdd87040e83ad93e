// report/ci_result: what one `ffifuzz ci` run did and found, as plain data.
// Job: the single record every CI report is written from (summary.md, summary.json,
// junit.xml, results.sarif, coverage.svg), so the four reports can never disagree. cli fills
// it phase by phase; the format_ci_* files only print it.
// May depend on: model (source locations), report/finding.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/api_model.h"
#include "report/finding.h"

namespace ffifuzz::report {

// A libFuzzer status line. Under -fork its "cov:" is no count of library edges (it starts as
// the first merge's feature count, and ffifuzz's API-level extra counters are in it): kept as
// libFuzzer's own signal, never shown as edges.
struct CoverageSample {
  double seconds = 0;  // since the fuzz phase started
  uint64_t executions = 0;
  uint64_t coverage = 0;  // libFuzzer's "cov:"
  uint64_t features = 0;  // libFuzzer's "ft:" (library edges and the API-level signal together)
};

// One point of the library-edges-over-time plot (coverage.svg): the library's own edges that
// some execution of the fuzz phase reached so far (driver/library_edges.h).
struct EdgeSample {
  double seconds = 0;  // since the fuzz phase started
  uint64_t executions = 0;
  uint64_t library_edges = 0;
};

// One exported function as the run saw it.
struct FunctionStats {
  std::string name;
  uint64_t calls = 0;  // calls made during the fuzz phase (every worker process, summed)
  // Edges of the function's own body that the final corpus covers, out of all its edges
  // (libFuzzer -print_coverage; callees are not counted). -1: not measured (no
  // SanitizerCoverage PC table, or the function has no instrumented body).
  long edges_covered = -1;
  long edges_total = -1;
  std::string skipped;  // why the harness does not call it; empty when it is driven
};

struct CiPhase {
  std::string name;    // check, regress, fuzz, merge, minimize, coverage
  std::string status;  // ok, findings, skipped, failed
  double seconds = 0;
  std::string detail;  // one line: what it did
};

struct CiResult {
  std::string library;
  std::vector<std::string> headers;
  std::string tool_version;
  std::string started;  // ISO 8601 UTC
  std::string command_line;  // the command as it was run, shell-quoted (SARIF commandLine)
  std::string source_root;   // absolute: SARIF locations under it are relative to SRCROOT
  long time_budget_seconds = 0;
  std::string budget_split;  // how the budget was shared between the phases, one line
  int jobs = 1;
  std::string corpus;  // the corpus folder
  long corpus_before = 0, corpus_after = 0, inputs_merged = 0;
  std::vector<CiPhase> phases;
  uint64_t executions = 0;
  double fuzz_seconds = 0;
  bool instrumented = false;  // the library carries SanitizerCoverage
  // The headline: the library's edges (its SanitizerCoverage counters, one per edge: M, the
  // PC table's size) that the final corpus covers (N), from -print_coverage over every function
  // of the library; -1: not measured. The per-function table holds the exported functions; the
  // library's other functions are one more row, so the table adds up to N of M.
  long library_edges_covered = -1, library_edges_total = -1;
  long other_edges_covered = -1, other_edges_total = -1;  // functions the library does not export
  uint64_t library_edges_reached = 0;  // by any execution of the fuzz phase (the plot's last point)
  // The API-level signal apart: libFuzzer's "cov:" and "ft:" under -fork, which count ffifuzz's
  // 4,096 extra counters (pairs of calls and result classes) with the library's edges.
  uint64_t libfuzzer_cov = 0, features = 0;
  std::vector<EdgeSample> coverage_over_time;        // library edges (coverage.svg)
  std::vector<CoverageSample> libfuzzer_status;      // libFuzzer's status lines
  std::vector<FunctionStats> functions;
  std::vector<std::string> static_checks;  // the check classes that ran (a JUnit test case each)
  std::vector<Finding> findings;
  // What the run says about itself beyond findings, one line each: functions set aside after
  // a finding (set_aside.h), what the library tried that was refused, inputs not classified,
  // how the workers were contained.
  std::vector<std::string> notes;
  bool interrupted = false;  // a stop signal ended the run early
  int exit_code = 0;

  // Findings in `state` that are bugs (contract gaps are counted apart).
  long count(const std::string& state) const;
  long count_gaps() const;
  // Learning (docs/contracts.md, "Learning"): on, where the rules go, every rule learned.
  bool learning = false;
  std::string learned_file;
  std::vector<std::string> learned;

  double execs_per_second() const { return fuzz_seconds > 0 ? executions / fuzz_seconds : 0; }
  // "42 of 100 library edges (42.0 %) covered by the final corpus; 45 reached while fuzzing",
  // or why there is no such count.
  std::string library_edges_line() const;
};

// The reports, each in its own file.
std::string ci_markdown(const CiResult& result, const std::string& svg_file);  // format_ci_markdown.cpp
std::string ci_json(const CiResult& result);                                   // format_ci_json.cpp
std::string ci_junit(const CiResult& result);                                  // format_junit.cpp
std::string ci_sarif(const CiResult& result);                                  // format_ci_sarif.cpp
std::string coverage_svg(const std::vector<EdgeSample>& samples, long total_edges);  // coverage_svg.cpp

}  // namespace ffifuzz::report
