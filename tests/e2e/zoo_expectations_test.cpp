// Checks the expectation files themselves: every class is one of DESIGN.md's, every
// function is declared in the target's header, flavours are real, and each buggy target has
// a trigger for every runtime finding. A typo here would silently weaken later e2e tests.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "support/zoo.h"

namespace ffifuzz::test {
namespace {

const std::set<std::string> kClasses = {
    "leak", "double-free", "invalid-free", "use-after-free", "heap-overflow", "guard-page-overflow",
    "stack-overflow", "null-deref", "wild-access", "undefined-behavior", "rust-panic", "abort", "exit",
    "timeout", "out-of-memory", "layout-mismatch", "signature-mismatch", "missing-symbol",
    "ffi-unsafe-type", "contract-violation"};
const std::set<std::string> kFlavours = {"plain", "cov", "cov-asan"};

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(ZooExpectations, EveryTargetIsWellFormed) {
  std::vector<ZooTarget> zoo = load_zoo(FFIFUZZ_SOURCE_DIR);
  ASSERT_GE(zoo.size(), 11u) << "the zoo lists 11 required targets";
  for (const ZooTarget& t : zoo) {
    SCOPED_TRACE(t.name);
    std::string header = slurp(t.header);
    ASSERT_FALSE(header.empty()) << "header missing: " << t.header;
    EXPECT_TRUE(t.language == "rust" || t.language == "c");
    EXPECT_TRUE(t.header_source == "cbindgen" || t.header_source == "hand");
    EXPECT_EQ(t.clean, t.findings.empty());
    for (const ExpectedFinding& f : t.findings) {
      SCOPED_TRACE(f.klass + " in " + f.function);
      EXPECT_TRUE(kClasses.count(f.klass));
      EXPECT_NE(header.find(f.function), std::string::npos) << "function not in the header";
      EXPECT_FALSE(f.flavours.empty());
      for (const std::string& fl : f.flavours) EXPECT_TRUE(kFlavours.count(fl)) << fl;
      for (const std::string& fl : f.driver_flavours) EXPECT_TRUE(kFlavours.count(fl)) << fl;
      EXPECT_TRUE(f.detected_by == "fuzz" || f.detected_by == "check");
      EXPECT_FALSE(f.trigger.empty()) << "every finding is proven by a driver trigger";
      if (f.detected_by == "fuzz") EXPECT_FALSE(f.condition.empty()) << "say what the fuzzer must find";
    }
  }
}

}  // namespace
}  // namespace ffifuzz::test
