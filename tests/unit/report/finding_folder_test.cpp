// report layer: finding folder names, the finding.json summary (written, read back, refused
// when it is not one) and the report section of a worker log.
#include <gtest/gtest.h>

#include "model/error.h"
#include "report/emit_c.h"
#include "report/finding_folder.h"

namespace ffifuzz::report {
namespace {

TEST(FindingFolder, NameIsClassFunctionShortKey) {
  EXPECT_EQ(finding_folder_name("leak", "blob_checksum", "548a5365deb502ed"), "leak-blob_checksum-548a5365");
  EXPECT_EQ(finding_folder_name("abort", "", "0123456789abcdef"), "abort-unknown-01234567");
  EXPECT_EQ(finding_folder_name("leak", "a/b c", "0123456789abcdef"), "leak-a_b_c-01234567");
}

TEST(FindingFolder, SummaryRoundTrips) {
  FindingSummary s;
  s.finding.klass = "rust-panic";
  s.finding.function = "lookup_get";
  s.finding.key = "ca5d7943b07936f8";
  s.finding.signature = "rust-panic|src/lib.rs:21:5: ...";
  s.finding.reproduces = false;
  s.library_build_id = "ec7d";
  s.ffifuzz_version = "0.1.0";
  s.clang_version = "14.0.6";
  s.rustc_version = "unknown";
  s.first_seen = s.last_seen = iso_time_now();
  s.finding.hits = 3;
  s.target.lib = "/x/librust_panic.so";
  s.target.headers = {"/x/rust_panic.h"};
  s.target.functions = {"lookup_get"};
  FindingSummary back = summary_from_json(summary_to_json(s), "finding.json");
  EXPECT_EQ(summary_to_json(back), summary_to_json(s));
  EXPECT_EQ(back.finding.hits, 3);
  EXPECT_FALSE(back.finding.reproduces);
  EXPECT_EQ(back.target.functions, s.target.functions);
  EXPECT_EQ(s.first_seen.size(), 20u);  // 2024-05-01T12:34:56Z
}

// Issue 14: a folder keeps copies of the contract files its program was planned with, named
// in finding.json by their file names in the folder.
TEST(FindingFolder, SummaryKeepsTheContractCopies) {
  FindingSummary s;
  s.finding.klass = "rust-panic";
  s.target.lib = "/x/librust_panic.so";
  s.target.contract = "/home/me/panic.toml";
  s.target.contract_copy = kContractCopyFile;
  s.target.config = "/home/me/ffifuzz.toml";
  s.target.config_copy = kConfigCopyFile;
  s.target.learned = kLearnedCopyFile;
  FindingSummary back = summary_from_json(summary_to_json(s), "finding.json");
  EXPECT_EQ(back.target.contract, "/home/me/panic.toml");
  EXPECT_EQ(back.target.contract_copy, "contract.toml");
  EXPECT_EQ(back.target.config, "/home/me/ffifuzz.toml");
  EXPECT_EQ(back.target.config_copy, "config.toml");
  EXPECT_EQ(back.target.learned, "learned.toml");
  EXPECT_EQ(summary_to_json(back), summary_to_json(s));
}

// A finding.json written before the copies (no contract_copy, config_copy; learned an
// absolute path) still reads: no copies, the recorded paths as they were.
TEST(FindingFolder, SummaryWithoutCopiesStillReads) {
  const std::string old = R"({
  "class": "rust-panic", "function": "lookup_get", "key": "ca5d7943b07936f8", "hit_count": 2,
  "target": {"lib": "/x/librust_panic.so", "headers": ["/x/rust_panic.h"], "contract": "/home/me/panic.toml",
             "learned": "/out/findings/rust-panic-lookup_get-ca5d7943/learned.toml", "config": "",
             "lang": "c", "include_dirs": [], "defines": [], "pre_includes": [], "target": "",
             "functions": ["lookup_get"]}
})";
  FindingSummary s = summary_from_json(old, "finding.json");
  EXPECT_EQ(s.finding.hits, 2);
  EXPECT_EQ(s.target.contract, "/home/me/panic.toml");
  EXPECT_TRUE(s.target.contract_copy.empty());
  EXPECT_TRUE(s.target.config_copy.empty());
  EXPECT_EQ(s.target.learned, "/out/findings/rust-panic-lookup_get-ca5d7943/learned.toml");
  EXPECT_EQ(s.target.functions, std::vector<std::string>{"lookup_get"});
}

TEST(FindingFolder, NotASummaryIsInputError) {
  EXPECT_THROW(summary_from_json("{", "f.json"), InputError);
  EXPECT_THROW(summary_from_json("[1, 2]", "f.json"), InputError);
  EXPECT_THROW(summary_from_json(R"({"class": "leak", "target": {"lib": 5}})", "f.json"), InputError);
  try {
    summary_from_json("nope", "dir/finding.json");
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("dir/finding.json: ", 0), 0u) << e.what();
  }
}

TEST(FindingFolder, ReportSectionDropsLibFuzzerNoise) {
  std::string log =
      "ffifuzz: arena 0x1-0x2\nINFO: Seed: 1\n/bin/ffifuzz: Running 1 inputs 1 time(s) each.\nRunning: /tmp/x\n"
      "ffifuzz: call #0 f\n==1==ERROR: AddressSanitizer: heap-buffer-overflow\n"
      "LLVMSymbolizer: error reading file: No such file or directory\n    #0 0x1 in f a.c:1\n"
      "stat::number_of_executed_units: 1\n";
  EXPECT_EQ(report_section(log),
            "ffifuzz: call #0 f\n==1==ERROR: AddressSanitizer: heap-buffer-overflow\n    #0 0x1 in f a.c:1\n");
}

TEST(EmitC, CompileCommandNamesHeaderDirAndRpath) {
  EmitOptions o;
  o.headers = {"/src/inc/foo.h", "/src/inc/bar.h"};
  o.library = "/build/lib/libfoo.so";
  EXPECT_EQ(compile_command(o, "repro.c", "repro"),
            "clang -fsanitize=address,undefined -g repro.c -I/src/inc -Wl,--copy-dt-needed-entries /build/lib/libfoo.so -Wl,-rpath,/build/lib -o repro");
}

}  // namespace
}  // namespace ffifuzz::report
