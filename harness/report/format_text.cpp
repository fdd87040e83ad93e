// Text: one finding a line, grouped by class, each line ending with its fix; then notes.
#include <map>
#include <sstream>

#include "report/finding.h"

namespace ffifuzz::report {

const char* to_string(Level level) {
  switch (level) {
    case Level::Error: return "error";
    case Level::Warning: return "warning";
    case Level::Note: return "note";
  }
  return "error";
}

bool parse_format(const std::string& name, Format& out) {
  if (name == "text") out = Format::Text;
  else if (name == "json") out = Format::Json;
  else if (name == "sarif") out = Format::Sarif;
  else return false;
  return true;
}

std::string format(const Report& report, Format f, const std::string& tool_version) {
  switch (f) {
    case Format::Json: return format_json(report);
    case Format::Sarif: return format_sarif(report, tool_version);
    case Format::Text: break;
  }
  return format_text(report);
}

namespace {

std::string location_text(const model::SourceLoc& loc) {
  if (loc.file.empty()) return "";
  return loc.file + (loc.line ? ":" + std::to_string(loc.line) : "") + ": ";
}

}  // namespace

std::string format_text(const Report& report) {
  std::ostringstream out;
  // Group by class, keeping first-seen order of classes and of findings within a class.
  std::vector<std::string> order;
  std::map<std::string, std::vector<const Finding*>> by_class;
  for (const Finding& f : report.findings) {
    if (!by_class.count(f.klass)) order.push_back(f.klass);
    by_class[f.klass].push_back(&f);
  }
  for (const std::string& klass : order) {
    out << klass << " (" << by_class[klass].size() << ")\n";
    for (const Finding* f : by_class[klass]) {
      out << "  " << location_text(f->location) << to_string(f->level) << ": ";
      if (!f->subject.empty()) out << f->subject << (f->function.empty() ? "" : " (via " + f->function + ")");
      else out << f->function;
      out << ": " << f->message;
      if (!f->hint.empty()) out << " -- fix: " << f->hint;
      out << "\n";
    }
  }
  for (const Note& n : report.notes) {
    out << "note: " << n.message;
    if (!n.items.empty()) {
      out << ":";
      for (size_t i = 0; i < n.items.size(); ++i) out << (i ? ", " : " ") << n.items[i];
    }
    out << "\n";
  }
  out << report.findings.size() << (report.findings.size() == 1 ? " finding" : " findings");
  if (!report.findings.empty()) {
    out << " (";
    for (size_t i = 0; i < order.size(); ++i) out << (i ? ", " : "") << order[i] << " " << by_class[order[i]].size();
    out << ")";
  }
  if (!report.complete) out << "; incomplete: a check did not run (see the notes above)";
  out << "\n";
  return out.str();
}

}  // namespace ffifuzz::report
