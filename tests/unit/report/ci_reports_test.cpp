// report/: the parts of `ffifuzz ci`'s reports that are pure functions of their input —
// coverage.svg's ticks at round numbers and its axis labels, SARIF locations relative to a
// source root (uriBaseId SRCROOT) with the command line as run, and the library-edges line.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "report/ci_result.h"
#include "report/finding.h"

namespace ffifuzz::report {
namespace {

std::vector<std::string> ticks(const std::string& svg, char axis) {
  std::vector<std::string> out;
  std::regex re(std::string("class=\"tick-") + axis + "\"[^>]*>([^<]+)<");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[1]);
  return out;
}

TEST(CoverageSvg, RoundTicksOnBothAxesAndAxisLabels) {
  // 0..1750 s, 0..437 edges: minutes of 5, edges of 100, each axis ending at its last tick.
  std::vector<EdgeSample> samples = {{0, 0, 120}, {600, 1000, 300}, {1750, 5000, 437}};
  std::string svg = coverage_svg(samples, 900);
  EXPECT_EQ(ticks(svg, 'y'), (std::vector<std::string>{"0", "100", "200", "300", "400", "500"}));
  EXPECT_EQ(ticks(svg, 'x'),
            (std::vector<std::string>{"0 min", "5 min", "10 min", "15 min", "20 min", "25 min", "30 min"}));
  EXPECT_NE(svg.find(">library edges</text>"), std::string::npos);
  EXPECT_NE(svg.find(">time since the fuzz phase started</text>"), std::string::npos);
  EXPECT_NE(svg.find("(the library has 900)"), std::string::npos);
}

TEST(CoverageSvg, ShortRunsInSecondsAndSmallCounts) {
  std::string svg = coverage_svg({{0, 0, 3}, {42, 10, 7}}, 12);
  EXPECT_EQ(ticks(svg, 'y'), (std::vector<std::string>{"0", "2", "4", "6", "8"}));
  EXPECT_EQ(ticks(svg, 'x'), (std::vector<std::string>{"0 s", "10 s", "20 s", "30 s", "40 s", "50 s"}));
  // Nothing recorded: the axes still stand, and the plot says why it is empty.
  std::string empty = coverage_svg({}, -1);
  EXPECT_EQ(ticks(empty, 'y').front(), "0");
  EXPECT_NE(empty.find("no library edges recorded"), std::string::npos);
}

Report located(const std::string& file, const std::string& root) {
  Report r;
  r.command = "ci";
  r.command_line = "/opt/bin/ffifuzz ci --config ffifuzz.toml --time 30m";
  r.source_root = root;
  r.findings.push_back({"heap-overflow", "f", "", "overflow", "", {file, 7}, Level::Error});
  return r;
}

nlohmann::json uri_of(const nlohmann::json& sarif) {
  return sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
}

TEST(SarifSourceRoot, FilesUnderTheRootAreRelativeToSrcroot) {
  auto j = nlohmann::json::parse(format_sarif(located("/src/proj/lib/a b.c", "/src/proj"), "1"));
  EXPECT_EQ(uri_of(j)["uri"], "lib/a%20b.c");
  EXPECT_EQ(uri_of(j)["uriBaseId"], "SRCROOT");
  EXPECT_EQ(j["runs"][0]["originalUriBaseIds"]["SRCROOT"]["uri"], "file:///src/proj/");
  EXPECT_EQ(j["runs"][0]["invocations"][0]["commandLine"], "/opt/bin/ffifuzz ci --config ffifuzz.toml --time 30m");
}

TEST(SarifSourceRoot, FilesOutsideTheRootAreFileUrisAndNoRootKeepsThePath) {
  auto outside = nlohmann::json::parse(format_sarif(located("/usr/include/x.h", "/src/proj"), "1"));
  EXPECT_EQ(uri_of(outside)["uri"], "file:///usr/include/x.h");
  EXPECT_FALSE(uri_of(outside).contains("uriBaseId"));
  // A sibling folder that shares the root's prefix is outside it.
  auto sibling = nlohmann::json::parse(format_sarif(located("/src/project2/a.c", "/src/proj"), "1"));
  EXPECT_EQ(uri_of(sibling)["uri"], "file:///src/project2/a.c");
  Report plain = located("/usr/include/x.h", "");
  plain.command_line.clear();
  auto none = nlohmann::json::parse(format_sarif(plain, "1"));
  EXPECT_EQ(uri_of(none)["uri"], "/usr/include/x.h");
  EXPECT_FALSE(none["runs"][0].contains("originalUriBaseIds"));
  EXPECT_EQ(none["runs"][0]["invocations"][0]["commandLine"], "ffifuzz ci");
}

TEST(CiResultLine, LibraryEdgesOrWhyNot) {
  CiResult r;
  r.instrumented = true;
  r.library_edges_covered = 42;
  r.library_edges_total = 100;
  r.library_edges_reached = 51;
  EXPECT_EQ(r.library_edges_line(), "42 of 100 library edges (42.0 %) covered by the final corpus; 51 reached while fuzzing");
  r.library_edges_total = -1;
  EXPECT_NE(r.library_edges_line().find("not measured"), std::string::npos);
  r.instrumented = false;
  EXPECT_NE(r.library_edges_line().find("n/a"), std::string::npos);
}

}  // namespace
}  // namespace ffifuzz::report
