// libFuzzer's parallel modes through `ffifuzz fuzz`: -fork and -jobs children re-run the same
// subcommand and options, and a finding in a child is still reported by the supervisor.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "support/subprocess.h"
#include "support/zoo.h"

namespace ffifuzz::test {
namespace {
namespace fs = std::filesystem;

// The hit counts of the finding folders under out/findings, and the saved inputs that are
// findings (slow units are not), as the run left them.
struct Kept {
  long hits = 0;
  long saved = 0;
};
Kept kept(const std::string& out) {
  Kept k;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(out + "/findings", ec)) {
    if (e.path().filename().string()[0] == '.') continue;
    std::ifstream in(e.path() / "finding.json");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::smatch m;
    if (std::regex_search(text, m, std::regex(R"("hit_count": (\d+))"))) k.hits += std::stol(m[1]);
  }
  for (const fs::directory_entry& e : fs::directory_iterator(out + "/artifacts", ec))
    k.saved += e.path().filename().string().rfind("slow-unit-", 0) != 0;
  return k;
}

ProcessResult fuzz_panic_target(const std::string& mode_flag, const std::string& extra = "", Kept* k = nullptr) {
  std::string out = (fs::temp_directory_path() / ("ffifuzz-modes-" + std::to_string(getpid()))).string();
  fs::remove_all(out);
  std::vector<std::string> argv = {FFIFUZZ_BIN, "fuzz", "--lib", zoo_library(FFIFUZZ_ZOO_DIR, "rust_panic", "cov-asan"),
                                   "--header", std::string(FFIFUZZ_SOURCE_DIR) + "/targets/rust_panic/rust_panic.h",
                                   "--out", out, "--seed", "1", "--runs", "2000000", "--function", "lookup_get",
                                   "--", mode_flag};
  if (!extra.empty()) argv.push_back(extra);
  ProcessResult r = run_process(argv);
  if (k) *k = kept(out);
  fs::remove_all(out);
  return r;
}

TEST(FuzzModes, ForkChildrenFindAndReport) {
  ProcessResult r = fuzz_panic_target("-fork=2");
  EXPECT_EQ(r.exit_code, 1) << r.err.substr(r.err.size() > 4000 ? r.err.size() - 4000 : 0);
  EXPECT_NE(r.err.find("ffifuzz: FINDING rust-panic in lookup_get"), std::string::npos);
}

// Every input the jobs save is classified, and the hits say so (two jobs that save the same
// bytes save one file: libFuzzer names inputs by their hash).
TEST(FuzzModes, JobsFindAndReportEverySavedInput) {
  Kept k;
  ProcessResult r = fuzz_panic_target("-jobs=2", "-workers=2", &k);
  EXPECT_EQ(r.exit_code, 1) << r.err.substr(r.err.size() > 4000 ? r.err.size() - 4000 : 0);
  EXPECT_NE(r.err.find("ffifuzz: FINDING rust-panic in lookup_get"), std::string::npos);
  EXPECT_GE(k.saved, 1);
  EXPECT_EQ(k.hits, k.saved) << "a saved input was not classified";
}

// A slow unit (hostile_chatty's chatty_wait sleeps up to 1.5 s; -report_slow_units=1) is
// saved by libFuzzer but is no finding: the run is clean.
TEST(FuzzModes, SlowUnitsAreNotFindings) {
  std::string out = (fs::temp_directory_path() / ("ffifuzz-slow-" + std::to_string(getpid()))).string();
  fs::remove_all(out);
  ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", zoo_library(FFIFUZZ_ZOO_DIR, "hostile_chatty", "cov"),
                                 "--header", std::string(FFIFUZZ_SOURCE_DIR) + "/targets/hostile_chatty/hostile_chatty.h",
                                 "--out", out, "--seed", "1", "--runs", "40", "--function", "chatty_wait", "--",
                                 "-report_slow_units=1"});
  EXPECT_EQ(r.exit_code, 0) << r.err.substr(r.err.size() > 4000 ? r.err.size() - 4000 : 0);
  EXPECT_NE(r.err.find("ffifuzz: no findings in 40 executions"), std::string::npos)
      << r.err.substr(r.err.size() > 2000 ? r.err.size() - 2000 : 0);
  bool slow = false;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(out + "/artifacts", ec))
    slow |= e.path().filename().string().rfind("slow-unit-", 0) == 0;
  EXPECT_TRUE(slow) << "libFuzzer saved no slow unit: the test tests nothing";
  fs::remove_all(out);
}

}  // namespace
}  // namespace ffifuzz::test
