// End to end: what a person gets from a finding, on every planted runtime bug of the zoo
// (expect.toml, detected_by = "fuzz", cov-asan flavour). For each: `ffifuzz fuzz` (fixed
// seed, bounded runs) writes a finding folder with all five files; `repro` reproduces the
// same class and key, twice; `minimize` shrinks it and keeps the key (calls before and after
// are printed); the folder's repro.c builds with clang -fsanitize=address,undefined and, run
// without ffifuzz, shows the same class (by the product's classifier). Then dedup across
// findings (two panics: two keys; one leak through two paths: one key), regress, bad input.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <algorithm>
#include <iterator>
#include <regex>
#include <set>

#include "report/classify.h"
#include "report/finding_folder.h"
#include "support/files.h"
#include "support/subprocess.h"
#include "support/zoo.h"

namespace ffifuzz::test {
namespace {
namespace fs = std::filesystem;

constexpr const char* kFlavour = "cov-asan";

std::string fresh_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("ffifuzz-findings-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

const ZooTarget& zoo_target(const std::string& name) {
  static const std::vector<ZooTarget> zoo = load_zoo(FFIFUZZ_SOURCE_DIR);
  for (const ZooTarget& t : zoo)
    if (t.name == name) return t;
  throw std::runtime_error("no zoo target " + name);
}

std::vector<std::string> target_args(const ZooTarget& t) {
  return {"--lib", zoo_library(FFIFUZZ_ZOO_DIR, t.name, kFlavour), "--header", t.header};
}

struct FuzzRun {
  ProcessResult result;
  std::string klass, function, folder, key;
};

FuzzRun fuzz(const ZooTarget& t, const std::string& function, const std::string& out, const std::string& corpus = "") {
  std::vector<std::string> argv = {FFIFUZZ_BIN, "fuzz"};
  for (const std::string& a : target_args(t)) argv.push_back(a);
  for (const char* a : {"--seed", "1", "--runs", "2000000", "--function"}) argv.push_back(a);
  argv.push_back(function);
  argv.push_back("--out");
  argv.push_back(out);
  if (!corpus.empty()) argv.push_back("--corpus"), argv.push_back(corpus);
  FuzzRun run;
  run.result = run_process(argv);
  std::string all = run.result.out + run.result.err;
  std::smatch m;
  // The bug's own lines: contract gaps the run learned from come before it, with folders of their own.
  size_t at = 0;
  if (std::regex_search(all, m, std::regex(R"(ffifuzz: FINDING (\S+) in (\S+))")))
    run.klass = m[1], run.function = m[2], at = static_cast<size_t>(m.position(0));
  const std::string rest = all.substr(at);
  if (std::regex_search(rest, m, std::regex(R"(folder: (\S+) \(key ([0-9a-f]+))"))) run.folder = m[1], run.key = m[2];
  return run;
}

struct Repro {
  int exit_code;
  std::string klass, function, key, all;
  std::string first_frame;  // "first frame in the library: ..." ("" when it names none)
};

Repro repro(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {FFIFUZZ_BIN, "repro"};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessResult r = run_process(argv);
  Repro out{r.exit_code, "", "", "", r.out + r.err, ""};
  std::smatch m;
  if (std::regex_search(out.all, m, std::regex(R"(REPRODUCED (\S+) in (\S+) \(key ([0-9a-f]+)\))")))
    out.klass = m[1], out.function = m[2], out.key = m[3];
  if (std::regex_search(out.all, m, std::regex(R"(first frame in the library: ([^\n]+))"))) out.first_frame = m[1];
  return out;
}

// Builds the folder's repro.c with the command in its first comment, runs it, classifies.
report::Classification run_emitted_c(const fs::path& folder, const std::string& work, const std::string& function,
                                     const std::string& library, std::string& log) {
  std::string source = read_file(folder / report::kReproFile);
  std::string first = source.substr(0, source.find('\n'));
  EXPECT_EQ(first.rfind("/* clang -fsanitize=address,undefined -g repro.c ", 0), 0u) << first;
  std::string cmd = first.substr(3);
  fs::path exe = fs::path(work) / "repro";
  cmd = std::regex_replace(cmd, std::regex(R"( repro\.c )"), " " + (folder / report::kReproFile).string() + " ");
  cmd = std::regex_replace(cmd, std::regex(R"( -o repro$)"), " -o " + exe.string());
  ProcessResult cc = run_process({"/bin/sh", "-c", cmd});
  EXPECT_EQ(cc.exit_code, 0) << cmd << "\n" << cc.err;
  ProcessResult run = run_process({exe.string()});
  log = run.out + run.err;
  report::ClassifyContext ctx;
  ctx.exported_functions.insert(function);
  ctx.library_path = library;
  report::read_worker_lines(log, ctx);
  return report::classify(log, ctx);
}

// "fn at file:line:col" -> "fn".
std::string frame_function(const std::string& frame) { return frame.substr(0, frame.find(" at ")); }

size_t calls_in(const std::string& program_text) {
  size_t n = 0;
  std::istringstream in(program_text);
  for (std::string line; std::getline(in, line);) n += !line.empty() && line[0] != '#';
  return n;
}

class FindingPipelineTest : public testing::Test {
 public:
  FindingPipelineTest(ZooTarget t, ExpectedFinding f) : target_(std::move(t)), finding_(std::move(f)) {}

  void TestBody() override {
    std::string work = fresh_dir(target_.name + "-" + finding_.function);
    FuzzRun run = fuzz(target_, finding_.function, work + "/out");
    std::string all = run.result.out + run.result.err;
    ASSERT_FALSE(run.klass.empty()) << "no finding (expected " << finding_.klass << " in " << finding_.function
                                    << ")\n" << tail(all);
    EXPECT_TRUE(finding_.matches(run.klass, run.function))
        << "expected " << finding_.klass << " in " << finding_.function << ", found " << run.klass << " in "
        << run.function << "\n" << tail(all);
    ASSERT_FALSE(run.folder.empty()) << tail(all);
    fs::path folder = run.folder;
    EXPECT_EQ(folder.filename().string().rfind(run.klass + "-" + run.function + "-", 0), 0u) << folder;

    // The folder: all five files, a summary that says what it is.
    for (const char* f : {report::kInputFile, report::kProgramFile, report::kReportFile, report::kReproFile,
                          report::kSummaryFile}) {
      ASSERT_TRUE(fs::exists(folder / f)) << folder / f;
      EXPECT_GT(fs::file_size(folder / f), 0u) << folder / f;
    }
    report::FindingSummary s = report::summary_from_json(read_file(folder / report::kSummaryFile), "finding.json");
    EXPECT_EQ(s.finding.klass, run.klass);
    EXPECT_EQ(s.finding.function, run.function);
    EXPECT_EQ(s.finding.key, run.key);
    EXPECT_EQ(s.finding.hits, 1);
    EXPECT_TRUE(s.finding.reproduces);
    EXPECT_FALSE(s.library_build_id.empty());
    EXPECT_FALSE(s.rustc_version.empty());
    EXPECT_FALSE(s.first_seen.empty());

    // repro: the same class and key, every time (no target options: finding.json has them).
    // The second run is the scripted form: --expect CLASS exits 0 when CLASS reproduces.
    std::string first_frame;
    for (int i = 0; i < 2; ++i) {
      std::vector<std::string> args = {(folder / report::kInputFile).string()};
      if (i == 1) args.insert(args.end(), {"--expect", run.klass});
      Repro r = repro(args);
      EXPECT_EQ(r.exit_code, i == 0 ? 1 : 0) << r.all;
      EXPECT_EQ(r.klass, run.klass) << tail(r.all);
      EXPECT_EQ(r.key, run.key) << tail(r.all);
      first_frame = r.first_frame;
    }

    // minimize: smaller, same key; exit 0 when it wrote the minimized input (issue 15: it was 1,
    // which stopped `minimize && emit-c`).
    ProcessResult m = run_process({FFIFUZZ_BIN, "minimize", (folder / report::kInputFile).string()});
    std::string mall = m.out + m.err;
    EXPECT_EQ(m.exit_code, 0) << tail(mall);
    std::smatch sm;
    ASSERT_TRUE(std::regex_search(mall, sm, std::regex(R"((\d+) calls -> (\d+) calls, (\d+) bytes -> (\d+) bytes, (\d+) of)")))
        << tail(mall);
    size_t calls_before = std::stoul(sm[1]), calls_after = std::stoul(sm[2]);
    size_t bytes_before = std::stoul(sm[3]), bytes_after = std::stoul(sm[4]);
    std::printf("[ minimize ] %s %s in %s: %zu calls -> %zu calls, %zu bytes -> %zu bytes, %s replays\n",
                target_.name.c_str(), run.klass.c_str(), run.function.c_str(), calls_before, calls_after, bytes_before,
                bytes_after, sm[5].str().c_str());
    RecordProperty("calls_before", std::to_string(calls_before));
    RecordProperty("calls_after", std::to_string(calls_after));
    EXPECT_LE(calls_after, calls_before);
    EXPECT_LE(bytes_after, bytes_before);
    // Smaller or plainer, unless fuzzing already saved a program with no call to spare: one
    // call, or two where the bug needs an object and one call on it (rust_double_free's
    // shared_new then shared_clone, whose missing reference count makes the final releases
    // free twice). Fuzzing tries short programs first (driver/length_control), so a saved
    // program may have no call to spare and only values to make plain (c_adopt's six calls:
    // two items, a bag, two puts, the read past the full bag).
    const bool plainer = read_file(folder / (std::string(report::kInputFile) + ".min")) !=
                         read_file(folder / report::kInputFile);
    EXPECT_TRUE(calls_after < calls_before || bytes_after < bytes_before || plainer || calls_before <= 2) << tail(mall);
    EXPECT_EQ(calls_in(read_file(folder / (std::string(report::kInputFile) + ".min.txt"))), calls_after);
    EXPECT_TRUE(fs::exists(folder / report::kInputFile)) << "minimize must never delete the original";
    Repro small = repro({(folder / (std::string(report::kInputFile) + ".min")).string()});
    EXPECT_EQ(small.klass, run.klass) << tail(small.all);
    EXPECT_EQ(small.key, run.key) << tail(small.all);

    // emit-c: builds, and run without ffifuzz shows the same class, through the same first
    // frame in the library (issue 14).
    std::string log;
    report::Classification c =
        run_emitted_c(folder, work, run.function, zoo_library(FFIFUZZ_ZOO_DIR, target_.name, kFlavour), log);
    EXPECT_EQ(c.finding_class, run.klass) << tail(log);
    // The frame's function, as identity keys it: a timeout's line is wherever the alarm
    // interrupted the loop, in either program.
    EXPECT_EQ(frame_function(c.first_library_frame), frame_function(first_frame)) << tail(log);
    std::printf("[ repro.c ] %s %s in %s: class %s, first library frame '%s'\n", target_.name.c_str(), run.klass.c_str(),
                run.function.c_str(), c.finding_class.c_str(), c.first_library_frame.c_str());
    if (!testing::Test::HasFailure()) fs::remove_all(work);
  }

 private:
  ZooTarget target_;
  ExpectedFinding finding_;
};

// Two different panics of one library: two findings, two keys, two folders.
TEST(FindingDedup, TwoPanicsAreTwoFindings) {
  const ZooTarget& t = zoo_target("rust_panic");
  std::string work = fresh_dir("two-panics");
  FuzzRun a = fuzz(t, "lookup_get", work + "/out", work + "/corpus-a");
  FuzzRun b = fuzz(t, "decode_mode", work + "/out", work + "/corpus-b");
  ASSERT_EQ(a.klass, "rust-panic") << tail(a.result.err);
  ASSERT_EQ(b.klass, "rust-panic") << tail(b.result.err);
  EXPECT_NE(a.key, b.key);
  size_t folders = 0;
  for (const auto& e : fs::directory_iterator(work + "/out/findings")) folders += e.path().filename().string()[0] != '.';
  EXPECT_EQ(folders, 2u);
  fs::remove_all(work);
}

// One leak (decode_blob's extension table) reached through blob_checksum and blob_validate:
// one key, one folder, two hits, the first input kept.
TEST(FindingDedup, OneLeakThroughTwoPathsIsOneFinding) {
  const ZooTarget& t = zoo_target("rust_leaks");
  std::string work = fresh_dir("one-leak");
  FuzzRun a = fuzz(t, "blob_checksum", work + "/out", work + "/corpus-a");
  ASSERT_EQ(a.klass, "leak") << tail(a.result.err);
  std::string first_input = read_file(fs::path(a.folder) / report::kInputFile);
  FuzzRun b = fuzz(t, "blob_validate", work + "/out", work + "/corpus-b");
  ASSERT_EQ(b.klass, "leak") << tail(b.result.err);
  EXPECT_EQ(a.key, b.key);
  std::vector<fs::path> folders;
  for (const auto& e : fs::directory_iterator(work + "/out/findings"))
    if (e.path().filename().string()[0] != '.') folders.push_back(e.path());
  ASSERT_EQ(folders.size(), 1u);
  report::FindingSummary s = report::summary_from_json(read_file(folders[0] / report::kSummaryFile), "finding.json");
  EXPECT_EQ(s.finding.hits, 2);
  EXPECT_EQ(read_file(folders[0] / report::kInputFile), first_input) << "another hit must not overwrite the input";
  fs::remove_all(work);
}

// regress: a folder of findings still reproducing exits 1; a folder of clean inputs exits 0.
TEST(FindingRegress, ReportsEachInputAndExitsOnWhatReproduces) {
  const ZooTarget& t = zoo_target("rust_panic");
  std::string work = fresh_dir("regress");
  FuzzRun a = fuzz(t, "lookup_get", work + "/out");
  ASSERT_FALSE(a.folder.empty()) << tail(a.result.err);
  ProcessResult r = run_process({FFIFUZZ_BIN, "regress", work + "/out/findings"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("rust-panic in lookup_get (key " + a.key + ")"), std::string::npos) << r.out;

  fs::create_directories(work + "/fixed");
  std::ofstream(work + "/fixed/lookup_ok.txt") << "# ffifuzz program v1\nlookup_get(0);\nlookup_get(15);\n";
  std::vector<std::string> argv = {FFIFUZZ_BIN, "regress"};
  for (const std::string& x : target_args(t)) argv.push_back(x);
  argv.push_back(work + "/fixed");
  ProcessResult clean = run_process(argv);
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  EXPECT_NE(clean.out.find("lookup_ok.txt: clean"), std::string::npos) << clean.out;
  fs::remove_all(work);
}

// Bad input: one clear line naming the file, exit 2.
TEST(FindingBadInput, OneLineAndExit2) {
  const ZooTarget& t = zoo_target("rust_panic");
  std::string work = fresh_dir("bad-input");
  struct Case {
    const char* name;
    std::string bytes;
    const char* says;
  } cases[] = {
      {"empty", "", "empty file"},
      {"truncated", std::string("\x01", 1), "truncated"},
      {"corrupt", "\x89PNG\r\n\x1a\n not a program", "not an ffifuzz input of this version"},
      {"wrong-version", std::string("\x07\x01\x00\x00", 4), "first byte 0x07"},
      {"unknown-function.txt", "# ffifuzz program v1\nno_such_function(1);\n", "no function 'no_such_function'"},
      {"wrong-type.txt", "# ffifuzz program v1\nlookup_get(\"text\");\n", "expected an integer"},
  };
  for (const Case& c : cases) {
    std::string path = work + "/" + c.name;
    std::ofstream(path, std::ios::binary) << c.bytes;
    for (const char* command : {"repro", "minimize", "emit-c"}) {
      std::vector<std::string> argv = {FFIFUZZ_BIN, command};
      for (const std::string& x : target_args(t)) argv.push_back(x);
      argv.push_back(path);
      ProcessResult r = run_process(argv, {}, work);
      EXPECT_EQ(r.exit_code, 2) << command << " " << c.name << "\n" << r.out << r.err;
      EXPECT_NE(r.err.find(c.says), std::string::npos) << command << " " << c.name << ": " << r.err;
      EXPECT_NE(r.err.find(path), std::string::npos) << command << " " << c.name << ": " << r.err;
      EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << command << " " << c.name << ": " << r.err;
    }
  }
  // An input with no target and no finding.json beside it.
  ProcessResult r = run_process({FFIFUZZ_BIN, "repro", work + "/empty"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("which library?"), std::string::npos) << r.err;
  fs::remove_all(work);
}

// Issue 14: a write and a read overflow at different lines of one function were one key, so
// the second bug was filed as a repeat of the first. c_rw_overflow's rw_record has both: each
// reproduces as a heap-overflow in rw_record, under a key of its own.
TEST(FindingIdentity, AWriteAndAReadOverflowOfOneFunctionAreTwoFindings) {
  const ZooTarget& t = zoo_target("c_rw_overflow");
  std::string work = fresh_dir("rw-identity");
  struct Bug {
    const char* name;
    const char* program;
    const char* signature;
  } bugs[] = {
      {"write.txt", "rw_record(\"W.......................\", 24);\n", "signature: out-of-bounds|WRITE|rw_record\n"},
      {"read.txt", "rw_record(\"R\\x11\", 2);\n", "signature: out-of-bounds|rw_record\n"},
  };
  std::set<std::string> keys;
  for (const Bug& b : bugs) {
    const std::string path = work + "/" + b.name;
    std::ofstream(path) << "# ffifuzz program v1\n" << b.program;
    std::vector<std::string> args = {path};
    for (const std::string& a : target_args(t)) args.push_back(a);
    Repro r = repro(args);
    EXPECT_EQ(r.klass, "heap-overflow") << tail(r.all);
    EXPECT_EQ(r.function, "rw_record") << tail(r.all);
    EXPECT_NE(r.all.find(b.signature), std::string::npos) << tail(r.all);
    keys.insert(r.key);
  }
  EXPECT_EQ(keys.size(), 2u) << "the write and the read overflow share a key";
  if (!testing::Test::HasFailure()) fs::remove_all(work);
}

void register_tests() {
  for (const ZooTarget& t : load_zoo(FFIFUZZ_SOURCE_DIR)) {
    if (t.load_error) continue;  // cannot be loaded: no finding to pipe through
    std::set<std::string> registered;
    for (const ExpectedFinding& f : t.findings) {
      if (f.detected_by != "fuzz") continue;
      if (std::find(f.flavours.begin(), f.flavours.end(), kFlavour) == f.flavours.end()) continue;
      // One function's two bugs of one class (told apart by the access): a fuzz run stops at
      // whichever it meets first; FindingIdentity below replays each.
      if (!registered.insert(f.function + " " + f.klass).second) continue;
      std::string name = test_name(t.name + "_" + f.function + "_" + f.klass);
      testing::RegisterTest("FindingPipeline", name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                            [=]() -> testing::Test* { return new FindingPipelineTest(t, f); });
    }
  }
}

}  // namespace
}  // namespace ffifuzz::test

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  ffifuzz::test::register_tests();
  return ffifuzz::test::fail_if_nothing_ran(RUN_ALL_TESTS());
}
