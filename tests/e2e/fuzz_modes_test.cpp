// libFuzzer's parallel modes through `ffifuzz fuzz`: -fork and -jobs children re-run the same
// subcommand and options, and a finding in a child is still reported by the supervisor.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/subprocess.h"
#include "support/zoo.h"

namespace ffifuzz::test {
namespace {
namespace fs = std::filesystem;

ProcessResult fuzz_panic_target(const std::string& mode_flag, const std::string& extra = "") {
  std::string out = (fs::temp_directory_path() / ("ffifuzz-modes-" + std::to_string(getpid()))).string();
  fs::remove_all(out);
  std::vector<std::string> argv = {FFIFUZZ_BIN, "fuzz", "--lib", zoo_library(FFIFUZZ_ZOO_DIR, "rust_panic", "cov-asan"),
                                   "--header", std::string(FFIFUZZ_SOURCE_DIR) + "/targets/rust_panic/rust_panic.h",
                                   "--out", out, "--seed", "1", "--runs", "2000000", "--function", "lookup_get",
                                   "--", mode_flag};
  if (!extra.empty()) argv.push_back(extra);
  ProcessResult r = run_process(argv);
  fs::remove_all(out);
  return r;
}

TEST(FuzzModes, ForkChildrenFindAndReport) {
  ProcessResult r = fuzz_panic_target("-fork=2");
  EXPECT_EQ(r.exit_code, 1) << r.err.substr(r.err.size() > 4000 ? r.err.size() - 4000 : 0);
  EXPECT_NE(r.err.find("ffifuzz: FINDING rust-panic in lookup_get"), std::string::npos);
}

TEST(FuzzModes, JobsFindAndReport) {
  ProcessResult r = fuzz_panic_target("-jobs=2", "-workers=2");
  EXPECT_EQ(r.exit_code, 1) << r.err.substr(r.err.size() > 4000 ? r.err.size() - 4000 : 0);
  EXPECT_NE(r.err.find("ffifuzz: FINDING rust-panic in lookup_get"), std::string::npos);
}

}  // namespace
}  // namespace ffifuzz::test
