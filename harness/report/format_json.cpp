// JSON: the report as one object, stable keys, for scripts.
#include <nlohmann/json.hpp>

#include "report/finding.h"

namespace ffifuzz::report {

std::string format_json(const Report& report) {
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const Finding& f : report.findings) {
    findings.push_back({{"class", f.klass},
                        {"level", to_string(f.level)},
                        {"function", f.function},
                        {"subject", f.subject},
                        {"message", f.message},
                        {"hint", f.hint},
                        {"location", {{"file", f.location.file}, {"line", f.location.line}}}});
  }
  nlohmann::ordered_json notes = nlohmann::ordered_json::array();
  for (const Note& n : report.notes)
    notes.push_back({{"topic", n.topic}, {"message", n.message}, {"items", n.items}});
  nlohmann::ordered_json doc = {{"command", report.command},
                                {"library", report.library},
                                {"headers", report.headers},
                                {"complete", report.complete},
                                {"findings", findings},
                                {"notes", notes}};
  return doc.dump(2) + "\n";
}

}  // namespace ffifuzz::report
