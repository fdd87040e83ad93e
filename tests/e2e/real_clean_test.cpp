// Real libraries nobody here wrote (issue 8): a contract file in targets/real/<lib>/ and
// 1,000,000 executions with a fixed seed must produce no finding. A finding here is either a
// real bug in the library or a gap in the contract or the inference, never an expectation to
// loosen. These run on Debian's installed (uninstrumented) build: the guard pages and
// LeakSanitizer are what sees a fault there.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/subprocess.h"

namespace ffifuzz::test {
namespace {

namespace fs = std::filesystem;

struct RealLibrary {
  const char* name;
  const char* lib;
  const char* header;
};

const RealLibrary kZlib{"zlib", "/usr/lib/x86_64-linux-gnu/libz.so", "/usr/include/zlib.h"};

void expect_clean(const RealLibrary& r, long runs) {
  // zlib1g-dev is installed by scripts/setup.sh: a missing file is a broken setup, not a skip.
  ASSERT_TRUE(fs::exists(r.lib)) << r.lib << " missing: run scripts/setup.sh";
  fs::path out = fs::temp_directory_path() / ("ffifuzz-real-" + std::string(r.name));
  fs::remove_all(out);
  std::string contract = std::string(FFIFUZZ_SOURCE_DIR) + "/targets/real/" + r.name + "/contract.toml";
  ProcessResult p = run_process({FFIFUZZ_BIN, "fuzz", "--lib", r.lib, "--header", r.header, "--contract", contract,
                                 "--out", out.string(), "--runs", std::to_string(runs), "--seed", "1"});
  EXPECT_EQ(p.exit_code, 0) << p.err.substr(p.err.size() > 6000 ? p.err.size() - 6000 : 0);
  EXPECT_NE(p.err.find("stat::number_of_executed_units: " + std::to_string(runs)), std::string::npos)
      << "did not run all executions";
  EXPECT_NE(p.err.find("ffifuzz: no findings"), std::string::npos);
  // The contract's decisions were used: the initializer and the fixed version reached zlib.
  EXPECT_NE(p.err.find("deflateInit_"), std::string::npos);
  fs::remove_all(out);
}

TEST(RealCleanSlow, ZlibMillionExecutionsNoFinding) { expect_clean(kZlib, 1000000); }

// A quick version for every CI run: the contract loads, the plan keeps the stream functions
// and inflate/deflate run without a harness-made report.
TEST(RealClean, ZlibShortRunNoFinding) { expect_clean(kZlib, 20000); }

}  // namespace
}  // namespace ffifuzz::test
