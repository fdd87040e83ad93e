// Real Debian libraries (cmake/RealLibs.cmake, docs/real-libs.md) through the real binary.
// For every library of build/real/libraries.txt:
//  - Built: each flavour's lib<name>.so and main header exist, and the flavour is what its
//    name says: plain references no sanitizer callback, cov SanitizerCoverage's trace-cmp
//    and no ASan, cov-asan both ASan and UBSan (undefined symbols the ffifuzz binary provides);
//  - Inspect: `ffifuzz inspect` reads the main header against the cov-asan build (exit 0)
//    with --lib applied: exports found, every unskipped header function not exported listed
//    as missing;
//  - Check: `ffifuzz check` compares the header with the plain build's DWARF: exit 0 or 1
//    (findings are the lead's to triage), signatures compared against the DWARF.
// A library that is not there fails its tests: whenever these are registered the build
// builds the libraries, so a missing one is a broken build, not a reason to skip.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "support/real_libs.h"
#include "support/subprocess.h"
#include "support/zoo.h"

namespace ffifuzz::test {
namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// The dynamic symbols the library imports but does not define.
std::string undefined_symbols(const std::string& lib) {
  ProcessResult r = run_process({FFIFUZZ_NM, "-D", "--undefined-only", lib});
  EXPECT_EQ(r.exit_code, 0) << FFIFUZZ_NM << " -D " << lib << ": " << r.err;
  return r.out;
}

class RealLibTest : public testing::Test {
 public:
  RealLibTest(RealLib lib, std::string flavour) : lib_(std::move(lib)), flavour_(std::move(flavour)) {}

 protected:
  std::string lib_path() const { return real_library(FFIFUZZ_REAL_DIR, lib_, flavour_); }
  std::string header() const { return real_header(FFIFUZZ_REAL_DIR, lib_, flavour_); }
  std::string include_dir() const { return real_include_dir(FFIFUZZ_REAL_DIR, lib_, flavour_); }
  std::string missing() const { return real_lib_missing(FFIFUZZ_REAL_DIR, lib_, flavour_); }

  RealLib lib_;
  std::string flavour_;
};

class BuiltTest : public RealLibTest {
 public:
  using RealLibTest::RealLibTest;
  void TestBody() override {
    ASSERT_EQ(missing(), "");
    const std::string undefined = undefined_symbols(lib_path());
    const bool sancov = contains(undefined, "__sanitizer_cov_trace_cmp");
    const bool asan = contains(undefined, "__asan_");
    const bool ubsan = contains(undefined, "__ubsan_handle_");
    EXPECT_EQ(sancov, flavour_ != "plain") << lib_path() << " imports:\n" << undefined;
    EXPECT_EQ(asan, flavour_ == "cov-asan") << lib_path() << " imports:\n" << undefined;
    EXPECT_EQ(ubsan, flavour_ == "cov-asan") << lib_path() << " imports:\n" << undefined;
  }
};

class InspectTest : public RealLibTest {
 public:
  InspectTest(RealLib lib) : RealLibTest(std::move(lib), "cov-asan") {}
  void TestBody() override {
    ASSERT_EQ(missing(), "");
    ProcessResult r = run_process(
        {FFIFUZZ_BIN, "inspect", "--lib", lib_path(), "--header", header(), "-I", include_dir(), "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;
    const nlohmann::json doc = nlohmann::json::parse(r.out);
    // --lib was read: the header's functions are found among the exports, and each one that
    // is not (and is not skipped, like jansson's static inline ones) is listed as missing
    // (md4c-html.h also declares libmd4c's md_parse).
    size_t exported = 0, unexported = 0;
    for (const nlohmann::json& f : doc["functions"]) {
      if (f["exported"] == true) ++exported;
      else if (f["skip_reason"].is_null()) ++unexported;
    }
    EXPECT_GE(exported, 1u) << r.out;
    ASSERT_TRUE(doc["missing_from_library"].is_array()) << r.out;
    EXPECT_EQ(doc["missing_from_library"].size(), unexported) << r.out;
  }
};

class CheckTest : public RealLibTest {
 public:
  CheckTest(RealLib lib) : RealLibTest(std::move(lib), "plain") {}
  void TestBody() override {
    ASSERT_EQ(missing(), "");
    ProcessResult r =
        run_process({FFIFUZZ_BIN, "check", "--lib", lib_path(), "--header", header(), "-I", include_dir()});
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << "exit " << r.exit_code << "\n" << r.out << r.err;
    // Built with -g: the signatures were compared against the DWARF, not only the symbols.
    EXPECT_FALSE(contains(r.out, "no debug info")) << r.out;
    EXPECT_TRUE(contains(r.out, "signature(s) against the DWARF")) << r.out;
  }
};

void register_real_lib_tests() {
  for (const RealLib& lib : load_real_libs(FFIFUZZ_REAL_DIR)) {
    for (const std::string& flavour : kRealFlavours)
      testing::RegisterTest("RealLibBuilt", test_name(lib.library + "_" + flavour).c_str(), nullptr, nullptr,
                            __FILE__, __LINE__, [=]() -> testing::Test* { return new BuiltTest(lib, flavour); });
    testing::RegisterTest("RealLibInspect", test_name(lib.library).c_str(), nullptr, nullptr, __FILE__, __LINE__,
                          [=]() -> testing::Test* { return new InspectTest(lib); });
    testing::RegisterTest("RealLibCheck", test_name(lib.library).c_str(), nullptr, nullptr, __FILE__, __LINE__,
                          [=]() -> testing::Test* { return new CheckTest(lib); });
  }
}

}  // namespace
}  // namespace ffifuzz::test

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  ffifuzz::test::register_real_lib_tests();
  int rc = RUN_ALL_TESTS();
  return ffifuzz::test::fail_if_nothing_ran(rc);
}
