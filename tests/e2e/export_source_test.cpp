// `ffifuzz export`'s source target end to end, built the way OSS-Fuzz builds it: the real
// ffifuzz exports a zoo library's copied sources (a C target and a Rust crate), then
// scripts/oss-fuzz-build.sh runs the export's build.sh in OSS-Fuzz's environment for one
// sanitizer and engine, with ffifuzz's checkout hidden under an empty mount (the export must
// build from what it holds). Then, per configuration:
//   address (libFuzzer, ASan, C++ with libc++): the target finds a planted bug, replays its crash file, and
//     `ffifuzz repro` reads the same file as the same bug (class and first library frame);
//     no trace names ffifuzz's checkout;
//   coverage: the target run over its seed corpus as OSS-Fuzz's coverage job runs it writes
//     profiles that llvm-profdata and llvm-cov turn into a report naming the library's files;
//   afl (AFL++'s afl-clang-fast and libAFLDriver.a): afl-fuzz saves a crash of a planted bug
//     within its bound, and `ffifuzz repro` reproduces it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>

#include "support/files.h"
#include "support/subprocess.h"
#include "support/zoo.h"

namespace ffifuzz::test {
namespace {
namespace fs = std::filesystem;

const std::string kBuildScript = std::string(FFIFUZZ_SOURCE_DIR) + "/scripts/oss-fuzz-build.sh";

const ZooTarget& zoo_target(const std::string& name) {
  static const std::vector<ZooTarget> zoo = load_zoo(FFIFUZZ_SOURCE_DIR);
  for (const ZooTarget& t : zoo)
    if (t.name == name) return t;
  throw std::runtime_error("no zoo target " + name);
}

// A copy of the target's library sources (no hand harness, no build files of ours) in
// WORK/src/<name>/, exported into WORK/src/<name>/fuzz as a user would export into their
// repository.
struct Exported {
  fs::path work, source, dir;
  ProcessResult result;
};

Exported export_sources(const std::string& name, const std::string& config) {
  Exported e;
  e.work = fs::temp_directory_path() / ("ffifuzz-export-src-" + name + "-" + config + "-" + std::to_string(getpid()));
  fs::remove_all(e.work);
  e.source = e.work / "src" / name;
  fs::create_directories(e.source);
  const fs::path from = fs::path(FFIFUZZ_SOURCE_DIR) / "targets" / name;
  std::vector<std::string> argv = {FFIFUZZ_BIN, "export", "--lib", zoo_library(FFIFUZZ_ZOO_DIR, name, "cov-asan"),
                                   "--header", (e.source / (name + ".h")).string(), "-o", (e.source / "fuzz").string()};
  fs::copy_file(from / (name + ".h"), e.source / (name + ".h"));
  if (zoo_target(name).language == "rust") {
    for (const char* f : {"Cargo.toml", "Cargo.lock"}) fs::copy_file(from / f, e.source / f);
    fs::copy(from / "src", e.source / "src", fs::copy_options::recursive);
    argv.insert(argv.end(), {"--library-source", e.source.string()});
  } else {
    for (const auto& entry : fs::directory_iterator(from))
      if (entry.path().extension() == ".c" && entry.path().filename() != "driver.c") {
        fs::copy_file(entry.path(), e.source / entry.path().filename());
        argv.insert(argv.end(), {"--library-source", (e.source / entry.path().filename()).string()});
      }
  }
  e.dir = e.source / "fuzz";
  e.result = run_process(argv, {}, "", 300);
  return e;
}

// build.sh under OSS-Fuzz's environment for `config`, ffifuzz's checkout and build folder hidden.
ProcessResult oss_fuzz_build(const Exported& e, const std::string& config, const fs::path& out) {
  std::vector<std::string> argv = {kBuildScript, config, e.dir.string(), out.string(), (e.work / "work").string(),
                                   "--hide", FFIFUZZ_SOURCE_DIR};
  // OSS-Fuzz compiles C++ with libc++: the runner's sources must too.
  if (config == "address") argv.push_back("--libcxx");
  const std::string build_dir = fs::path(FFIFUZZ_BIN).parent_path().parent_path().string();
  if (build_dir.rfind(std::string(FFIFUZZ_SOURCE_DIR) + "/", 0) != 0) argv.insert(argv.end(), {"--hide", build_dir});
  return run_process(argv, {}, "", 900);
}

fs::path unzip_seeds(const Exported& e, const fs::path& out, const std::string& name) {
  const fs::path seeds = e.work / "seeds";
  fs::create_directories(seeds);
  ProcessResult r = run_process({"/usr/bin/python3", "-m", "zipfile", "-e",
                                 (out / (name + "_fuzzer_seed_corpus.zip")).string(), seeds.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::is_empty(seeds));
  return seeds;
}

std::vector<fs::path> files_in(const fs::path& dir, const std::string& prefix) {
  std::vector<fs::path> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().filename().string().rfind(prefix, 0) == 0) found.push_back(entry.path());
  std::sort(found.begin(), found.end());
  return found;
}

// "REPRODUCED <class> in <function>" of `ffifuzz repro`.
std::pair<std::string, std::string> reproduced(const std::string& out) {
  std::smatch m;
  if (std::regex_search(out, m, std::regex(R"(REPRODUCED ([\w-]+) in (\w+))"))) return {m[1].str(), m[2].str()};
  return {};
}

bool is_planted(const std::string& name, const std::pair<std::string, std::string>& bug) {
  for (const ExpectedFinding& f : zoo_target(name).findings)
    if (f.matches(bug.first, bug.second)) return true;
  return false;
}

// Each test: the target exported and built for one configuration, its seeds unzipped.
class ExportSource : public ::testing::TestWithParam<std::string> {
 protected:
  void export_and_build(const std::string& config) {
    name = GetParam();
    e = export_sources(name, config);
    ASSERT_EQ(e.result.exit_code, 0) << e.result.out << e.result.err;
    out = e.work / "out";
    ProcessResult build = oss_fuzz_build(e, config, out);
    ASSERT_EQ(build.exit_code, 0) << tail(build.out + build.err);
    target = out / (name + "_fuzzer");
    seeds = unzip_seeds(e, out, name);
  }

  std::string name;
  Exported e;
  fs::path out, target, seeds;
};

TEST_P(ExportSource, AddressBuildFindsReplaysAndReprosAPlantedBug) {
  ASSERT_NO_FATAL_FAILURE(export_and_build("address"));
  for (const std::string f : {name + "_fuzzer.options", name + "_fuzzer.dict", name + "_fuzzer_seed_corpus.zip",
                              "lib/" + fs::path(zoo_library(FFIFUZZ_ZOO_DIR, name, "cov-asan")).filename().string()})
    EXPECT_TRUE(fs::is_regular_file(out / f)) << f;

  const fs::path corpus = e.work / "corpus";
  fs::create_directories(corpus);
  ProcessResult fuzz = run_process({target.string(), corpus.string(), seeds.string(), "-seed=1", "-runs=300000",
                                    "-max_total_time=240"},
                                   {}, out.string(), 400);
  std::vector<fs::path> crashes = files_in(out, "crash-");
  ASSERT_EQ(crashes.size(), 1u) << tail(fuzz.err);
  EXPECT_NE(fuzz.err.find("ERROR: AddressSanitizer"), std::string::npos) << tail(fuzz.err);

  // The crash file replays in the target: the same sanitizer report, and no path of
  // ffifuzz's checkout or build anywhere in it.
  ProcessResult replay = run_process({target.string(), crashes[0].string()}, {}, out.string(), 120);
  EXPECT_NE(replay.exit_code, 0);
  std::smatch fuzz_error, replay_error;
  const std::regex error(R"(ERROR: AddressSanitizer: ([\w-]+))");
  ASSERT_TRUE(std::regex_search(fuzz.err, fuzz_error, error)) << tail(fuzz.err);
  ASSERT_TRUE(std::regex_search(replay.err, replay_error, error)) << tail(replay.err);
  EXPECT_EQ(fuzz_error[1].str(), replay_error[1].str());
  EXPECT_EQ(replay.err.find(FFIFUZZ_SOURCE_DIR), std::string::npos) << tail(replay.err);
  EXPECT_EQ(fuzz.err.find(FFIFUZZ_SOURCE_DIR), std::string::npos) << tail(fuzz.err);

  // ffifuzz repro reads it as a planted bug of this target, in the function the target's
  // report names first among the library's frames.
  const std::string lib = (out / "lib" / fs::path(zoo_library(FFIFUZZ_ZOO_DIR, name, "cov-asan")).filename()).string();
  ProcessResult repro = run_process({FFIFUZZ_BIN, "repro", "--lib", lib, "--header", (e.source / (name + ".h")).string(),
                                     crashes[0].string()},
                                    {}, e.work.string(), 300);
  const auto bug = reproduced(repro.out + repro.err);
  ASSERT_FALSE(bug.first.empty()) << tail(repro.out + repro.err);
  EXPECT_TRUE(is_planted(name, bug)) << bug.first << " in " << bug.second;
  EXPECT_TRUE(std::regex_search(replay.err, std::regex(R"(#\d+ 0x[0-9a-f]+ in )" + bug.second + " ")))
      << bug.second << " is not in the target's report: " << tail(replay.err);
  fs::remove_all(e.work);
}

// llvm-profdata and llvm-cov of the LLVM that wrote `profraw`: its raw format version is
// the second 8-byte word (8: LLVM 14, clang here; 10: newer, as stable rustc's).
std::string llvm_tool(const fs::path& profraw, const std::string& tool) {
  std::string bytes = read_file(profraw);
  uint64_t version = 0;
  if (bytes.size() >= 16) std::memcpy(&version, bytes.data() + 8, sizeof version);
  return "/usr/bin/" + tool + (version <= 8 ? "-14" : "-19");
}

TEST_P(ExportSource, CoverageBuildWritesAProfileThatLlvmCovReportsPerLibraryFile) {
  ASSERT_NO_FATAL_FAILURE(export_and_build("coverage"));

  // Each seed program in its own process, the profiles merged online (%1m: one file per
  // loaded module, as OSS-Fuzz's coverage job names them): a seed that crashes (c_bugs has
  // some) loses only its own counts, not those of the inputs run before it in one process.
  const fs::path profiles = e.work / "profiles";
  fs::create_directories(profiles);
  for (const auto& seed : fs::directory_iterator(seeds)) {
    ProcessResult run = run_process({target.string(), seed.path().string()},
                                    {{"LLVM_PROFILE_FILE", (profiles / (name + ".%1m.profraw")).string()}}, out.string(), 120);
    EXPECT_FALSE(run.timed_out) << seed.path();
  }
  std::vector<fs::path> raw = files_in(profiles, name + ".");
  ASSERT_GE(raw.size(), 2u) << "one profile for the target and one for the library";

  // Each raw profile converted by the llvm-profdata of its own LLVM (a Rust library's is
  // newer than clang's), then merged by the newest; llvm-cov of that LLVM reports.
  std::vector<std::string> indexed;
  std::string newest = llvm_tool(raw[0], "llvm-profdata");
  for (const fs::path& p : raw) {
    const std::string tool = llvm_tool(p, "llvm-profdata");
    if (tool > newest) newest = tool;
    indexed.push_back(p.string() + ".profdata");
    ProcessResult merge = run_process({tool, "merge", "-sparse", p.string(), "-o", indexed.back()});
    ASSERT_EQ(merge.exit_code, 0) << tool << ": " << merge.err;
  }
  std::vector<std::string> merge_all = {newest, "merge", "-sparse"};
  merge_all.insert(merge_all.end(), indexed.begin(), indexed.end());
  merge_all.insert(merge_all.end(), {"-o", (profiles / "all.profdata").string()});
  ProcessResult merged = run_process(merge_all);
  ASSERT_EQ(merged.exit_code, 0) << merged.err;
  std::string cov = newest;
  cov.replace(cov.find("llvm-profdata"), std::string("llvm-profdata").size(), "llvm-cov");
  const std::string lib = (out / "lib" / fs::path(zoo_library(FFIFUZZ_ZOO_DIR, name, "cov-asan")).filename()).string();
  ProcessResult report = run_process({cov, "report", target.string(), "-object", lib,
                                      "-instr-profile=" + (profiles / "all.profdata").string()});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  // A line per library source file, with lines covered by the seed programs.
  const std::vector<std::string> files =
      zoo_target(name).language == "rust" ? std::vector<std::string>{"lib.rs"} : std::vector<std::string>{"memory.c", "arith.c"};
  for (const std::string& f : files) {
    std::smatch m;
    ASSERT_TRUE(std::regex_search(report.out, m, std::regex("\\S*" + f + R"(\s+(\d+)\s+(\d+))"))) << f << "\n" << report.out;
    EXPECT_LT(std::stoul(m[2].str()), std::stoul(m[1].str())) << f << ": no region covered\n" << report.out;
  }
  fs::remove_all(e.work);
}

TEST_P(ExportSource, AflBuildSavesAPlantedBugsCrashThatFfifuzzReproduces) {
  ASSERT_NO_FATAL_FAILURE(export_and_build("afl"));

  // A bounded run with a fixed seed that stops at the first crash.
  const fs::path findings = e.work / "afl";
  ProcessResult afl = run_process({"/usr/bin/afl-fuzz", "-s", "1", "-V", "240", "-i", seeds.string(), "-o",
                                   findings.string(), "--", target.string()},
                                  {{"AFL_NO_UI", "1"},
                                   {"AFL_SKIP_CPUFREQ", "1"},
                                   {"AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES", "1"},
                                   {"AFL_NO_AFFINITY", "1"},
                                   {"AFL_BENCH_UNTIL_CRASH", "1"},
                                   {"ASAN_OPTIONS", "abort_on_error=1:symbolize=0:detect_leaks=0"}},
                                  e.work.string(), 400);
  std::vector<fs::path> crashes = files_in(findings / "default" / "crashes", "id:");
  ASSERT_FALSE(crashes.empty()) << tail(afl.out + afl.err);

  // The crash file is an ffifuzz program: ffifuzz reproduces it against the library built
  // from the same sources (the zoo's ASan build: an AFL++-instrumented library needs AFL++'s
  // runtime, which only the fuzz target has).
  ProcessResult repro = run_process({FFIFUZZ_BIN, "repro", "--as-target", "--lib", zoo_library(FFIFUZZ_ZOO_DIR, name, "cov-asan"),
                                     "--header", (e.source / (name + ".h")).string(), crashes[0].string()},
                                    {}, e.work.string(), 300);
  const auto bug = reproduced(repro.out + repro.err);
  ASSERT_FALSE(bug.first.empty()) << tail(repro.out + repro.err);
  EXPECT_TRUE(is_planted(name, bug)) << bug.first << " in " << bug.second;
  fs::remove_all(e.work);
}

INSTANTIATE_TEST_SUITE_P(Zoo, ExportSource, ::testing::Values("c_bugs", "rust_oob"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

TEST(ExportSourceFolder, HoldsTheProjectFilesFilledInAndNoPathOfThisMachine) {
  Exported e = export_sources("rust_oob", "files");
  ASSERT_EQ(e.result.exit_code, 0) << e.result.out << e.result.err;
  for (const char* f : {"build.sh", "ffifuzz.conf", "README.md", "runner/sources.txt", "runner/payload_data.cpp",
                        "runner/third_party/nlohmann/json.hpp", "oss-fuzz/Dockerfile", "oss-fuzz/build.sh",
                        "oss-fuzz/project.yaml", "clusterfuzzlite/.clusterfuzzlite/Dockerfile",
                        "clusterfuzzlite/.clusterfuzzlite/build.sh", "clusterfuzzlite/.clusterfuzzlite/project.yaml",
                        "clusterfuzzlite/.github/workflows/cflite_pr.yml",
                        "clusterfuzzlite/.github/workflows/cflite_batch.yml", "rust_oob_fuzzer.options",
                        "rust_oob_fuzzer.dict"})
    EXPECT_TRUE(fs::is_regular_file(e.dir / f)) << f;
  EXPECT_FALSE(fs::exists(e.dir / "lib")) << "a target built from sources ships no prebuilt library";
  for (const char* f : {"build.sh", "oss-fuzz/build.sh", "clusterfuzzlite/.clusterfuzzlite/build.sh"})
    EXPECT_TRUE((fs::status(e.dir / f).permissions() & fs::perms::owner_exec) != fs::perms::none) << f;
  const std::string conf = read_file(e.dir / "ffifuzz.conf");
  EXPECT_NE(conf.find("FFIFUZZ_LIBRARY_KIND=rust"), std::string::npos) << conf;
  EXPECT_NE(conf.find("FFIFUZZ_LIBRARY_SOURCE='..'"), std::string::npos) << conf;
  EXPECT_NE(read_file(e.dir / "clusterfuzzlite/.clusterfuzzlite/project.yaml").find("language: rust"), std::string::npos);
  EXPECT_NE(read_file(e.dir / "oss-fuzz/build.sh").find("$SRC/rust_oob/fuzz/build.sh"), std::string::npos);
  EXPECT_NE(read_file(e.dir / "clusterfuzzlite/.github/workflows/cflite_pr.yml").find("mode: 'code-change'"),
            std::string::npos);
  EXPECT_NE(read_file(e.dir / "clusterfuzzlite/.github/workflows/cflite_batch.yml").find("mode: 'batch'"),
            std::string::npos);
  // Every placeholder filled; nothing names this machine's checkout, build or export folder.
  for (const auto& entry : fs::recursive_directory_iterator(e.dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string text = read_file(entry.path());
    EXPECT_FALSE(std::regex_search(text, std::regex("@[A-Z_]+@"))) << entry.path();
    EXPECT_EQ(text.find(FFIFUZZ_SOURCE_DIR), std::string::npos) << entry.path();
    EXPECT_EQ(text.find(e.work.string()), std::string::npos) << entry.path();
  }
  fs::remove_all(e.work);
}

}  // namespace
}  // namespace ffifuzz::test
