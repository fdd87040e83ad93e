// results.sarif of `ffifuzz ci`: every finding of the run (static checks, fuzzing, replays
// of earlier findings and of the corpus, and earlier findings now fixed) through the same
// SARIF writer as `ffifuzz check`, with the dedup key as fingerprint and the baseline state.
#include "report/ci_result.h"

namespace ffifuzz::report {

std::string ci_sarif(const CiResult& r) {
  Report report;
  report.command = "ci";
  report.command_line = r.command_line;
  report.source_root = r.source_root;
  report.library = r.library;
  report.headers = r.headers;
  for (Finding f : r.findings) {
    if (f.state == kStateKnown) f.message += " (known: in the baseline)";
    if (f.state == kStateFixed) f.message += " (no longer reproduces)";
    // A known finding is still reported, as a warning: it does not fail the run.
    f.level = f.state == kStateNew ? Level::Error : f.state == kStateKnown ? Level::Warning : Level::Note;
    // A contract gap is the harness's (the verdict in its properties): a note, never a failure.
    if (f.is_contract_gap()) {
      f.level = Level::Note;
      f.message = "contract gap (not a library bug): " + f.message + " [" + f.evidence + "]";
    }
    report.findings.push_back(std::move(f));
  }
  for (const std::string& n : r.notes) report.notes.push_back({"run", n, {}});
  for (const CiPhase& p : r.phases) report.notes.push_back({"phase-" + p.name, p.status + ": " + p.detail, {}});
  return format_sarif(report, r.tool_version);
}

}  // namespace ffifuzz::report
