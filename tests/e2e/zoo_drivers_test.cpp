// Proves that the zoo is what its expectation files claim, without ffifuzz: for every
// planted bug, the target's driver fires it with its triggering input and the sanitizer
// report of the expected class appears; for every target, correct use runs silent under
// ASan, UBSan and LSan in every flavour. One test per (target, trigger, flavour).
// Loading, through the drivers' built-in `load` trigger: a library that cannot be loaded
// (expect = "load-error") shows what its driver_expect says and never finishes loading; every
// other library finishes loading within the trigger's deadline.
#include <gtest/gtest.h>

#include <regex>

#include "support/subprocess.h"
#include "support/zoo.h"

namespace ffifuzz::test {
namespace {

const std::map<std::string, std::string> kDriverEnv = {
    {"ASAN_OPTIONS",
     "detect_leaks=1:abort_on_error=0:halt_on_error=1:max_allocation_size_mb=2048:"
     "allocator_may_return_null=0:symbolize=1"},
    {"UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1"},
    {"RUST_BACKTRACE", "0"},
};

std::string driver_path(const std::string& name) { return std::string(FFIFUZZ_ZOO_DIR) + "/drivers/" + name; }

// The `load` trigger's own deadline is 2 s (ZOO_LOAD_SECONDS, driver_support.h); this only
// keeps a driver whose deadline failed from hanging the test.
constexpr double kLoadTestTimeout = 60;
constexpr double kLoadDeadline = 2;

class DriverTest : public testing::Test {
 public:
  DriverTest(ZooTarget target, std::string trigger, std::string flavour, std::string expect_regex)
      : target_(std::move(target)), trigger_(std::move(trigger)), flavour_(std::move(flavour)),
        expect_(std::move(expect_regex)) {}

  void TestBody() override {
    std::string lib = zoo_library(FFIFUZZ_ZOO_DIR, target_.name, flavour_);
    ProcessResult r = run_process({driver_path(target_.name), lib, trigger_, flavour_}, kDriverEnv);
    std::string all = r.out + r.err;
    if (expect_.empty()) {
      // Correct use: the driver must finish and the sanitizers stay silent.
      EXPECT_EQ(r.exit_code, 0) << all;
      EXPECT_NE(all.find("ZOO-DONE " + trigger_), std::string::npos) << all;
      EXPECT_EQ(all.find("Sanitizer"), std::string::npos) << all;
      EXPECT_EQ(all.find("runtime error:"), std::string::npos) << all;
      EXPECT_EQ(all.find("panicked"), std::string::npos) << all;
    } else {
      EXPECT_TRUE(std::regex_search(all, std::regex(expect_))) << "expected /" << expect_ << "/ in:\n" << all;
      // A bug that fires must not let the driver finish as if nothing happened, unless the
      // driver proves a static fact (layout, symbols), where it prints ZOO-FACT and exits.
      if (all.find("ZOO-FACT") == std::string::npos)
        EXPECT_EQ(all.find("ZOO-DONE " + trigger_), std::string::npos) << all;
    }
  }

 private:
  ZooTarget target_;
  std::string trigger_, flavour_, expect_;
};

// The built-in `load` trigger. A load-error target: the driver must not finish loading and
// its output must match the target's driver_expect (a crash in the constructor shows the
// sanitizer's report; a constructor that never returns meets the deadline, ZOO-TIMEOUT,
// which proves dlopen was still running after it). Any other target loads in time.
class LoadTest : public testing::Test {
 public:
  LoadTest(ZooTarget target, std::string flavour) : target_(std::move(target)), flavour_(std::move(flavour)) {}

  void TestBody() override {
    std::string lib = zoo_library(FFIFUZZ_ZOO_DIR, target_.name, flavour_);
    ProcessResult r = run_process({driver_path(target_.name), lib, "load", flavour_}, kDriverEnv, "", kLoadTestTimeout);
    std::string all = r.out + r.err;
    ASSERT_FALSE(r.timed_out) << "the driver was still running after " << kLoadTestTimeout
                              << " s: the load trigger's deadline did not end it\n" << all;
    if (!target_.load_error) {
      EXPECT_EQ(r.exit_code, 0) << all;
      EXPECT_NE(all.find("ZOO-LOADED"), std::string::npos) << all;
      EXPECT_NE(all.find("ZOO-DONE load"), std::string::npos) << all;
      return;
    }
    EXPECT_TRUE(std::regex_search(all, std::regex(target_.load_driver_expect)))
        << "expected /" << target_.load_driver_expect << "/ in:\n" << all;
    EXPECT_EQ(all.find("ZOO-LOADED"), std::string::npos) << all;
    EXPECT_EQ(all.find("ZOO-DONE load"), std::string::npos) << all;
    EXPECT_NE(r.exit_code, 0) << all;
    if (all.find("ZOO-TIMEOUT") != std::string::npos) {
      EXPECT_EQ(r.exit_code, 124) << all;
      EXPECT_GE(r.seconds, kLoadDeadline) << "ZOO-TIMEOUT before the deadline?\n" << all;
    }
  }

 private:
  ZooTarget target_;
  std::string flavour_;
};

void register_zoo_tests() {
  for (const ZooTarget& t : load_zoo(FFIFUZZ_SOURCE_DIR)) {
    for (const char* flavour : {"plain", "cov", "cov-asan"}) {
      std::string name = test_name(t.name + "_" + flavour);
      testing::RegisterTest(t.load_error ? "ZooLoadError" : "ZooLoad", name.c_str(), nullptr, nullptr, __FILE__,
                            __LINE__, [=]() -> testing::Test* { return new LoadTest(t, flavour); });
      // Correct use needs a loaded library: a load-error target has none to prove.
      if (t.load_error) continue;
      testing::RegisterTest("ZooClean", name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                            [=]() -> testing::Test* { return new DriverTest(t, "clean", flavour, ""); });
    }
    for (const ExpectedFinding& f : t.findings) {
      std::string sig = f.driver_expect;
      if (sig.empty()) sig = default_driver_signature(f.klass).value_or("");
      for (const std::string& flavour : f.driver_flavours) {
        std::string name = t.name + "_" + f.trigger + "_" + flavour;
        testing::RegisterTest("ZooBug", test_name(name).c_str(), nullptr, nullptr, __FILE__, __LINE__,
                              [=]() -> testing::Test* {
                                if (sig.empty())
                                  ADD_FAILURE() << t.name << ": finding " << f.klass
                                                << " has no driver_expect and no default signature";
                                return new DriverTest(t, f.trigger, flavour, sig);
                              });
      }
    }
  }
}

}  // namespace
}  // namespace ffifuzz::test

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  ffifuzz::test::register_zoo_tests();
  int rc = RUN_ALL_TESTS();
  return ffifuzz::test::fail_if_nothing_ran(rc);
}
