// results.sarif of `ffifuzz ci`: every finding of the run (static checks, fuzzing, replays
// of earlier findings and of the corpus, and earlier findings now fixed) through the same
// SARIF writer as `ffifuzz check`, with the dedup key as fingerprint and the baseline state.
#include "report/ci_result.h"

namespace ffifuzz::report {

std::string ci_sarif(const CiResult& r) {
  Report report;
  report.command = "ci";
  report.library = r.library;
  report.headers = r.headers;
  for (const CiFinding& f : r.findings) {
    Finding s;
    s.klass = f.finding_class;
    s.function = f.function;
    s.subject = f.subject;
    s.message = f.message;
    if (f.state == kStateKnown) s.message += " (known: in the baseline)";
    if (f.state == kStateFixed) s.message += " (no longer reproduces)";
    s.hint = f.hint;
    s.location = f.location;
    s.column = f.column;
    // A known finding is still reported, as a warning: it does not fail the run.
    s.level = f.state == kStateNew ? Level::Error : f.state == kStateKnown ? Level::Warning : Level::Note;
    s.key = f.key;
    s.baseline_state = f.state;
    s.properties = {{"source", f.source}, {"key", f.key}, {"folder", f.folder}, {"minimized", f.minimized},
                    {"firstLibraryFrame", f.first_library_frame}, {"hits", std::to_string(f.hits)}};
    report.findings.push_back(std::move(s));
  }
  for (const CiPhase& p : r.phases) report.notes.push_back({"phase-" + p.name, p.status + ": " + p.detail, {}});
  return format_sarif(report, r.tool_version);
}

}  // namespace ffifuzz::report
