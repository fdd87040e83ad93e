// End to end: `ffifuzz fuzz` on the zoo, driven by the targets' expect.toml files.
// Every planted runtime bug (detected_by = "fuzz") must be found, in every flavour the file
// names, with the expected class and exported function, by a bounded run (fixed seed,
// capped executions) focused on that function. Clean targets run 1,000,000 executions with
// no finding (label slow). Each test prints how many executions the finding took.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>

#include "support/subprocess.h"
#include "support/zoo.h"

namespace ffifuzz::test {
namespace {
namespace fs = std::filesystem;

constexpr const char* kRunsPerBug = "2000000";
constexpr const char* kCleanRuns = "1000000";

std::string fresh_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("ffifuzz-e2e-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  return dir.string();
}

class FuzzFindingTest : public testing::Test {
 public:
  FuzzFindingTest(ZooTarget t, ExpectedFinding f, std::string flavour)
      : target_(std::move(t)), finding_(std::move(f)), flavour_(std::move(flavour)) {}

  void TestBody() override {
    std::string out = fresh_dir(target_.name + "-" + finding_.function + "-" + flavour_);
    ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", zoo_library(FFIFUZZ_ZOO_DIR, target_.name, flavour_),
                                   "--header", target_.header, "--out", out, "--seed", "1", "--runs", kRunsPerBug,
                                   "--function", finding_.function});
    std::string all = r.out + r.err;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(all, m, std::regex(R"(ffifuzz: FINDING (\S+) in (\S+))")))
        << "no finding (expected " << finding_.klass << " in " << finding_.function << ", " << finding_.condition
        << "); exit " << r.exit_code << "\n" << all.substr(all.size() > 6000 ? all.size() - 6000 : 0);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(finding_.matches(m[1].str(), m[2].str()))
        << "expected " << finding_.klass << " in " << finding_.function << ", found " << m[1] << " in " << m[2] << "\n"
        << all.substr(all.size() > 6000 ? all.size() - 6000 : 0);
    std::smatch e;
    if (std::regex_search(all, e, std::regex(R"(found after (\d+) executions)"))) {
      std::printf("[ executions ] %s %s in %s (%s): %s\n", target_.name.c_str(), finding_.klass.c_str(),
                  finding_.function.c_str(), flavour_.c_str(), e[1].str().c_str());
      RecordProperty("executions", e[1].str());
    }
    fs::remove_all(out);
  }

 private:
  ZooTarget target_;
  ExpectedFinding finding_;
  std::string flavour_;
};

class FuzzCleanTest : public testing::Test {
 public:
  FuzzCleanTest(ZooTarget t, std::string flavour) : target_(std::move(t)), flavour_(std::move(flavour)) {}
  void TestBody() override {
    std::string out = fresh_dir(target_.name + "-clean-" + flavour_);
    const std::string runs = target_.clean_runs > 0 ? std::to_string(target_.clean_runs) : kCleanRuns;
    ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", zoo_library(FFIFUZZ_ZOO_DIR, target_.name, flavour_),
                                   "--header", target_.header, "--out", out, "--seed", "1", "--runs", runs});
    std::string all = r.out + r.err;
    EXPECT_EQ(r.exit_code, 0) << all.substr(all.size() > 8000 ? all.size() - 8000 : 0);
    EXPECT_NE(all.find("ffifuzz: no findings in " + runs + " executions"), std::string::npos)
        << all.substr(all.size() > 3000 ? all.size() - 3000 : 0);
    fs::remove_all(out);
  }

 private:
  ZooTarget target_;
  std::string flavour_;
};

void register_tests() {
  for (const ZooTarget& t : load_zoo(FFIFUZZ_SOURCE_DIR)) {
    // A library that cannot be loaded has nothing to fuzz: what `ffifuzz fuzz` must say about
    // it (its load_error) is not tested here.
    if (t.load_error) continue;
    if (t.clean) {
      for (const char* flavour : {"plain", "cov-asan"})
        testing::RegisterTest("FuzzCleanSlow", test_name(t.name + "_" + flavour).c_str(), nullptr, nullptr, __FILE__, __LINE__,
                              [=]() -> testing::Test* { return new FuzzCleanTest(t, flavour); });
      continue;
    }
    std::set<std::string> registered;
    for (const ExpectedFinding& f : t.findings) {
      if (f.detected_by != "fuzz") continue;
      // Two bugs of one function and class, told apart by the access (c_rw_overflow): a run
      // stops at whichever it meets first, so one run tests both; findings_test replays each
      // and checks they are two findings.
      if (!registered.insert(f.function + " " + f.klass).second) continue;
      for (const std::string& flavour : f.flavours) {
        std::string name = t.name + "_" + f.function + "_" + f.klass + "_" + flavour;
        testing::RegisterTest("FuzzFinding", test_name(name).c_str(), nullptr, nullptr, __FILE__, __LINE__,
                              [=]() -> testing::Test* { return new FuzzFindingTest(t, f, flavour); });
      }
    }
  }
}

}  // namespace
}  // namespace ffifuzz::test

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  ffifuzz::test::register_tests();
  int rc = RUN_ALL_TESTS();
  return ffifuzz::test::fail_if_nothing_ran(rc);
}
