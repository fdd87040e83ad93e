#include "report/baseline.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "model/error.h"

namespace ffifuzz::report {

std::set<std::string> Baseline::keys() const {
  std::set<std::string> k;
  for (const BaselineEntry& e : entries) k.insert(e.key);
  return k;
}

bool Baseline::contains(const std::string& key) const {
  for (const BaselineEntry& e : entries)
    if (e.key == key) return true;
  return false;
}

Baseline read_baseline(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw InputError(path + ": no such baseline file; pass a baseline.json written by 'ffifuzz ci' (docs/ci.md)");
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::exception& e) {
    throw InputError(path + ": not a baseline: not valid JSON (" + std::string(e.what()) + ")");
  }
  if (!doc.is_object() || !doc.contains("findings") || !doc["findings"].is_array())
    throw InputError(path + ": not a baseline: expected {\"version\": 1, \"findings\": [...]}");
  Baseline b;
  size_t i = 0;
  for (const nlohmann::json& e : doc["findings"]) {
    if (!e.is_object() || !e.contains("key") || !e["key"].is_string() || e["key"].get<std::string>().empty())
      throw InputError(path + ": findings[" + std::to_string(i) + "] has no \"key\" string");
    auto str = [&](const char* k) { return e.contains(k) && e[k].is_string() ? e[k].get<std::string>() : ""; };
    b.entries.push_back({str("key"), str("class"), str("function"), str("note")});
    ++i;
  }
  return b;
}

std::string baseline_to_json(const Baseline& b) {
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const BaselineEntry& e : b.entries)
    findings.push_back({{"key", e.key}, {"class", e.finding_class}, {"function", e.function}, {"note", e.note}});
  nlohmann::ordered_json doc = {{"version", 1}, {"findings", findings}};
  return doc.dump(2) + "\n";
}

}  // namespace ffifuzz::report
