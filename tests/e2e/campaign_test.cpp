// The campaign engine end to end (docs/ARCHITECTURE.md, "A campaign"): what `fuzz` and `ci`
// promise whatever happens to them or to the library —
//  - SIGTERM, SIGINT or SIGKILL to the supervisor mid-run: no process of the run survives
//    (every one that named the output folder is awaited by pid), the corpus decodes whole,
//    INT/TERM exit with 128 + the signal and say what was kept, and the next run resumes from
//    the corpus;
//  - a shallow bug that fires on every call of one function and two deeper ones: one
//    `ci --time 120s` reports all three, within the budget plus the grace (30 s);
//  - a function that writes to the path it is given writes only in the scratch folder, and a
//    name that climbs out of it writes nothing outside the run's own folders.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "support/files.h"
#include "support/running.h"
#include "support/subprocess.h"
#include "support/zoo.h"

namespace ffifuzz::test {
namespace {
namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) { return ffifuzz::test::fresh_dir("campaign", name); }

std::string header_of(const std::string& target) {
  return std::string(FFIFUZZ_SOURCE_DIR) + "/targets/" + target + "/" + target + ".h";
}

size_t files_in(const fs::path& dir) {
  size_t n = 0;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(dir, ec)) n += e.is_regular_file();
  return n;
}

// ---- stop signals ---------------------------------------------------------------------

struct StopCase {
  std::string command;  // fuzz | ci
  int sig;
};

void PrintTo(const StopCase& c, std::ostream* os) { *os << c.command << " " << strsignal(c.sig); }

class StopTest : public testing::TestWithParam<StopCase> {};

std::vector<std::string> run_argv(const std::string& command, const fs::path& dir, const std::string& lib) {
  if (command == "fuzz")
    return {FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header_of("seed"), "--out", (dir / "out").string(),
            "--corpus", (dir / "corpus").string()};
  return {FFIFUZZ_BIN, "ci", "--lib", lib, "--header", header_of("seed"), "--time", "10m", "--jobs", "2",
          "--out", (dir / "out").string(), "--corpus", (dir / "corpus").string(), "--minimize-budget", "0"};
}

TEST_P(StopTest, NothingSurvivesTheCorpusDecodesAndTheNextRunResumes) {
  const StopCase& c = GetParam();
  fs::path dir = fresh_dir(c.command + "-" + std::to_string(c.sig));
  fs::copy(fs::path(FFIFUZZ_SOURCE_DIR) / "corpus" / "seed", dir / "corpus");
  const std::string lib = zoo_library(FFIFUZZ_ZOO_DIR, "seed", "cov-asan");
  {
    Running run(run_argv(c.command, dir, lib));
    // Fuzzing has started once ffifuzz's progress line shows (fuzz), or ci's own status line
    // (libFuzzer's lines stay in the logs: docs/fuzz.md, docs/ci.md).
    ASSERT_TRUE(run.await_line(std::regex(R"(^(ffifuzz: \[\d\d:\d\d:\d\d\] \d+ execs|ffifuzz ci: fuzzing ))"), 120))
        << tail(run.output());
    std::vector<pid_t> before = live_processes_mentioning((dir / "out").string());
    ASSERT_FALSE(before.empty());
    const double signalled = run.seconds();
    run.signal(c.sig);
    int rc = run.await_exit(10);
    const double stopping = run.seconds() - signalled;
    std::printf("[ stop ] %s %s: exit %d, %.2f s after the signal\n", c.command.c_str(), strsignal(c.sig), rc, stopping);
    if (c.sig == SIGKILL) {
      EXPECT_EQ(rc, 128 + SIGKILL);
    } else {
      EXPECT_EQ(rc, 128 + c.sig) << tail(run.output());
      // Within a second, with room for a loaded machine.
      EXPECT_LT(stopping, 2.5) << tail(run.output());
      EXPECT_NE(run.output().find(std::string("interrupted by ") + (c.sig == SIGINT ? "SIGINT" : "SIGTERM")),
                std::string::npos)
          << tail(run.output());
      EXPECT_NE(run.output().find("corpus kept in"), std::string::npos) << tail(run.output());
    }
    // Every process of the run ends: the workers and -fork jobs too, whatever their parent.
    EXPECT_TRUE(await_gone(before, 10)) << "a process of the run outlived its supervisor";
    EXPECT_TRUE(await_gone(live_processes_mentioning((dir / "out").string()), 10));
  }
  // The corpus decodes whole: every input replays (exit 0: all clean, none unreadable).
  for (const fs::path& corpus : {dir / "corpus", fs::path(dir.string() + "/corpus.incoming")}) {
    if (!fs::exists(corpus) || files_in(corpus) == 0) continue;
    ProcessResult regress = run_process({FFIFUZZ_BIN, "regress", "--lib", lib, "--header", header_of("seed"),
                                         corpus.string()});
    EXPECT_EQ(regress.exit_code, 0) << corpus << "\n" << tail(regress.out + regress.err);
  }
  // The next run resumes from what was kept: every input but the empty file a worker killed
  // between creating and writing it may leave (the next run removes it; regress skips it).
  size_t kept = 0;
  for (const fs::directory_entry& e : fs::directory_iterator(dir / "corpus")) kept += e.is_regular_file() && e.file_size() > 0;
  if (c.command == "fuzz") {
    ProcessResult next = run_process({FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header_of("seed"), "--out",
                                      (dir / "out").string(), "--corpus", (dir / "corpus").string(), "--runs", "2000"});
    EXPECT_EQ(next.exit_code, 0) << tail(next.err);
    EXPECT_NE(next.err.find("resuming from " + std::to_string(kept) + " input(s)"), std::string::npos) << tail(next.err);
  } else {
    std::vector<std::string> argv = run_argv("ci", dir, lib);
    argv[7] = "5s";
    ProcessResult next = run_process(argv);
    EXPECT_EQ(next.exit_code, 0) << tail(next.err);
    nlohmann::json s = nlohmann::json::parse(read_file(dir / "out" / "summary.json"));
    EXPECT_EQ(s["corpus"]["before"].get<size_t>(), kept);
    // What the stopped run found was offered to this run's merge, and merged.
    EXPECT_EQ(files_in(dir.string() + "/corpus.incoming"), 0u);
  }
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Campaign, StopTest,
                         testing::Values(StopCase{"fuzz", SIGTERM}, StopCase{"fuzz", SIGINT}, StopCase{"fuzz", SIGKILL},
                                         StopCase{"ci", SIGTERM}, StopCase{"ci", SIGINT}, StopCase{"ci", SIGKILL}),
                         [](const testing::TestParamInfo<StopCase>& i) {
                           return i.param.command + "_" +
                                  (i.param.sig == SIGTERM ? "SIGTERM" : i.param.sig == SIGINT ? "SIGINT" : "SIGKILL");
                         });

// ---- workers --------------------------------------------------------------------------

// The processes the library runs in are ffifuzz-worker, which links no libclang or LLVM
// (docs/ARCHITECTURE.md, "Speed"), planning from the session file the supervisor wrote; a
// worker never parses the header, so without that file it refuses in one line.
TEST(Campaign, WorkersAreFfifuzzWorkerPlanningFromTheSupervisorsSession) {
  const fs::path worker = fs::path(FFIFUZZ_BIN).parent_path() / "ffifuzz-worker";
  ASSERT_TRUE(fs::exists(worker)) << worker;
  fs::path dir = fresh_dir("worker");
  const std::string lib = zoo_library(FFIFUZZ_ZOO_DIR, "seed", "cov-asan");
  {
    Running run({FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header_of("seed"), "--out", (dir / "out").string(),
                 "--max-time", "60"});
    ASSERT_TRUE(run.await_line(std::regex(R"(^ffifuzz: \[\d\d:\d\d:\d\d\] \d+ execs)"), 120)) << tail(run.output());
    int workers = 0;
    for (pid_t pid : live_processes_mentioning((dir / "out").string())) {
      std::error_code ec;
      const fs::path exe = fs::read_symlink("/proc/" + std::to_string(pid) + "/exe", ec);
      if (ec || exe.filename() != "ffifuzz-worker") continue;
      ++workers;
      const std::string cmdline = read_file("/proc/" + std::to_string(pid) + "/cmdline");
      const size_t at = cmdline.find("--session=");
      ASSERT_NE(at, std::string::npos) << cmdline;
      EXPECT_TRUE(fs::exists(cmdline.substr(at + 10, cmdline.find('\0', at) - at - 10)));
      const std::string maps = read_file("/proc/" + std::to_string(pid) + "/maps");
      EXPECT_EQ(maps.find("libclang"), std::string::npos);
      EXPECT_EQ(maps.find("libLLVM"), std::string::npos);
      // Nor libelf, nor the system's libz it loads: a zlib under test would call its own
      // exported functions there (the global scope comes first).
      EXPECT_EQ(maps.find("libelf"), std::string::npos);
      EXPECT_EQ(maps.find("/libz.so"), std::string::npos);
      EXPECT_NE(maps.find(lib), std::string::npos) << "the library under test is loaded in the worker";
    }
    EXPECT_EQ(workers, 1) << "one fuzz worker, and it is ffifuzz-worker";
    run.signal(SIGINT);
    EXPECT_EQ(run.await_exit(10), 128 + SIGINT) << tail(run.output());
  }
  // A finished run leaves no session file behind (each is removed with its Replayer).
  ProcessResult done = run_process({FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header_of("seed"), "--out",
                                    (dir / "out2").string(), "--runs", "500", "--seed", "1"});
  EXPECT_EQ(done.exit_code, 0) << tail(done.err);
  for (const fs::directory_entry& e : fs::directory_iterator(dir / "out2" / ".campaign"))
    EXPECT_EQ(e.path().filename().string().rfind("session-", 0), std::string::npos) << e.path();
  // Run by hand: one line, exit 2.
  ProcessResult bare = run_process({worker.string()});
  EXPECT_EQ(bare.exit_code, 2);
  EXPECT_NE(bare.err.find("run 'ffifuzz' instead"), std::string::npos) << bare.err;
  ProcessResult no_session = run_process({worker.string(), "--ffifuzz-worker=fuzz", "--lib=" + lib, "-runs=1"});
  EXPECT_EQ(no_session.exit_code, 2) << no_session.err;
  EXPECT_NE(no_session.err.find("needs --session=FILE"), std::string::npos) << no_session.err;
  ProcessResult gone = run_process({worker.string(), "--ffifuzz-worker=fuzz", "--lib=" + lib,
                                    "--session=" + (dir / "no-such-session.json").string(), "-runs=1"});
  EXPECT_EQ(gone.exit_code, 2) << gone.err;
  EXPECT_NE(gone.err.find("the session file the supervisor wrote is gone"), std::string::npos) << gone.err;
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

// ---- a shallow bug does not starve the deeper ones --------------------------------------

TEST(Campaign, CiReportsAShallowAndTwoDeeperBugsWithinItsBudget) {
  fs::path dir = fresh_dir("mixed");
  const long budget = 120;
  Running run({FFIFUZZ_BIN, "ci", "--lib", zoo_library(FFIFUZZ_ZOO_DIR, "c_mixed", "cov-asan"), "--header",
               header_of("c_mixed"), "--time", std::to_string(budget) + "s", "--jobs", "2", "--seed", "1", "--out",
               (dir / "out").string(), "--minimize-budget", "20"});
  int rc = run.await_exit(budget + 60);
  ASSERT_EQ(rc, 1) << tail(run.output());
  // docs/ci.md, "The budget": within --time plus the 10-second grace (budget.h, kCiGraceSeconds).
  EXPECT_LT(run.seconds(), budget + 10) << "ci ran past its budget and the grace";
  nlohmann::json s = nlohmann::json::parse(read_file(dir / "out" / "summary.json"));
  std::set<std::string> found;
  for (const auto& f : s["findings"])
    found.insert(f["class"].get<std::string>() + " in " + f["function"].get<std::string>());
  for (const char* expected : {"heap-overflow in mix_shallow", "use-after-free in mix_deep_a", "double-free in mix_deep_b"})
    EXPECT_TRUE(found.count(expected)) << expected << " not reported:\n" << s["findings"].dump(2) << tail(run.output());
  std::string md = read_file(dir / "out" / "summary.md");
  EXPECT_NE(md.find("set aside for the rest of the run: mix_shallow"), std::string::npos) << md;
  std::printf("[ mixed ] %zu findings in %.0f s, %llu executions\n", found.size(), run.seconds(),
              static_cast<unsigned long long>(s["fuzz"]["executions"].get<uint64_t>()));
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

// ---- side effects stay in the scratch folder --------------------------------------------

// Regular files in `dir` (recursively when `recursive`) written after `since`, but under `skip`.
std::vector<fs::path> written_since(const fs::path& dir, fs::file_time_type since, bool recursive, const fs::path& skip) {
  std::vector<fs::path> out;
  std::error_code ec;
  auto consider = [&](const fs::directory_entry& e) {
    std::error_code e2;
    if (e.is_regular_file(e2) && !e.is_symlink(e2) && fs::last_write_time(e.path(), e2) > since) out.push_back(e.path());
  };
  if (!recursive) {
    for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) consider(e);
    return out;
  }
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->path() == skip) {
      it.disable_recursion_pending();
      continue;
    }
    consider(*it);
  }
  return out;
}

// hostile_files writes where it is told (files_save's `path`, files_save_in's `dir`) and
// where it likes (files_save_home: $HOME/.hostile_files_state). The first point into the
// scratch folder; the second is refused by the worker's containment (HOME is the test's
// folder here, outside the run's output folder).
TEST(Campaign, PathParametersWriteOnlyInTheScratchFolder) {
  fs::path dir = fresh_dir("paths");
  fs::path out = dir / "out";
  const std::string lib = zoo_library(FFIFUZZ_ZOO_DIR, "hostile_files", "cov-asan");
  const std::vector<std::string> env = {"HOME=" + dir.string()};
  fs::path aimed = dir / "aimed";
  fs::path program = dir / "program.txt";
  std::ofstream(program) << "# ffifuzz program v1\n"
                         << "files_save(\"" << aimed.string() << "\", \"x\", 1);\n"
                         << "files_save_in(\"" << dir.string() << "\", \"aimed-too\", \"x\", 1);\n"
                         << "files_save_home(\"x\", 1);\n";
  fs::file_time_type start = fs::file_time_type::clock::now();
  {
    Running repro({FFIFUZZ_BIN, "repro", "--lib", lib, "--header", header_of("hostile_files"), program.string()}, env);
    EXPECT_EQ(repro.await_exit(120), 0) << repro.output();
  }
  EXPECT_FALSE(fs::exists(aimed)) << "a path parameter was used as given";
  EXPECT_FALSE(fs::exists(dir / "aimed-too")) << "a folder parameter was used as given";
  EXPECT_FALSE(fs::exists(dir / ".hostile_files_state")) << "the library wrote outside the containment";
  // Fuzzing it, from inside the test's folder: nothing written but in the run's output folder.
  {
    Running fuzz({FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header_of("hostile_files"), "--out", out.string(),
                  "--seed", "1", "--runs", "20000"},
                 env);
    EXPECT_EQ(fuzz.await_exit(300), 0) << tail(fuzz.output());
    EXPECT_NE(fuzz.output().find("worker contained: no network"), std::string::npos) << tail(fuzz.output());
    // Contained, the worker's scratch folder is a memory file system of its own: creating
    // and deleting the library's files on every input costs no disk bookkeeping.
    EXPECT_NE(fuzz.output().find("; scratch folder in memory"), std::string::npos) << tail(fuzz.output());
  }
  for (const fs::path& p : written_since(dir, start, true, out))
    if (p != program) ADD_FAILURE() << "written outside the run's output folder: " << p;
  for (const fs::path& top : {fs::path("/"), fs::path("/root")})
    for (const fs::path& p : written_since(top, start, false, out)) ADD_FAILURE() << "written outside: " << p;
  // The scratch folder was the one written to, and is left empty: on disk, nothing was ever
  // written to it (the worker's per-process folder was in memory).
  EXPECT_TRUE(fs::exists(out / ".campaign" / "scratch"));
  EXPECT_TRUE(fs::is_empty(out / ".campaign" / "scratch"));
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

// A text seed written for another header or contract (a call with more arguments than the
// function takes here) runs as the empty program: the run says so, naming the seed and where
// it stopped parsing, and goes on.
TEST(Campaign, ASeedThatDoesNotParseIsSaid) {
  fs::path dir = fresh_dir("stale-seed");
  fs::create_directories(dir / "seeds");
  std::ofstream(dir / "seeds" / "stale.txt") << "# ffifuzz program v1\nno_such_function(1);\n";
  const std::string lib = zoo_library(FFIFUZZ_ZOO_DIR, "seed", "cov-asan");
  Running fuzz({FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header_of("seed"), "--seed-corpus",
                (dir / "seeds").string(), "--out", (dir / "out").string(), "--seed", "1", "--runs", "50", "--no-learn"});
  fuzz.await_exit(300);
  EXPECT_NE(fuzz.output().find("ffifuzz: note: seed " + (dir / "seeds" / "stale.txt").string() + ":2:"), std::string::npos)
      << tail(fuzz.output());
  EXPECT_NE(fuzz.output().find("; it runs as the empty program"), std::string::npos) << tail(fuzz.output());
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

}  // namespace
}  // namespace ffifuzz::test
