#include "cli/ci_findings.h"

#include <regex>

#include "cli/finding_writer.h"
#include "cli/interrupt.h"
#include "cli/minimize_input.h"
#include "report/dedup.h"

namespace ffifuzz::cli {
namespace fs = std::filesystem;

namespace {

// "bugs_msg_free at /src/memory.c:89:3" -> the file, line and column; false when the frame
// was not symbolized to a source line ("(libfoo.so+0x1234)").
bool source_of_frame(const std::string& frame, model::SourceLoc& loc, unsigned& column) {
  static const std::regex re(R"( at (.+?):(\d+)(?::(\d+))?$)");
  std::smatch m;
  if (!std::regex_search(frame, m, re)) return false;
  loc.file = m[1];
  loc.line = static_cast<unsigned>(std::stoul(m[2]));
  column = m[3].matched ? static_cast<unsigned>(std::stoul(m[3])) : 0;
  return loc.line > 0;
}

}  // namespace

report::CiFinding* CiFindings::find(const std::string& key) {
  for (report::CiFinding& f : findings_)
    if (f.key == key) return &f;
  return nullptr;
}

model::SourceLoc CiFindings::declaration_of(const std::string& function) const {
  for (const model::Function& f : replayer_.session().target.api.functions)
    if (f.name == function) return f.decl;
  return {};
}

long CiFindings::count_new() const {
  long n = 0;
  for (const report::CiFinding& f : findings_) n += f.state == report::kStateNew;
  return n;
}

std::string CiFindings::add_input(const fs::path& input, const std::string& source) {
  ReplayOutcome o = replayer_.replay(replayer_.read(input.string()));
  if (!o.reproduced()) return "";
  const FuzzSession& s = replayer_.session();
  WrittenFinding w = write_finding({.out = out_, .session = &s, .functions = replayer_.target().functions,
                                    .input = input.string(), .finding = o.finding, .report_log = o.log});
  if (report::CiFinding* known = find(w.key.hex)) {
    known->hits = w.hits;
    return w.key.hex;
  }
  report::CiFinding f;
  f.key = w.key.hex;
  f.finding_class = o.finding.finding_class;
  f.function = o.finding.function;
  f.message = o.finding.message;
  f.first_library_frame = o.finding.first_library_frame;
  f.source = source;
  f.state = baseline_.contains(f.key) ? report::kStateKnown : report::kStateNew;
  f.folder = fs::relative(w.folder, out_).string();
  f.hits = w.hits;
  if (!source_of_frame(o.finding.first_library_frame, f.location, f.column)) f.location = declaration_of(f.function);
  inputs_[f.key] = w.folder / report::kInputFile;
  findings_.push_back(f);
  return f.key;
}

void CiFindings::add_fixed(const report::FindingSummary& s, const fs::path& folder) {
  if (find(s.key)) return;
  report::CiFinding f;
  f.key = s.key;
  f.finding_class = s.finding_class;
  f.function = s.function;
  f.message = s.message;
  f.first_library_frame = s.first_library_frame;
  f.source = report::kFromKnown;
  f.state = report::kStateFixed;
  f.folder = folder.string();
  f.hits = s.hit_count;
  if (!source_of_frame(s.first_library_frame, f.location, f.column)) f.location = declaration_of(f.function);
  findings_.push_back(f);
}

void CiFindings::add_check(const report::Finding& c) {
  report::DedupKey key = report::check_finding_key(c.klass, c.function, c.subject);
  if (find(key.hex)) return;
  report::CiFinding f;
  f.key = key.hex;
  f.finding_class = c.klass;
  f.function = c.function;
  f.subject = c.subject;
  f.message = c.message;
  f.hint = c.hint;
  f.source = report::kFromCheck;
  f.state = baseline_.contains(f.key) ? report::kStateKnown : report::kStateNew;
  f.location = c.location;
  findings_.push_back(f);
}

int CiFindings::minimize_new(int budget) {
  if (budget <= 0) return 0;
  int done = 0;
  for (report::CiFinding& f : findings_) {
    if (stop_requested()) break;
    if (f.state != report::kStateNew || f.source == report::kFromCheck || !inputs_.count(f.key)) continue;
    const fs::path& input = inputs_[f.key];
    Minimized m = minimize_input(replayer_, input.string(), budget);
    if (!m.reproduced) continue;  // flaky: the folder keeps its original input
    fs::path text = input;
    text += ".min.txt";
    f.minimized = fs::relative(text, out_).string();
    std::fprintf(stderr, "ffifuzz ci:   %s in %s: %zu calls -> %zu calls (%d replays)\n", f.finding_class.c_str(),
                 f.function.c_str(), m.calls_before, m.program.calls.size(), m.stats.checks);
    ++done;
  }
  return done;
}

}  // namespace ffifuzz::cli
