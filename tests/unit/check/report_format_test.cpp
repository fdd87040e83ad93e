// report/: text (one finding a line, grouped by class), JSON, SARIF 2.1.0.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "report/finding.h"

namespace ffifuzz::report {
namespace {

Report sample() {
  Report r;
  r.command = "check";
  r.library = "libx.so";
  r.headers = {"x.h"};
  r.findings.push_back({"layout-mismatch", "config_new", "struct config", "size 16 bytes in the header, 24 in the library",
                        "fix the header", {"x.h", 12}, Level::Error});
  r.findings.push_back({"missing-symbol", "make", "", "not exported", "add #[no_mangle]", {"x.h", 30}, Level::Error});
  r.findings.push_back({"layout-mismatch", "other", "struct other", "size differs", "", {"x.h", 40}, Level::Error});
  r.notes.push_back({"undeclared-exports", "2 exported function(s) not declared", {"a", "b"}});
  return r;
}

TEST(ReportText, OneLinePerFindingGroupedByClass) {
  const std::string text = format_text(sample());
  const auto first = text.find("layout-mismatch (2)");
  const auto second = text.find("missing-symbol (1)");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(second, std::string::npos);
  EXPECT_LT(text.find("struct other"), second);
  EXPECT_NE(text.find("  x.h:12: error: struct config (via config_new): size 16 bytes in the header, 24 in the "
                      "library -- fix: fix the header\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("note: 2 exported function(s) not declared: a, b"), std::string::npos);
  EXPECT_NE(text.find("3 findings (layout-mismatch 2, missing-symbol 1)"), std::string::npos);
}

TEST(ReportJson, CarriesEveryField) {
  auto j = nlohmann::json::parse(format_json(sample()));
  ASSERT_EQ(j["findings"].size(), 3u);
  EXPECT_EQ(j["findings"][1]["class"], "missing-symbol");
  EXPECT_EQ(j["findings"][1]["hint"], "add #[no_mangle]");
  EXPECT_EQ(j["findings"][0]["location"]["line"], 12);
  EXPECT_EQ(j["notes"][0]["items"].size(), 2u);
}

TEST(ReportSarif, RuleIdIsTheClassAndLocationTheHeader) {
  auto j = nlohmann::json::parse(format_sarif(sample(), "0.1.0"));
  EXPECT_EQ(j["version"], "2.1.0");
  const auto& run = j["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "ffifuzz");
  EXPECT_EQ(run["tool"]["driver"]["rules"].size(), 2u);
  const auto& result = run["results"][1];
  EXPECT_EQ(result["ruleId"], "missing-symbol");
  EXPECT_EQ(result["ruleIndex"], 1);
  EXPECT_EQ(result["level"], "error");
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "x.h");
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["region"]["startLine"], 30);
  EXPECT_EQ(run["invocations"][0]["executionSuccessful"], true);
}

}  // namespace
}  // namespace ffifuzz::report
