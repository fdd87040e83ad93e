// junit.xml of `ffifuzz ci`: what CI systems show as tests (GitLab's test report, Jenkins).
// One test case per static check class (fails on a new finding of that class) and one per
// exported function (fails on a new runtime finding through it; a function the harness
// cannot call is skipped with the reason). Known findings and contract gaps (the harness's,
// not the library's: triage) are listed in system-out and do not fail.
#include <cstdio>
#include <utility>
#include <vector>

#include "report/ci_result.h"

namespace ffifuzz::report {
namespace {

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 allows no control characters but tab, newline and carriage return.
        if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') out += '?';
        else out += ch;
    }
  }
  return out;
}

std::string finding_line(const Finding& f) {
  std::string s = f.klass + " in " + (f.function.empty() ? "(unknown function)" : f.function) + " (key " + f.key + ")";
  if (!f.subject.empty()) s += " " + f.subject;
  if (!f.message.empty()) s += ": " + f.message;
  if (!f.folder.empty()) s += " [" + f.folder + "]";
  return s;
}

struct Case {
  std::string name;
  std::string failure;   // new findings, one per line
  std::string out;       // known findings and stats
  std::string skipped;
};

std::string suite(const std::string& name, const std::vector<Case>& cases, double seconds,
                  const std::vector<std::pair<std::string, std::string>>& properties = {}) {
  long failures = 0, skipped = 0;
  for (const Case& c : cases) {
    failures += !c.failure.empty();
    skipped += !c.skipped.empty();
  }
  char time[32];
  std::snprintf(time, sizeof time, "%.3f", seconds);
  std::string x = "  <testsuite name=\"ffifuzz." + name + "\" tests=\"" + std::to_string(cases.size()) +
                  "\" failures=\"" + std::to_string(failures) + "\" errors=\"0\" skipped=\"" +
                  std::to_string(skipped) + "\" time=\"" + time + "\">\n";
  if (!properties.empty()) {
    x += "    <properties>\n";
    for (const auto& [key, value] : properties)
      x += "      <property name=\"" + xml_escape(key) + "\" value=\"" + xml_escape(value) + "\"/>\n";
    x += "    </properties>\n";
  }
  for (const Case& c : cases) {
    x += "    <testcase classname=\"ffifuzz." + name + "\" name=\"" + xml_escape(c.name) + "\">\n";
    if (!c.skipped.empty()) x += "      <skipped message=\"" + xml_escape(c.skipped) + "\"/>\n";
    if (!c.failure.empty())
      x += "      <failure message=\"new finding\" type=\"ffifuzz\">" + xml_escape(c.failure) + "</failure>\n";
    if (!c.out.empty()) x += "      <system-out>" + xml_escape(c.out) + "</system-out>\n";
    x += "    </testcase>\n";
  }
  x += "  </testsuite>\n";
  return x;
}

double phase_seconds(const CiResult& r, const std::string& name) {
  for (const CiPhase& p : r.phases)
    if (p.name == name) return p.seconds;
  return 0;
}

}  // namespace

std::string ci_junit(const CiResult& r) {
  std::vector<Case> checks;
  for (const std::string& klass : r.static_checks) {
    Case c{klass, "", "", ""};
    for (const Finding& f : r.findings) {
      if (f.source != kFromCheck || f.klass != klass) continue;
      (f.state == kStateNew ? c.failure : c.out) += (f.state == kStateNew ? "" : "known: ") + finding_line(f) + "\n";
    }
    checks.push_back(c);
  }
  std::vector<Case> functions;
  for (const FunctionStats& fn : r.functions) {
    Case c{fn.name, "", "", fn.skipped};
    c.out = "calls: " + std::to_string(fn.calls);
    if (fn.edges_total >= 0)
      c.out += ", edges covered: " + std::to_string(fn.edges_covered) + "/" + std::to_string(fn.edges_total);
    c.out += "\n";
    for (const Finding& f : r.findings) {
      if (f.source == kFromCheck || f.function != fn.name) continue;
      if (f.is_contract_gap())
        c.out += "contract gap (not a bug): " + finding_line(f) + " -- " + f.evidence +
                 (f.learned.empty() ? "" : "; learned: " + f.learned) + "\n";
      else if (f.state == kStateNew) c.failure += finding_line(f) + "\n";
      else c.out += (f.state == kStateKnown ? "known: " : "fixed: ") + finding_line(f) + "\n";
    }
    functions.push_back(c);
  }
  // A runtime finding through no exported function (the report named none) still fails.
  Case unattributed{"(no exported function)", "", "", ""};
  for (const Finding& f : r.findings) {
    if (f.source == kFromCheck) continue;
    bool named = false;
    for (const FunctionStats& fn : r.functions) named = named || fn.name == f.function;
    if (!named && f.state == kStateNew && !f.is_contract_gap()) unattributed.failure += finding_line(f) + "\n";
  }
  if (!unattributed.failure.empty()) functions.push_back(unattributed);

  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"ffifuzz ci\">\n";
  x += suite("check", checks, phase_seconds(r, "check"));
  // The coverage as suite properties: the library's edges and the API-level signal apart.
  std::vector<std::pair<std::string, std::string>> coverage = {
      {"library_edges", r.library_edges_line()},
      {"library_edges_reached_while_fuzzing", std::to_string(r.library_edges_reached)},
      {"api_level_features", std::to_string(r.features)}};
  if (r.library_edges_total > 0) {
    coverage.push_back({"library_edges_covered", std::to_string(r.library_edges_covered)});
    coverage.push_back({"library_edges_total", std::to_string(r.library_edges_total)});
  }
  x += suite("fuzz", functions, r.fuzz_seconds, coverage);
  x += "</testsuites>\n";
  return x;
}

}  // namespace ffifuzz::report
