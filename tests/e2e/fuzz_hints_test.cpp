// Comparison hints end to end, on c_barrier's two bugs behind `if (len != expected)`
// barriers (a byte length and an element count the library computes from a header): the same
// seed and execution cap find each with hints and not without (FFIFUZZ_NO_HINTS=1; value
// profile and libFuzzer's comparison tables stay on). And long inputs: a starting input longer
// than the default -max_len raises it and runs whole.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "support/subprocess.h"
#include "support/zoo.h"

namespace ffifuzz::test {
namespace {
namespace fs = std::filesystem;

// Runs are not exactly repeatable (addresses differ from run to run, and comparisons of them
// feed libFuzzer's tables), so the caps leave room: with hints the bugs mostly fall within
// tens of thousands of executions (seeds 1-3: 0.7k to 61k; one run of seed 1 took over
// 300,000), without them none was found within 2,000,000 in six runs; one without-run of
// barrier_columns found it after 286,541 (bench/fuzz/run_hints_bench.sh).
const char* kRunsWith = "2000000";
const char* kRunsWithout = "100000";

std::string fresh_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("ffifuzz-hints-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

std::vector<std::string> barrier_fuzz(const std::string& out) {
  return {FFIFUZZ_BIN, "fuzz", "--lib", zoo_library(FFIFUZZ_ZOO_DIR, "c_barrier", "cov-asan"), "--header",
          std::string(FFIFUZZ_SOURCE_DIR) + "/targets/c_barrier/c_barrier.h", "--seed", "1", "--out", out};
}

// Executions to the finding in `function`, or -1 when the run ended without it.
long executions_to(const std::string& function, bool hints) {
  const char* runs = hints ? kRunsWith : kRunsWithout;
  std::string out = fresh_dir(function + (hints ? "-with" : "-without"));
  std::vector<std::string> argv = barrier_fuzz(out);
  for (const char* a : {"--function", function.c_str(), "--runs", runs}) argv.push_back(a);
  ProcessResult r = run_process(argv, hints ? std::map<std::string, std::string>{}
                                            : std::map<std::string, std::string>{{"FFIFUZZ_NO_HINTS", "1"}});
  std::string all = r.out + r.err;
  std::smatch m;
  long found = -1;
  if (std::regex_search(all, m, std::regex("FINDING heap-overflow in " + function + R"([\s\S]*?found after (\d+) executions)")))
    found = std::stol(m[1]);
  else
    EXPECT_NE(all.find("no findings in " + std::string(runs) + " executions"), std::string::npos) << all.substr(0, 4000);
  fs::remove_all(out);
  return found;
}

TEST(HintsFuzz, ByteLengthBarrierOpensWithHintsOnly) {
  long with = executions_to("barrier_encode", true);
  EXPECT_GT(with, 0) << "not found with hints within " << kRunsWith;
  EXPECT_EQ(executions_to("barrier_encode", false), -1) << "found without hints: the barrier tests nothing";
  std::printf("barrier_encode: found after %ld executions with hints, not within %s without\n", with, kRunsWithout);
}

TEST(HintsFuzz, ElementCountBarrierOpensWithHintsOnly) {
  long with = executions_to("barrier_columns", true);
  EXPECT_GT(with, 0) << "not found with hints within " << kRunsWith;
  EXPECT_EQ(executions_to("barrier_columns", false), -1) << "found without hints: the barrier tests nothing";
  std::printf("barrier_columns: found after %ld executions with hints, not within %s without\n", with, kRunsWithout);
}

// A text program whose buffer alone is longer than the default -max_len (16384): libFuzzer
// would read only its start (a broken text, run as no program). The run raises -max_len to
// it and says so; the program runs whole and reaches its bug at once. With a -max_len of the
// user's, the cut is said instead.
TEST(LongInput, StartingInputLongerThanTheDefaultMaxLenRunsWhole) {
  std::string seeds = fresh_dir("long-seeds");
  {
    std::ofstream f(seeds + "/long.txt");
    f << "# ffifuzz program v1\nbarrier_encode(&(const barrier_image){.width = 300, .height = 64, .channels = 1}, \""
      << std::string(19200, 'a') << "\", 19200);\n";
  }
  std::string out = fresh_dir("long-out");
  std::vector<std::string> argv = barrier_fuzz(out);
  for (const char* a : {"--seed-corpus", seeds.c_str(), "--runs", "20"}) argv.push_back(a);
  ProcessResult r = run_process(argv);
  EXPECT_TRUE(std::regex_search(r.err, std::regex(R"(ffifuzz: -max_len=19\d\d\d: the longest starting input)"))) << r.err;
  EXPECT_NE(r.err.find("FINDING heap-overflow in barrier_encode"), std::string::npos) << r.err;
  fs::remove_all(out);

  out = fresh_dir("long-out-cut");
  argv = barrier_fuzz(out);
  for (const char* a : {"--seed-corpus", seeds.c_str(), "--runs", "20", "--", "-max_len=16384"}) argv.push_back(a);
  r = run_process(argv);
  EXPECT_NE(r.err.find("1 starting input(s) longer than -max_len=16384"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("FINDING"), std::string::npos) << "a cut program still reached the bug:\n" << r.err;
  fs::remove_all(out);
  fs::remove_all(seeds);
}

}  // namespace
}  // namespace ffifuzz::test
