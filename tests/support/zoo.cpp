#include "support/zoo.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <cstdio>

namespace ffifuzz::test {
namespace fs = std::filesystem;

namespace {

std::vector<std::string> string_array(const toml::node_view<const toml::node>& node) {
  std::vector<std::string> out;
  if (const toml::array* arr = node.as_array())
    for (const toml::node& n : *arr)
      if (auto s = n.value<std::string>()) out.push_back(*s);
  return out;
}

}  // namespace

std::vector<ZooTarget> load_zoo(const std::string& source_dir) {
  std::vector<ZooTarget> zoo;
  for (const fs::directory_entry& e : fs::directory_iterator(fs::path(source_dir) / "targets")) {
    fs::path expect = e.path() / "expect.toml";
    if (!fs::exists(expect)) continue;
    toml::table t = toml::parse_file(expect.string());
    ZooTarget z;
    z.dir = e.path().string();
    z.name = t["target"]["name"].value_or(std::string());
    z.language = t["target"]["language"].value_or(std::string());
    z.header = (e.path() / t["target"]["header"].value_or(std::string())).string();
    z.header_source = t["target"]["header_source"].value_or(std::string("hand"));
    z.expect = t["target"]["expect"].value_or(std::string());
    z.clean = z.expect == "none";
    z.load_error = z.expect == "load-error";
    z.clean_runs = t["target"]["clean_runs"].value_or(0L);
    z.load_error_regex = t["target"]["load_error"].value_or(std::string());
    z.load_driver_expect = t["target"]["driver_expect"].value_or(std::string());
    if (z.name.empty()) throw std::runtime_error(expect.string() + ": [target] name is missing");
    if (const toml::array* arr = t["finding"].as_array()) {
      for (const toml::node& n : *arr) {
        const toml::table& f = *n.as_table();
        ExpectedFinding x;
        x.klass = f["class"].value_or(std::string());
        x.function = f["function"].value_or(std::string());
        x.flavours = string_array(f["flavours"]);
        x.detected_by = f["detected_by"].value_or(std::string("fuzz"));
        x.trigger = f["trigger"].value_or(std::string());
        x.driver_flavours = string_array(f["driver_flavours"]);
        if (x.driver_flavours.empty()) x.driver_flavours = x.flavours;
        x.driver_expect = f["driver_expect"].value_or(std::string());
        x.condition = f["condition"].value_or(std::string());
        x.also = string_array(f["also"]);
        x.access = f["access"].value_or(std::string());
        z.findings.push_back(x);
      }
    }
    zoo.push_back(z);
  }
  std::sort(zoo.begin(), zoo.end(), [](const ZooTarget& a, const ZooTarget& b) { return a.name < b.name; });
  return zoo;
}

std::string zoo_library(const std::string& zoo_dir, const std::string& name, const std::string& flavour) {
  std::ifstream in(fs::path(zoo_dir) / "libraries.txt");
  std::string line;
  while (std::getline(in, line)) {
    auto a = line.find(':'), b = line.find(':', a + 1);
    if (a == std::string::npos || b == std::string::npos) continue;
    if (line.substr(0, a) == name && line.substr(a + 1, b - a - 1) == flavour) return line.substr(b + 1);
  }
  throw std::runtime_error("no " + flavour + " build of " + name + " in " + zoo_dir + "/libraries.txt");
}

bool ExpectedFinding::matches(const std::string& k, const std::string& fn) const {
  if (k == klass && fn == function) return true;
  return std::find(also.begin(), also.end(), k + " in " + fn) != also.end();
}

int fail_if_nothing_ran(int rc) {
  if (testing::UnitTest::GetInstance()->test_to_run_count() == 0) {
    std::fprintf(stderr, "no test matched: the expectation files changed since the tests were listed; rebuild\n");
    return 1;
  }
  return rc;
}

std::string test_name(std::string name) {
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

std::optional<std::string> default_driver_signature(const std::string& klass) {
  static const std::map<std::string, std::string> signatures = {
      {"leak", "LeakSanitizer: detected memory leaks"},
      {"double-free", "attempting double-free"},
      {"invalid-free", "attempting free on address which was not malloc\\(\\)-ed"},
      {"use-after-free", "heap-use-after-free"},
      {"heap-overflow", "heap-buffer-overflow"},
      {"stack-buffer-overflow", "stack-buffer-overflow"},
      {"global-buffer-overflow", "global-buffer-overflow"},
      {"stack-use-after-return", "stack-use-after-return|stack-use-after-scope"},
      {"index-out-of-bounds", "out of bounds for type"},
      {"guard-page-overflow", "SEGV on unknown address"},
      {"stack-overflow", "stack-overflow"},
      {"null-deref", "SEGV on unknown address 0x0+ "},
      {"undefined-behavior", "runtime error:"},
      {"rust-panic", "panicked at"},
      {"abort", "ABRT|Aborted|abort"},
      {"timeout", "ZOO-TIMEOUT"},
      {"out-of-memory", "allocation-size-too-big|out of memory|exceeds maximum supported size"},
  };
  auto it = signatures.find(klass);
  if (it == signatures.end()) return std::nullopt;
  return it->second;
}

}  // namespace ffifuzz::test
