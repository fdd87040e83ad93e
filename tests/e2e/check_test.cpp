// `ffifuzz check` on real libraries, through the real binary:
//  - every zoo target, driven by its expect.toml: each finding with detected_by = "check"
//    is reported (class and function), with the hint the issue asks for; a target that
//    expects no check finding checks clean (exit 0);
//  - Debian's zlib and bzip2 with their installed headers: no finding, and the report says
//    that layouts were not checked for lack of debug info (--strict makes that exit 1);
//  - the three output formats; bad input: one line, exit 2.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/subprocess.h"
#include "support/zoo.h"

namespace ffifuzz::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

ProcessResult check(std::vector<std::string> args) {
  args.insert(args.begin(), {FFIFUZZ_BIN, "check"});
  return run_process(args);
}

std::string work_dir() {
  fs::create_directories(FFIFUZZ_CHECK_WORK_DIR);
  return FFIFUZZ_CHECK_WORK_DIR;
}

// The line of the first header line containing `text` (1-based), 0 when absent.
unsigned line_of(const std::string& file, const std::string& text) {
  std::ifstream in(file);
  std::string line;
  for (unsigned n = 1; std::getline(in, line); ++n)
    if (line.find(text) != std::string::npos) return n;
  return 0;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// ---- the zoo, one test per target ----

class ZooCheckTest : public testing::Test {
 public:
  explicit ZooCheckTest(ZooTarget target) : target_(std::move(target)) {}

  void TestBody() override {
    const std::string lib = zoo_library(FFIFUZZ_ZOO_DIR, target_.name, "plain");
    ASSERT_TRUE(fs::exists(lib)) << lib << " is not built";
    ProcessResult r = check({"--lib", lib, "--header", target_.header, "--format", "json"});
    ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.exit_code << "\n" << r.err;
    const json report = json::parse(r.out);
    std::vector<const ExpectedFinding*> expected;
    for (const ExpectedFinding& f : target_.findings)
      if (f.detected_by == "check" &&
          std::find(f.flavours.begin(), f.flavours.end(), "plain") != f.flavours.end())
        expected.push_back(&f);
    if (expected.empty()) {
      EXPECT_EQ(r.exit_code, 0) << "no check finding expected, but:\n" << report.dump(2);
      EXPECT_TRUE(report["findings"].empty());
      return;
    }
    EXPECT_EQ(r.exit_code, 1);
    for (const ExpectedFinding* e : expected) {
      SCOPED_TRACE(e->klass + " in " + e->function);
      const json* found = nullptr;
      for (const json& f : report["findings"])
        if (f["class"] == e->klass && f["function"] == e->function) found = &f;
      ASSERT_NE(found, nullptr) << "not reported; the report:\n" << report.dump(2);
      const std::string message = (*found)["message"], hint = (*found)["hint"];
      EXPECT_FALSE(hint.empty());
      EXPECT_EQ((*found)["location"]["file"], target_.header);
      EXPECT_GT((*found)["location"]["line"].get<unsigned>(), 0u);
      const bool rust = target_.language == "rust";
      if (e->klass == "layout-mismatch") {
        // Names the struct, both sizes and the moved fields.
        EXPECT_TRUE(contains((*found)["subject"], "struct ")) << (*found)["subject"];
        EXPECT_TRUE(contains(message, "bytes in the header")) << message;
        EXPECT_TRUE(contains(message, "moved from offset")) << message;
        if (rust) EXPECT_TRUE(contains(hint, "#[repr(C)]")) << hint;
        else EXPECT_TRUE(contains(message, "(header)") && contains(message, "in the library")) << message;
      }
      if (e->klass == "missing-symbol" && rust) EXPECT_TRUE(contains(hint, "#[no_mangle]")) << hint;
      if (e->klass == "ffi-unsafe-type") EXPECT_TRUE(contains(message, "alloc::")) << message;
    }
  }

 private:
  ZooTarget target_;
};

// ---- the C drift target in every format ----

struct DriftTarget {
  std::string lib = zoo_library(FFIFUZZ_ZOO_DIR, "c_drift", "plain");
  std::string header = std::string(FFIFUZZ_SOURCE_DIR) + "/targets/c_drift/c_drift.h";
};

TEST(CheckFormats, TextIsOneFindingALineWithItsFix) {
  DriftTarget t;
  ProcessResult r = check({"--lib", t.lib, "--header", t.header});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(contains(r.out, "layout-mismatch (1)\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "field `flags` is int32_t (4 bytes) in the header, int64_t (8 bytes) in the library"))
      << r.out;
  EXPECT_TRUE(contains(r.out, "-- fix: ")) << r.out;
}

TEST(CheckFormats, SarifRuleIsTheClassAndLocationTheHeaderLine) {
  DriftTarget t;
  ProcessResult r = check({"--lib", t.lib, "--header", t.header, "--format", "sarif"});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  const json sarif = json::parse(r.out);
  EXPECT_EQ(sarif["version"], "2.1.0");
  const json& result = sarif["runs"][0]["results"][0];
  EXPECT_EQ(result["ruleId"], "layout-mismatch");
  const json& loc = result["locations"][0]["physicalLocation"];
  EXPECT_EQ(loc["artifactLocation"]["uri"], t.header);
  EXPECT_EQ(loc["region"]["startLine"], line_of(t.header, "struct config {"));
}

TEST(CheckFormats, OutputFileGetsTheReport) {
  DriftTarget t;
  const std::string out = work_dir() + "/drift.json";
  fs::remove(out);
  ProcessResult r = check({"--lib", t.lib, "--header", t.header, "--format", "json", "-o", out});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  std::ifstream in(out);
  const json report = json::parse(in);
  EXPECT_EQ(report["findings"].size(), 1u);
}

// ---- Debian's libraries with their headers ----

struct DebianLib {
  const char* lib;
  const char* header;
};

class DebianCheckTest : public testing::TestWithParam<DebianLib> {};

TEST_P(DebianCheckTest, NoFalseFindingsAndSaysLayoutsWereNotChecked) {
  const DebianLib d = GetParam();
  ASSERT_TRUE(fs::exists(d.lib) && fs::exists(d.header))
      << d.lib << " / " << d.header << " missing: scripts/setup.sh installs zlib1g-dev and libbz2-dev";
  ProcessResult r = check({"--lib", d.lib, "--header", d.header});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "0 findings")) << r.out;
  EXPECT_TRUE(contains(r.out, "has no debug info (DWARF), so struct layouts and signatures were not checked")) << r.out;
  EXPECT_TRUE(contains(r.out, "-g (C)")) << r.out;

  ProcessResult strict = check({"--lib", d.lib, "--header", d.header, "--strict"});
  EXPECT_EQ(strict.exit_code, 1) << strict.out;
  EXPECT_TRUE(contains(strict.out, "--strict")) << strict.out;
}

INSTANTIATE_TEST_SUITE_P(Debian, DebianCheckTest,
                         testing::Values(DebianLib{"/usr/lib/x86_64-linux-gnu/libz.so.1", "/usr/include/zlib.h"},
                                         DebianLib{"/usr/lib/x86_64-linux-gnu/libbz2.so.1.0", "/usr/include/bzlib.h"}),
                         [](const auto& info) { return info.index == 0 ? std::string("zlib") : std::string("bzip2"); });

// ---- bad input ----

std::string write_file(const std::string& name, const std::string& content) {
  const std::string path = work_dir() + "/" + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

// A bare ELF header (no sections) of the given class and machine: enough to be refused.
std::string elf_header(bool is64, uint16_t machine) {
  std::string h(is64 ? 64 : 52, '\0');
  h[0] = 0x7f, h[1] = 'E', h[2] = 'L', h[3] = 'F';
  h[4] = is64 ? 2 : 1;  // EI_CLASS
  h[5] = 1;             // little endian
  h[6] = 1;             // EV_CURRENT
  h[16] = 3;            // ET_DYN
  h[18] = static_cast<char>(machine & 0xff), h[19] = static_cast<char>(machine >> 8);
  h[20] = 1;  // e_version
  h[is64 ? 52 : 40] = is64 ? 64 : 52;  // e_ehsize
  return h;
}

void expect_one_line_exit_2(const ProcessResult& r, const std::string& must_name, const std::string& says) {
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_TRUE(contains(r.err, must_name)) << r.err;
  EXPECT_TRUE(contains(r.err, says)) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(CheckBadInput, NotAnElfFile) {
  const std::string lib = write_file("libscript.so", "/* GNU ld script */\nGROUP ( libc.so.6 )\n");
  DriftTarget t;
  expect_one_line_exit_2(check({"--lib", lib, "--header", t.header}), lib, "not an ELF file");
}

TEST(CheckBadInput, ElfOfAnotherArchitecture) {
  const std::string lib = write_file("libarm64.so", elf_header(true, 183));  // EM_AARCH64
  DriftTarget t;
  expect_one_line_exit_2(check({"--lib", lib, "--header", t.header}), lib, "aarch64");
}

TEST(CheckBadInput, ElfOfAnotherClass) {
  const std::string lib = write_file("libi386.so", elf_header(false, 3));  // EM_386, 32-bit
  DriftTarget t;
  expect_one_line_exit_2(check({"--lib", lib, "--header", t.header}), lib, "32-bit");
}

TEST(CheckBadInput, MissingLibrary) {
  const std::string lib = work_dir() + "/libnothere.so";
  DriftTarget t;
  ProcessResult r = check({"--lib", lib, "--header", t.header});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_TRUE(contains(r.err, "libnothere.so")) << r.err;
}

TEST(CheckBadInput, HeaderThatDeclaresNoFunction) {
  const std::string header = write_file("types_only.h", "struct point { int x, y; };\n");
  DriftTarget t;
  expect_one_line_exit_2(check({"--lib", t.lib, "--header", header}), header, "declares no function");
}

TEST(CheckBadInput, UnknownFormat) {
  DriftTarget t;
  ProcessResult r = check({"--lib", t.lib, "--header", t.header, "--format", "xml"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

}  // namespace
}  // namespace ffifuzz::test

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  for (ffifuzz::test::ZooTarget& t : ffifuzz::test::load_zoo(FFIFUZZ_SOURCE_DIR)) {
    const std::string name = t.name;
    testing::RegisterTest("ZooCheck", ffifuzz::test::test_name(name).c_str(), nullptr, nullptr, __FILE__, __LINE__,
                          [t]() -> testing::Test* { return new ffifuzz::test::ZooCheckTest(t); });
  }
  return ffifuzz::test::fail_if_nothing_ran(RUN_ALL_TESTS());
}
