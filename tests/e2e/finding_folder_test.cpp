// End to end: a finding folder replays as it was found (issue 14, "Findings exactly right").
//  - The folder keeps a copy of the contract its program was planned with: after the user's
//    contract is edited so that the input would be another program (the usual fix of a false
//    finding), or deleted, `repro`, `emit-c` and `regress` on the folder still show the same
//    finding, and say the user's contract differs from the copy.
//  - `--contract FILE` for an input in a folder is honoured (the input replays under it) and
//    said, never silently ignored.
//  - The same for the headers: the folder keeps copies (headers/<name>) and replays with them.
//  - When `ci` minimized a finding, the folder's repro.c is the minimized program's.
// On rust_panic (lookup_get panics for an index past 15) and c_bugs (bugs_hex), cov-asan.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "support/files.h"
#include "support/subprocess.h"
#include "support/zoo.h"

namespace ffifuzz::test {
namespace {
namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) { return ffifuzz::test::fresh_dir("folder", name); }

std::string rust_panic_lib() { return zoo_library(FFIFUZZ_ZOO_DIR, "rust_panic", "cov-asan"); }
std::string rust_panic_header() { return std::string(FFIFUZZ_SOURCE_DIR) + "/targets/rust_panic/rust_panic.h"; }

// Index past 15 panics; the range lets the fuzzer reach it.
constexpr const char* kFoundWith = "[functions.lookup_get.params.index]\nrange = [0, 1000]\n";
// The edit that makes every lookup_get call in range: the old input, read under it, is clean.
constexpr const char* kEdited = "[functions.lookup_get.params.index]\nvalue = 3\n";

struct Found {
  fs::path folder;
  std::string key, all;
};

// `fuzz` on rust_panic's lookup_get under `contract`: the panic's folder and key.
Found fuzz_under(const fs::path& contract, const fs::path& out, const std::string& header = rust_panic_header()) {
  ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", rust_panic_lib(), "--header", header,
                                 "--contract", contract.string(), "--function", "lookup_get", "--seed", "1", "--runs",
                                 "2000000", "--out", out.string()});
  Found f;
  f.all = r.out + r.err;
  std::smatch m;
  if (std::regex_search(f.all, m, std::regex(R"(folder: (\S+) \(key ([0-9a-f]+))"))) f.folder = m[1].str(), f.key = m[2];
  return f;
}

struct Replay {
  int exit_code;
  std::string key, out, err;
};

Replay replay(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {FFIFUZZ_BIN};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessResult r = run_process(argv);
  Replay out{r.exit_code, "", r.out, r.err};
  std::smatch m;
  if (std::regex_search(r.out, m, std::regex(R"(REPRODUCED \S+ in \S+ \(key ([0-9a-f]+)\))"))) out.key = m[1];
  return out;
}

const char* kChanged = "contract changed since the finding";

TEST(FindingFolderContract, ReplaysTheSameFindingAfterTheContractIsEditedOrDeleted) {
  fs::path work = fresh_dir("edited");
  fs::path contract = work / "panic.toml";
  std::ofstream(contract) << kFoundWith;
  Found found = fuzz_under(contract, work / "out");
  ASSERT_FALSE(found.folder.empty()) << tail(found.all);
  const fs::path& folder = found.folder;

  // The folder holds the contract as the run read it, named in finding.json.
  EXPECT_EQ(read_file(folder / "contract.toml"), kFoundWith);
  nlohmann::json summary = nlohmann::json::parse(read_file(folder / "finding.json"));
  EXPECT_EQ(summary["target"]["contract_copy"], "contract.toml");
  EXPECT_EQ(summary["target"]["contract"], contract.string());

  // Untouched: the same finding, nothing to say.
  Replay same = replay({"repro", folder.string()});
  EXPECT_EQ(same.key, found.key) << tail(same.out + same.err);
  EXPECT_EQ(same.err.find(kChanged), std::string::npos) << same.err;

  // Edited so that the input would be another (clean) program: the folder's copy replays it.
  std::ofstream(contract) << kEdited;
  Replay edited = replay({"repro", folder.string()});
  EXPECT_EQ(edited.exit_code, 1) << tail(edited.out + edited.err);
  EXPECT_EQ(edited.key, found.key) << tail(edited.out + edited.err);
  EXPECT_NE(edited.err.find(kChanged), std::string::npos) << edited.err;
  EXPECT_NE(edited.err.find("pass --contract " + contract.string()), std::string::npos) << edited.err;
  ProcessResult regress = run_process({FFIFUZZ_BIN, "regress", (work / "out" / "findings").string()});
  EXPECT_EQ(regress.exit_code, 1) << regress.out << regress.err;
  EXPECT_NE(regress.out.find("rust-panic in lookup_get (key " + found.key + ")"), std::string::npos) << regress.out;
  EXPECT_NE(regress.err.find(kChanged), std::string::npos) << regress.err;
  ProcessResult emit = run_process({FFIFUZZ_BIN, "emit-c", folder.string(), "-o", (work / "edited.c").string()});
  EXPECT_EQ(emit.exit_code, 0) << emit.err;
  EXPECT_NE(emit.err.find(kChanged), std::string::npos) << emit.err;
  // The C of the folder's repro.c (written when it was found) is what emit-c writes now.
  std::string emitted = read_file(work / "edited.c"), stored = read_file(folder / "repro.c");
  EXPECT_EQ(emitted.substr(emitted.find("#define _GNU_SOURCE")), stored.substr(stored.find("#define _GNU_SOURCE")));

  // Deleted: the same finding, and the line says the file is gone.
  fs::remove(contract);
  Replay gone = replay({"repro", folder.string()});
  EXPECT_EQ(gone.key, found.key) << tail(gone.out + gone.err);
  EXPECT_NE(gone.err.find(contract.string() + " is gone since the finding"), std::string::npos) << gone.err;
  if (!testing::Test::HasFailure()) fs::remove_all(work);
}

// The header too: edited after the finding so that the program's function is gone (renamed),
// the folder's copy (headers/<name>) still gives the program its meaning.
TEST(FindingFolderHeader, ReplaysTheSameFindingAfterTheHeaderIsEdited) {
  fs::path work = fresh_dir("header");
  fs::path contract = work / "panic.toml", header = work / "panic.h";
  std::ofstream(contract) << kFoundWith;
  const std::string original = read_file(rust_panic_header());
  std::ofstream(header) << original;
  Found found = fuzz_under(contract, work / "out", header.string());
  ASSERT_FALSE(found.folder.empty()) << tail(found.all);
  const fs::path& folder = found.folder;
  EXPECT_EQ(read_file(folder / "headers" / "panic.h"), original);
  nlohmann::json summary = nlohmann::json::parse(read_file(folder / "finding.json"));
  EXPECT_EQ(summary["target"]["header_copies"], nlohmann::json::array({"headers/panic.h"})) << summary.dump(2);

  std::string edited = std::regex_replace(original, std::regex("lookup_get"), "lookup_renamed");
  ASSERT_NE(edited, original);
  std::ofstream(header) << edited;
  Replay r = replay({"repro", folder.string()});
  EXPECT_EQ(r.exit_code, 1) << tail(r.out + r.err);
  EXPECT_EQ(r.key, found.key) << tail(r.out + r.err);
  EXPECT_NE(r.err.find("header changed since the finding: " + header.string()), std::string::npos) << r.err;
  ProcessResult emit = run_process({FFIFUZZ_BIN, "emit-c", folder.string(), "-o", (work / "edited.c").string()});
  EXPECT_EQ(emit.exit_code, 0) << emit.err;
  EXPECT_NE(read_file(work / "edited.c").find(" -I" + (fs::absolute(folder) / "headers").string()), std::string::npos);

  // Gone: the copy still replays it.
  fs::remove(header);
  Replay gone = replay({"repro", folder.string()});
  EXPECT_EQ(gone.key, found.key) << tail(gone.out + gone.err);
  EXPECT_NE(gone.err.find("header " + header.string() + " is gone since the finding"), std::string::npos) << gone.err;
  if (!testing::Test::HasFailure()) fs::remove_all(work);
}

TEST(FindingFolderContract, ExplicitContractIsHonouredForAFolderInput) {
  fs::path work = fresh_dir("explicit");
  fs::path contract = work / "panic.toml";
  std::ofstream(contract) << kFoundWith;
  Found found = fuzz_under(contract, work / "out");
  ASSERT_FALSE(found.folder.empty()) << tail(found.all);
  fs::path fixed = work / "fixed.toml";
  std::ofstream(fixed) << kEdited;

  // Under the given contract every call is lookup_get(3): clean, and it says whose contract.
  Replay r = replay({"repro", found.folder.string(), "--contract", fixed.string()});
  EXPECT_EQ(r.exit_code, 0) << tail(r.out + r.err);
  EXPECT_TRUE(r.key.empty()) << tail(r.out + r.err);
  EXPECT_NE(r.out.find("ffifuzz: clean"), std::string::npos) << tail(r.out);
  EXPECT_NE(r.err.find("replaying under --contract " + fixed.string()), std::string::npos) << r.err;
  std::istringstream program(r.out);
  for (std::string line; std::getline(program, line);)
    if (line.rfind("lookup_get(", 0) == 0) EXPECT_EQ(line, "lookup_get(3);") << tail(r.out);

  // The found contract given explicitly: the finding again (the option is what decides).
  Replay again = replay({"repro", found.folder.string(), "--contract", contract.string()});
  EXPECT_EQ(again.key, found.key) << tail(again.out + again.err);
  EXPECT_NE(again.err.find("replaying under --contract"), std::string::npos) << again.err;
  if (!testing::Test::HasFailure()) fs::remove_all(work);
}

size_t calls_in_program(const std::string& text) {
  size_t n = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) n += !line.empty() && line[0] != '#';
  return n;
}

// Each of the program's calls in a repro.c opens with "/* call #k" (made or not made).
size_t calls_in_c(const std::string& source) {
  size_t n = 0;
  for (size_t at = source.find("/* call #"); at != std::string::npos; at = source.find("/* call #", at + 1)) ++n;
  return n;
}

std::string after_comment(const std::string& c) { return c.substr(c.find("#define _GNU_SOURCE")); }

// ci minimizes its new findings: each minimized folder's repro.c is the minimized program's,
// the very C that emit-c writes for input.min.txt, and it still shows the bug.
TEST(FindingFolderMinimized, ReproCIsTheMinimizedProgram) {
  fs::path work = fresh_dir("minimized");
  fs::copy(fs::path(FFIFUZZ_SOURCE_DIR) / "corpus" / "c_bugs", work / "corpus");
  fs::path out = work / "out";
  ProcessResult ci = run_process({FFIFUZZ_BIN, "ci", "--lib", zoo_library(FFIFUZZ_ZOO_DIR, "c_bugs", "cov-asan"),
                                  "--header", std::string(FFIFUZZ_SOURCE_DIR) + "/targets/c_bugs/c_bugs.h", "--time",
                                  "30", "--jobs", "2", "--seed", "1", "--out", out.string(), "--corpus",
                                  (work / "corpus").string(), "--minimize-budget", "60", "--function", "bugs_hex"});
  ASSERT_EQ(ci.exit_code, 1) << tail(ci.err);
  nlohmann::json summary = nlohmann::json::parse(read_file(out / "summary.json"));
  int minimized = 0;
  for (const auto& f : summary["findings"]) {
    const std::string min_txt = f["minimized"].get<std::string>();
    if (min_txt.empty()) continue;
    ++minimized;
    fs::path folder = out / f["folder"].get<std::string>();
    std::string repro_c = read_file(folder / "repro.c");
    size_t found_calls = calls_in_program(read_file(folder / "program.txt"));
    size_t min_calls = calls_in_program(read_file(out / min_txt));
    std::printf("[ minimized ] %s: program.txt %zu calls, input.min.txt %zu calls, repro.c %zu calls\n",
                folder.filename().c_str(), found_calls, min_calls, calls_in_c(repro_c));
    EXPECT_EQ(calls_in_c(repro_c), min_calls) << repro_c;
    EXPECT_NE(repro_c.find(", minimized: " + std::to_string(min_calls) + " of "), std::string::npos)
        << repro_c.substr(0, 400);
    // The same C as emit-c of the minimized program, not of the input as found.
    ProcessResult from_min = run_process({FFIFUZZ_BIN, "emit-c", (out / min_txt).string(), "-o", (work / "min.c").string()});
    ASSERT_EQ(from_min.exit_code, 0) << from_min.err;
    EXPECT_EQ(after_comment(read_file(work / "min.c")), after_comment(repro_c));
    ProcessResult from_input = run_process({FFIFUZZ_BIN, "emit-c", folder.string(), "-o", (work / "input.c").string()});
    ASSERT_EQ(from_input.exit_code, 0) << from_input.err;
    if (read_file(folder / "program.txt").find(read_file(out / min_txt).substr(read_file(out / min_txt).find('\n'))) ==
        std::string::npos)
      EXPECT_NE(after_comment(read_file(work / "input.c")), after_comment(repro_c));

    // Built and run without ffifuzz, it shows the heap overflow.
    std::string first = repro_c.substr(3, repro_c.find('\n') - 3);
    std::string cmd = std::regex_replace(first, std::regex(R"( repro\.c )"), " " + (folder / "repro.c").string() + " ");
    cmd = std::regex_replace(cmd, std::regex(R"( -o repro$)"), " -o " + (work / "repro").string());
    ProcessResult cc = run_process({"/bin/sh", "-c", cmd});
    ASSERT_EQ(cc.exit_code, 0) << cmd << "\n" << cc.err;
    ProcessResult run = run_process({(work / "repro").string()});
    EXPECT_NE(run.err.find("heap-buffer-overflow"), std::string::npos) << tail(run.out + run.err);
  }
  EXPECT_GT(minimized, 0) << "ci minimized nothing\n" << tail(ci.err);
  if (!testing::Test::HasFailure()) fs::remove_all(work);
}

}  // namespace
}  // namespace ffifuzz::test
