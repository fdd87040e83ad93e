// Checks the expectation files themselves: every key is a known one, `expect` is findings,
// none or load-error and agrees with the findings listed, every class is one of DESIGN.md's
// (or `exit`, see docs/zoo.md), every function is declared in the target's header, flavours
// are real, every regex compiles, and each buggy target has a trigger and a driver signature
// for every finding. A typo here would silently weaken later e2e tests.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "report/finding_classes.h"

#include "support/zoo.h"

namespace ffifuzz::test {
namespace {

// The classes a finding may have: the product's one table (report/finding_classes.h).
const std::set<std::string> kClasses = [] {
  std::set<std::string> names;
  for (const report::FindingClass& c : report::finding_classes()) names.insert(c.name);
  return names;
}();
const std::set<std::string> kFlavours = {"plain", "cov", "cov-asan"};
const std::set<std::string> kTargetKeys = {"name",   "language",    "header",     "header_source",
                                           "expect", "description", "load_error", "driver_expect",
                                           "clean_runs"};
const std::set<std::string> kFindingKeys = {"class",   "function",        "flavours",      "detected_by", "trigger",
                                            "also",    "driver_flavours", "driver_expect", "condition",
                                            "access"};

bool compiles(const std::string& regex) {
  try {
    std::regex r(regex);
    return true;
  } catch (const std::regex_error&) {
    return false;
  }
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(ZooExpectations, EveryTargetIsWellFormed) {
  std::vector<ZooTarget> zoo = load_zoo(FFIFUZZ_SOURCE_DIR);
  ASSERT_GE(zoo.size(), 11u) << "the zoo lists 11 required targets";
  for (const ZooTarget& t : zoo) {
    SCOPED_TRACE(t.name);
    std::string header = slurp(t.header);
    ASSERT_FALSE(header.empty()) << "header missing: " << t.header;
    EXPECT_TRUE(t.language == "rust" || t.language == "c");
    EXPECT_TRUE(t.header_source == "cbindgen" || t.header_source == "hand");
    EXPECT_TRUE(t.expect == "findings" || t.expect == "none" || t.expect == "load-error") << t.expect;
    // findings: at least one; none (clean) and load-error (nothing can be called): none.
    EXPECT_EQ(t.expect == "findings", !t.findings.empty());
    if (t.load_error) {
      EXPECT_FALSE(t.load_error_regex.empty()) << "a load-error target says what ffifuzz must print (load_error)";
      EXPECT_TRUE(compiles(t.load_error_regex)) << t.load_error_regex;
      EXPECT_FALSE(t.load_driver_expect.empty()) << "a load-error target says what its driver's load shows (driver_expect)";
      EXPECT_TRUE(compiles(t.load_driver_expect)) << t.load_driver_expect;
    } else {
      EXPECT_TRUE(t.load_error_regex.empty()) << "load_error needs expect = \"load-error\"";
      EXPECT_TRUE(t.load_driver_expect.empty()) << "[target] driver_expect needs expect = \"load-error\"";
    }
    // Unknown keys: a misspelt one would be ignored and its check silently lost.
    toml::table raw = toml::parse_file((std::filesystem::path(t.dir) / "expect.toml").string());
    for (const auto& [key, node] : raw) {
      (void)node;
      EXPECT_TRUE(key == "target" || key == "finding") << "unknown table [" << key << "]";
    }
    if (const toml::table* target = raw["target"].as_table())
      for (const auto& [key, node] : *target) {
        (void)node;
        EXPECT_TRUE(kTargetKeys.count(std::string(key.str()))) << "unknown [target] key " << key;
      }
    if (const toml::array* findings = raw["finding"].as_array())
      for (const toml::node& n : *findings)
        if (const toml::table* finding = n.as_table())
          for (const auto& [key, node] : *finding) {
            (void)node;
            EXPECT_TRUE(kFindingKeys.count(std::string(key.str()))) << "unknown [[finding]] key " << key;
          }
    for (const ExpectedFinding& f : t.findings) {
      SCOPED_TRACE(f.klass + " in " + f.function);
      EXPECT_TRUE(kClasses.count(f.klass));
      EXPECT_TRUE(f.access.empty() || f.access == "READ" || f.access == "WRITE") << "access " << f.access;
      // The driver test needs a signature: the finding's own or its class's default.
      EXPECT_TRUE(!f.driver_expect.empty() || default_driver_signature(f.klass))
          << "class " << f.klass << " has no default driver signature: give driver_expect";
      EXPECT_TRUE(compiles(f.driver_expect)) << f.driver_expect;
      EXPECT_NE(header.find(f.function), std::string::npos) << "function not in the header";
      EXPECT_FALSE(f.flavours.empty());
      for (const std::string& fl : f.flavours) EXPECT_TRUE(kFlavours.count(fl)) << fl;
      for (const std::string& fl : f.driver_flavours) EXPECT_TRUE(kFlavours.count(fl)) << fl;
      EXPECT_TRUE(f.detected_by == "fuzz" || f.detected_by == "check");
      EXPECT_FALSE(f.trigger.empty()) << "every finding is proven by a driver trigger";
      EXPECT_NE(f.trigger, "load") << "`load` is the drivers' built-in trigger (driver_support.h)";
      if (f.detected_by == "fuzz") EXPECT_FALSE(f.condition.empty()) << "say what the fuzzer must find";
      for (const std::string& a : f.also) {
        std::smatch m;
        ASSERT_TRUE(std::regex_match(a, m, std::regex(R"((\S+) in (\S+))"))) << "also: \"" << a << "\" is not \"class in function\"";
        EXPECT_TRUE(kClasses.count(m[1].str())) << a;
        EXPECT_NE(header.find(m[2].str()), std::string::npos) << a << ": function not in the header";
      }
    }
  }
}

}  // namespace
}  // namespace ffifuzz::test
