// `ffifuzz fuzz` on bad input: one clear line and exit 2, never a crash or a hang; header
// functions the library lacks are skipped with a warning and counted.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/subprocess.h"

namespace ffifuzz::test {
namespace {
namespace fs = std::filesystem;

const std::string kFixtures = std::string(FFIFUZZ_SOURCE_DIR) + "/tests/e2e/fixtures";
const std::string kFixtureLibs = FFIFUZZ_FUZZ_FIXTURE_DIR;

ProcessResult fuzz(const std::string& lib, const std::string& header, const std::string& runs = "1000") {
  std::string out = (fs::temp_directory_path() / ("ffifuzz-badinput-" + std::to_string(getpid()))).string();
  fs::remove_all(out);
  ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header, "--out", out, "--runs", runs, "--seed", "1"});
  fs::remove_all(out);
  return r;
}

void expect_one_line_error(const ProcessResult& r, const std::string& needle) {
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
}

TEST(FuzzBadInput, MissingLibrary) {
  expect_one_line_error(fuzz("/nonexistent/libnothing.so", kFixtures + "/partial.h"), "/nonexistent/libnothing.so");
}

TEST(FuzzBadInput, NotALibrary) {
  expect_one_line_error(fuzz(kFixtures + "/partial.h", kFixtures + "/partial.h"), "not an ELF file");
}

TEST(FuzzBadInput, UnresolvedSymbols) {
  expect_one_line_error(fuzz(kFixtureLibs + "/libfuzz_unresolved.so", kFixtures + "/partial.h"), "defined_nowhere");
}

TEST(FuzzBadInput, NothingLeftToCall) {
  expect_one_line_error(fuzz(kFixtureLibs + "/libfuzz_partial.so", kFixtures + "/absent_only.h"), "nothing left to call");
}

TEST(FuzzBadInput, MissingHeader) {
  expect_one_line_error(fuzz(kFixtureLibs + "/libfuzz_partial.so", kFixtures + "/no-such-header.h"), "no-such-header.h");
}

TEST(FuzzBadInput, AbsentFunctionsAreSkippedWithAWarningAndCounted) {
  ProcessResult r = fuzz(kFixtureLibs + "/libfuzz_partial.so", kFixtures + "/partial.h", "20000");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("driving 1 function: partial_present"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("skipping partial_absent: declared in the header but not exported by the library"), std::string::npos);
  EXPECT_NE(r.err.find("warning: 1 header function is not exported by the library"), std::string::npos);
  EXPECT_NE(r.err.find("ffifuzz: no findings in 20000 executions"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace ffifuzz::test
