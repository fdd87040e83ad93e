#include "report/finding_folder.h"

#include <ctime>
#include <nlohmann/json.hpp>
#include <sstream>

#include "model/error.h"

namespace ffifuzz::report {

std::string finding_folder_name(const std::string& finding_class, const std::string& function, const std::string& key) {
  std::string name = finding_class + "-" + (function.empty() ? "unknown" : function) + "-" + key.substr(0, 8);
  for (char& ch : name)
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.')) ch = '_';
  return name;
}

std::string summary_to_json(const FindingSummary& s) {
  const FindingTarget& t = s.target;
  nlohmann::ordered_json target = {{"lib", t.lib},         {"headers", t.headers},
                                   {"header_copies", t.header_copies},
                                   {"contract", t.contract}, {"contract_copy", t.contract_copy},
                                   {"learned", t.learned},
                                   {"config", t.config},   {"config_copy", t.config_copy},
                                   {"lang", t.lang},       {"include_dirs", t.include_dirs},
                                   {"defines", t.defines}, {"pre_includes", t.pre_includes},
                                   {"target", t.target},   {"functions", t.functions}};
  const Finding& f = s.finding;
  nlohmann::ordered_json doc = {{"class", f.klass},
                                {"function", f.function},
                                {"key", f.key},
                                {"signature", f.signature},
                                {"message", f.message},
                                {"first_library_frame", f.first_library_frame},
                                {"reproduces", f.reproduces},
                                {"repeat", f.repeat},
                                {"verdict", f.verdict},
                                {"evidence", f.evidence},
                                {"learned", f.learned},
                                {"library", t.lib},
                                {"library_build_id", s.library_build_id},
                                {"ffifuzz_version", s.ffifuzz_version},
                                {"clang_version", s.clang_version},
                                {"rustc_version", s.rustc_version},
                                {"first_seen", s.first_seen},
                                {"last_seen", s.last_seen},
                                {"hit_count", f.hits},
                                {"target", target}};
  return doc.dump(2) + "\n";
}

FindingSummary summary_from_json(const std::string& text, const std::string& source) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("class") || !doc.contains("target"))
    throw InputError(source + ": not a finding summary (finding.json written by 'ffifuzz fuzz')");
  try {
    FindingSummary s;
    auto str = [&](const char* k) { return doc.value(k, std::string()); };
    Finding& f = s.finding;
    f.klass = str("class");
    f.function = str("function");
    f.key = str("key");
    f.signature = str("signature");
    f.message = str("message");
    f.first_library_frame = str("first_library_frame");
    f.reproduces = doc.value("reproduces", true);
    f.repeat = doc.value("repeat", 1u);
    f.verdict = str("verdict");
    f.evidence = str("evidence");
    f.learned = str("learned");
    s.library_build_id = str("library_build_id");
    s.ffifuzz_version = str("ffifuzz_version");
    s.clang_version = str("clang_version");
    s.rustc_version = str("rustc_version");
    s.first_seen = str("first_seen");
    s.last_seen = str("last_seen");
    f.hits = doc.value("hit_count", 1L);
    const nlohmann::json& t = doc.at("target");
    auto list = [&](const char* k) { return t.value(k, std::vector<std::string>()); };
    s.target.lib = t.value("lib", std::string());
    s.target.headers = list("headers");
    s.target.header_copies = list("header_copies");  // absent: a folder older than the copies
    s.target.contract = t.value("contract", std::string());
    s.target.contract_copy = t.value("contract_copy", std::string());  // absent: a folder older than the copies
    s.target.learned = t.value("learned", std::string());
    s.target.config = t.value("config", std::string());
    s.target.config_copy = t.value("config_copy", std::string());
    s.target.lang = t.value("lang", std::string("c"));
    s.target.include_dirs = list("include_dirs");
    s.target.defines = list("defines");
    s.target.pre_includes = list("pre_includes");
    s.target.target = t.value("target", std::string());
    s.target.functions = list("functions");
    return s;
  } catch (const nlohmann::json::exception& e) {
    throw InputError(source + ": finding summary has a field of the wrong type (" + e.what() + ")");
  }
}

std::string report_section(const std::string& log) {
  std::istringstream in(log);
  std::string line, out;
  bool started = false;
  while (std::getline(in, line)) {
    // libFuzzer's banner, progress ("#12\tNEW ...") and statistics say nothing about the bug.
    bool noise = line.rfind("INFO:", 0) == 0 || line.rfind("stat::", 0) == 0 || line.rfind("Running", 0) == 0 ||
                 line.find(": Running 1 inputs") != std::string::npos || line.rfind("ffifuzz: arena", 0) == 0 ||
                 (line.size() > 1 && line[0] == '#' && std::isdigit(static_cast<unsigned char>(line[1]))) ||
                 line.rfind("Executed ", 0) == 0 || line.rfind("***", 0) == 0 || line.rfind("MS: ", 0) == 0 ||
                 line.rfind("Base64: ", 0) == 0 || line.rfind("artifact_prefix=", 0) == 0 ||
                 // the symbolizer failing on a file the contained worker could not open: no
                 // frame is lost (it is printed unsymbolized), the line only adds noise
                 line.rfind("LLVMSymbolizer: error reading file", 0) == 0;
    if (noise) continue;
    if (!started && line.find_first_not_of(" \t") == std::string::npos) continue;
    started = true;
    out += line + "\n";
  }
  return out;
}

std::string iso_time_now() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

}  // namespace ffifuzz::report
