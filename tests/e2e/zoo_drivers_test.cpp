// Proves that the zoo is what its expectation files claim, without ffifuzz: for every
// planted bug, the target's driver fires it with its triggering input and the sanitizer
// report of the expected class appears; for every target, correct use runs silent under
// ASan, UBSan and LSan in every flavour. One test per (target, trigger, flavour).
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

void register_zoo_tests() {
  for (const ZooTarget& t : load_zoo(FFIFUZZ_SOURCE_DIR)) {
    for (const char* flavour : {"plain", "cov", "cov-asan"}) {
      testing::RegisterTest("ZooClean", test_name(t.name + "_" + flavour).c_str(), nullptr, nullptr, __FILE__, __LINE__,
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
