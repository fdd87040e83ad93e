// SARIF 2.1.0: one run, one rule per finding class (ruleId = the class), each result
// located where the finding says (check: the header declaration; ci: the library's source
// when the sanitizer stack was symbolized); with a source root, relative to the base id
// SRCROOT so code scanning links it to the repository. Notes become tool execution notifications.
// A finding with a key carries it as a partial fingerprint, so code scanning follows one
// bug across runs; with a baseline state, SARIF's baselineState says new or known.
#include <cctype>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "report/finding.h"

namespace ffifuzz::report {
namespace {

constexpr const char* kSourceRootId = "SRCROOT";

// RFC 3986: a path's bytes other than unreserved characters and '/' are percent-encoded.
std::string uri_path(const std::string& path) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') out += static_cast<char>(c);
    else out += {'%', kHex[c >> 4], kHex[c & 15]};
  }
  return out;
}

// `file` under `root`: relative to SRCROOT; another absolute path: a file:// URI; with no root,
// the path as found.
nlohmann::ordered_json artifact_location(const std::string& file, const std::string& root) {
  namespace fs = std::filesystem;
  if (root.empty()) return {{"uri", file}};
  fs::path p = fs::path(file).lexically_normal();
  if (!p.is_absolute()) return {{"uri", uri_path(p.generic_string())}, {"uriBaseId", kSourceRootId}};
  fs::path rel = p.lexically_relative(fs::path(root).lexically_normal());
  if (!rel.empty() && *rel.begin() != "..") return {{"uri", uri_path(rel.generic_string())}, {"uriBaseId", kSourceRootId}};
  return {{"uri", "file://" + uri_path(p.generic_string())}};
}

const char* sarif_level(Level level) {
  switch (level) {
    case Level::Error: return "error";
    case Level::Warning: return "warning";
    case Level::Note: return "note";
  }
  return "error";
}

}  // namespace

std::string format_sarif(const Report& report, const std::string& tool_version) {
  using json = nlohmann::ordered_json;
  json rules = json::array();
  std::map<std::string, size_t> rule_index;
  json results = json::array();
  for (const Finding& f : report.findings) {
    auto [it, added] = rule_index.emplace(f.klass, rule_index.size());
    if (added)
      rules.push_back({{"id", f.klass},
                       {"name", f.klass},
                       {"shortDescription", {{"text", "ffifuzz finding class " + f.klass}}}});
    std::string text = (f.subject.empty() ? f.function : f.subject) + ": " + f.message;
    if (!f.hint.empty()) text += ". Fix: " + f.hint;
    json result = {{"ruleId", f.klass},
                   {"ruleIndex", it->second},
                   {"level", sarif_level(f.level)},
                   {"message", {{"text", text}}}};
    if (!f.location.file.empty()) {
      json physical = {{"artifactLocation", artifact_location(f.location.file, report.source_root)}};
      if (f.location.line > 0) {
        physical["region"] = {{"startLine", f.location.line}};
        if (f.column > 0) physical["region"]["startColumn"] = f.column;
      }
      json location = {{"physicalLocation", physical}};
      if (!f.function.empty())
        location["logicalLocations"] = json::array({{{"name", f.function}, {"kind", "function"}}});
      result["locations"] = json::array({location});
    }
    if (!f.key.empty()) result["partialFingerprints"] = {{"ffifuzzKey/v1", f.key}};
    if (!f.state.empty()) result["baselineState"] = f.state;
    json props = {{"function", f.function}, {"subject", f.subject}, {"hint", f.hint}};
    if (!f.key.empty()) {  // a runtime or ci finding: what it is beyond the message
      props["key"] = f.key;
      props["source"] = f.source;
      props["folder"] = f.folder;
      props["minimized"] = f.minimized;
      props["firstLibraryFrame"] = f.first_library_frame;
      props["hits"] = std::to_string(f.hits);
      if (!f.reproduces) props["reproducesAlone"] = "false";
      if (!f.verdict.empty()) {
        props["verdict"] = f.verdict;
        props["evidence"] = f.evidence;
        if (!f.learned.empty()) props["learned"] = f.learned;
      }
    }
    result["properties"] = props;
    results.push_back(result);
  }
  json notifications = json::array();
  for (const Note& n : report.notes) {
    std::string text = n.message;
    for (size_t i = 0; i < n.items.size(); ++i) text += (i ? ", " : ": ") + n.items[i];
    notifications.push_back({{"descriptor", {{"id", n.topic}}}, {"level", "note"}, {"message", {{"text", text}}}});
  }
  json run = {
      {"tool", {{"driver", {{"name", "ffifuzz"},
                            {"version", tool_version},
                            {"rules", rules}}}}},
      {"invocations", json::array({{{"executionSuccessful", report.complete},
                                    {"commandLine", report.command_line.empty() ? "ffifuzz " + report.command
                                                                                : report.command_line},
                                    {"toolExecutionNotifications", notifications}}})},
      {"results", results}};
  if (!report.source_root.empty()) {
    // A base id's URI is absolute and ends with '/' (SARIF 2.1.0, 3.14.14).
    std::string root = std::filesystem::path(report.source_root).lexically_normal().generic_string();
    if (root.empty() || root.back() != '/') root += '/';
    run["originalUriBaseIds"] = {{kSourceRootId, {{"uri", "file://" + uri_path(root)},
                                                  {"description", {{"text", "the source root the locations are "
                                                                            "relative to"}}}}}};
  }
  json doc = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", json::array({run})}};
  return doc.dump(2) + "\n";
}

}  // namespace ffifuzz::report
