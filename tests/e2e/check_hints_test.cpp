// `ffifuzz check` says what fits the case (docs/check.md), through the real binary on real
// libraries: each test asserts the exit code and the exact report line.
//  - a Rust function without #[no_mangle]: kept as a local mangled symbol, or left out of the
//    cdylib (no trace but the library being Rust), also in a stripped copy (.comment);
//  - a #[repr(C)] Rust struct behind a stale header: regenerate the header, not "add repr(C)";
//    a struct missing #[repr(C)] still gets that hint;
//  - glibc's fd_set (`__fds_bits` / `fds_bits`, one layout) through c-ares' ares.h: no finding;
//  - jansson's `static inline` header functions: not missing symbols; md4c-html's md_parse,
//    imported from libmd4c: not a missing symbol either.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "support/real_libs.h"
#include "support/subprocess.h"
#include "support/zoo.h"

namespace ffifuzz::test {
namespace {

namespace fs = std::filesystem;

ProcessResult check(std::vector<std::string> args) {
  args.insert(args.begin(), {FFIFUZZ_BIN, "check"});
  return run_process(args);
}

std::string zoo_header(const std::string& target) {
  return std::string(FFIFUZZ_SOURCE_DIR) + "/targets/" + target + "/" + target + ".h";
}

// The header's line holding `text` (1-based), 0 when absent.
unsigned line_of(const std::string& file, const std::string& text) {
  std::ifstream in(file);
  std::string line;
  for (unsigned n = 1; std::getline(in, line); ++n)
    if (line.find(text) != std::string::npos) return n;
  return 0;
}

// The report's text line about `function` (its "error: NAME:" line), empty when none.
std::string finding_line(const std::string& report, const std::string& function) {
  std::istringstream in(report);
  std::string line;
  while (std::getline(in, line))
    if (line.find(" error: " + function + ": ") != std::string::npos) return line;
  return "";
}

std::string prefix(const std::string& header, const std::string& decl, const std::string& function) {
  return "  " + header + ":" + std::to_string(line_of(header, decl)) + ": error: " + function + ": ";
}

std::string no_mangle_fix(const std::string& name) {
  return "mark it `#[no_mangle] pub extern \"C\" fn " + name +
         "` (`#[unsafe(no_mangle)]` in edition 2024) so that it is exported as `" + name + "`";
}

std::string forgotten_fix() {
  return "if the Rust crate defines `sym_forgotten_product`, " + no_mangle_fix("sym_forgotten_product") +
         " (without it rustc mangles it and leaves it out of a cdylib when nothing calls it); otherwise remove it "
         "from the header";
}

// ---- 1. Rust functions without #[no_mangle] ----

TEST(CheckHints, RustFunctionKeptAsALocalMangledSymbol) {
  const std::string header = zoo_header("rust_symbols");
  ProcessResult r = check({"--lib", zoo_library(FFIFUZZ_ZOO_DIR, "rust_symbols", "plain"), "--header", header});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  // The mangled symbol carries the crate's hash: any v0 symbol of that path.
  const std::regex want(
      std::regex_replace(prefix(header, "int32_t sym_hidden_sum(", "sym_hidden_sum"), std::regex(R"([.^$|()\[\]{}*+?\\])"),
                         R"(\$&)") +
      R"(not exported: the library has it only as the Rust function `rust_symbols::sym_hidden_sum` under the )"
      R"(mangled local symbol _R\w+14sym_hidden_sum -- fix: `rust_symbols::sym_hidden_sum` lacks #\[no_mangle\]: )"
      R"(mark it `#\[no_mangle\] pub extern "C" fn sym_hidden_sum` \(`#\[unsafe\(no_mangle\)\]` in edition 2024\) )"
      R"(so that it is exported as `sym_hidden_sum`)");
  const std::string line = finding_line(r.out, "sym_hidden_sum");
  EXPECT_TRUE(std::regex_match(line, want)) << line;
}

TEST(CheckHints, RustFunctionLeftOutOfTheCdylib) {
  const std::string header = zoo_header("rust_symbols");
  ProcessResult r = check({"--lib", zoo_library(FFIFUZZ_ZOO_DIR, "rust_symbols", "plain"), "--header", header});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(finding_line(r.out, "sym_forgotten_product"),
            prefix(header, "int32_t sym_forgotten_product(", "sym_forgotten_product") +
                "not in the library: no exported, local or debug-info function has this name -- fix: " +
                forgotten_fix());
}

// Stripped as cargo's `strip = true` leaves a cdylib: no symbols, no DWARF, but `.comment`
// still names rustc, which is enough.
TEST(CheckHints, StrippedRustLibraryStillGetsTheNoMangleHint) {
  const std::string dir = std::string(FFIFUZZ_CHECK_WORK_DIR);
  fs::create_directories(dir);
  const std::string stripped = dir + "/librust_symbols_stripped.so";
  ProcessResult s = run_process(
      {FFIFUZZ_STRIP, "--strip-all", "--keep-section=.comment", "-o", stripped, zoo_library(FFIFUZZ_ZOO_DIR, "rust_symbols", "plain")});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  const std::string header = zoo_header("rust_symbols");
  ProcessResult r = check({"--lib", stripped, "--header", header});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(finding_line(r.out, "sym_forgotten_product"),
            prefix(header, "int32_t sym_forgotten_product(", "sym_forgotten_product") +
                "not exported by the library (a stripped Rust library) -- fix: " + forgotten_fix());
}

// ---- 2. Rust struct layouts ----

TEST(CheckHints, ReprCStructBehindAStaleHeader) {
  const std::string header = zoo_header("rust_layout");
  ProcessResult r = check({"--lib", zoo_library(FFIFUZZ_ZOO_DIR, "rust_layout", "plain"), "--header", header});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(
      finding_line(r.out, "struct Settings (via settings_count)"),
      "  " + header + ":" + std::to_string(line_of(header, "typedef struct Settings {")) +
          ": error: struct Settings (via settings_count): differs from the library's `rust_layout::Settings` (Rust): "
          "size 16 bytes in the header, 8 bytes in the library; alignment 8 in the header, 4 in the library; "
          "field `count` is uint64_t (8 bytes) in the header, "
          "u32 (4 bytes) in the library, and moved from offset 0 (header) to 4 (library); field `ratio` moved from "
          "offset 8 (header) to 0 (library) -- fix: `rust_layout::Settings` already has the C layout in the library "
          "(it is #[repr(C)]), so the header is stale: regenerate it with cbindgen, or give field `count` the "
          "library's type, u32, and declare the fields in the library's order: ratio, count");
}

TEST(CheckHints, StructWithoutReprCStillGetsTheReprCHint) {
  const std::string header = zoo_header("rust_layout");
  ProcessResult r = check({"--lib", zoo_library(FFIFUZZ_ZOO_DIR, "rust_layout", "plain"), "--header", header});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  const std::string line = finding_line(r.out, "struct Packet (via packet_new)");
  EXPECT_TRUE(line.ends_with(" -- fix: add #[repr(C)] to the Rust struct `rust_layout::Packet`: without it rustc "
                             "reorders fields (in the library: value, tag, flags), so the C header's layout does "
                             "not hold"))
      << line;
}

// ---- 3. glibc's fd_set through c-ares ----

#ifdef FFIFUZZ_CHECK_REAL_LIBS
TEST(CheckHints, FdSetUnderAnotherFieldSpellingIsNoMismatch) {
  const RealLib* cares = nullptr;
  const std::vector<RealLib> libs = load_real_libs(FFIFUZZ_REAL_DIR);
  for (const RealLib& l : libs)
    if (l.package == "c-ares") cares = &l;
  ASSERT_NE(cares, nullptr) << "c-ares is not in " << FFIFUZZ_REAL_DIR << "/libraries.txt";
  ASSERT_EQ(real_lib_missing(FFIFUZZ_REAL_DIR, *cares, "plain"), "");
  ProcessResult r = check({"--lib", real_library(FFIFUZZ_REAL_DIR, *cares, "plain"), "--header",
                           real_header(FFIFUZZ_REAL_DIR, *cares, "plain"), "-I",
                           real_include_dir(FFIFUZZ_REAL_DIR, *cares, "plain")});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.find("fd_set"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n0 findings\n"), std::string::npos) << r.out;
  // Layouts were compared (fd_set among them), not skipped.
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"([1-9]\d* layout\(s\) and \d+ signature\(s\) against the DWARF)")))
      << r.out;
}

// md4c-html.h includes md4c.h: md_parse is declared, and libmd4c-html imports it from libmd4c.
TEST(CheckHints, FunctionImportedFromANeededLibraryIsNotMissing) {
  const RealLib* html = nullptr;
  const std::vector<RealLib> libs = load_real_libs(FFIFUZZ_REAL_DIR);
  for (const RealLib& l : libs)
    if (l.library == "md4c-html") html = &l;
  ASSERT_NE(html, nullptr) << "md4c-html is not in " << FFIFUZZ_REAL_DIR << "/libraries.txt";
  ASSERT_EQ(real_lib_missing(FFIFUZZ_REAL_DIR, *html, "plain"), "");
  ProcessResult r = check({"--lib", real_library(FFIFUZZ_REAL_DIR, *html, "plain"), "--header",
                           real_header(FFIFUZZ_REAL_DIR, *html, "plain"), "-I",
                           real_include_dir(FFIFUZZ_REAL_DIR, *html, "plain")});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("\nnote: 1 declared function(s) the library imports from the libraries it needs "
                       "(libmd4c.so.0, libc.so.6): theirs to export, not this library's: md_parse\n"),
            std::string::npos)
      << r.out;
}
#endif

// ---- 4. jansson's static inline functions ----

TEST(CheckHints, StaticInlineHeaderFunctionsAreNotMissingSymbols) {
  const std::string lib = "/usr/lib/x86_64-linux-gnu/libjansson.so", header = "/usr/include/jansson.h";
  ASSERT_TRUE(fs::exists(lib) && fs::exists(header)) << "install libjansson-dev (scripts/setup.sh)";
  ProcessResult r = check({"--lib", lib, "--header", header});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.find("missing-symbol"), std::string::npos) << r.out;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.out, m,
                                std::regex(R"(note: (\d+) function\(s\) the header defines itself \(static or static )"
                                           R"(inline\): not looked for in the library, and not called by fuzz: (.*))")))
      << r.out;
  const std::string listed = ", " + m[2].str() + ",";
  for (const char* name : {"json_incref", "json_decref", "json_decrefp", "json_object_set", "json_array_append"})
    EXPECT_NE(listed.find(", " + std::string(name) + ","), std::string::npos) << name << " not in: " << m[2];

  // fuzz and inspect skip the same functions, for the same reason.
  ProcessResult i = run_process({FFIFUZZ_BIN, "inspect", "--lib", lib, "--header", header});
  EXPECT_NE(i.out.find("static in the header: not exported by the library"), std::string::npos) << i.out;
}

}  // namespace
}  // namespace ffifuzz::test
