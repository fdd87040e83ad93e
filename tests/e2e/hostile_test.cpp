// The hostile zoo (targets/hostile_*, docs/zoo.md): libraries that do to the process what a
// library under test should not, each run through the real `ffifuzz` within a bound. What a
// user must get is the finding or one clear line, never "no findings", never a hang, and no
// process of the run left behind:
//  - exit(0) and _exit(0) on magic inputs: two `exit` findings with two keys;
//  - its own SIGSEGV handler (installed by its constructor) and a planted NULL dereference:
//    the null-deref, and a note that the handler was refused;
//  - a crashing ELF constructor, a looping one: one line naming the library, exit 2, for
//    fuzz, repro and ci;
//  - a forked helper that keeps the output pipe open: the run ends at its time budget;
//  - 128 KiB of output per call: the run goes at speed and its log stays bounded;
//  - 1 MiB kept per call: a complete out-of-memory finding folder, no stopped process.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "support/files.h"
#include "support/running.h"
#include "support/subprocess.h"
#include "support/zoo.h"

namespace ffifuzz::test {
namespace {
namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) { return ffifuzz::test::fresh_dir("hostile", name); }

std::string header_of(const std::string& target) {
  return std::string(FFIFUZZ_SOURCE_DIR) + "/targets/" + target + "/" + target + ".h";
}

std::vector<std::string> fuzz_argv(const std::string& target, const std::string& flavour, const fs::path& out,
                                   std::vector<std::string> more = {}) {
  std::vector<std::string> argv = {FFIFUZZ_BIN, "fuzz", "--lib", zoo_library(FFIFUZZ_ZOO_DIR, target, flavour),
                                   "--header", header_of(target), "--out", out.string(), "--seed", "1"};
  argv.insert(argv.end(), more.begin(), more.end());
  return argv;
}

struct Found {
  std::string klass, function, key;
};
std::vector<Found> findings_in(const std::string& output) {
  std::vector<Found> found;
  static const std::regex re(R"(ffifuzz: FINDING (\S+) in (\S+)\n(?:.*\n)*?  folder: \S+ \(key ([0-9a-f]+))");
  for (auto it = std::sregex_iterator(output.begin(), output.end(), re); it != std::sregex_iterator(); ++it)
    found.push_back({(*it)[1], (*it)[2], (*it)[3]});
  return found;
}

// Nothing of the run may be left: every process whose command line names its output folder.
void expect_nothing_left(const fs::path& out) {
  std::vector<pid_t> left = live_processes_mentioning(out.string());
  EXPECT_TRUE(await_gone(left, 5)) << left.size() << " process(es) of the run outlived it";
}

TEST(Hostile, ExitAndUnderscoreExitAreTwoFindingsWithTwoKeys) {
  fs::path dir = fresh_dir("exit");
  std::vector<Found> all;
  for (const char* fn : {"exit_quit", "exit_vanish"}) {
    Running run(fuzz_argv("hostile_exit", "cov", dir / fn, {"--runs", "2000000", "--function", fn}));
    int rc = run.await_exit(300);
    ASSERT_EQ(rc, 1) << tail(run.output());
    std::vector<Found> f = findings_in(run.output());
    ASSERT_EQ(f.size(), 1u) << tail(run.output());
    EXPECT_EQ(f[0].klass, "exit");
    EXPECT_EQ(f[0].function, fn);
    EXPECT_NE(run.output().find(std::string(fn) == "exit_quit" ? "called exit(0)" : "called _exit(0)"),
              std::string::npos)
        << tail(run.output());
    all.push_back(f[0]);
    expect_nothing_left(dir / fn);
  }
  EXPECT_NE(all[0].key, all[1].key) << "two exit sites share one key";
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

TEST(Hostile, OwnSignalHandlerDoesNotHideTheNullDereference) {
  fs::path dir = fresh_dir("signals");
  for (const char* flavour : {"plain", "cov-asan"}) {
    SCOPED_TRACE(flavour);
    Running run(fuzz_argv("hostile_signals", flavour, dir / flavour, {"--runs", "2000000"}));
    int rc = run.await_exit(300);
    ASSERT_EQ(rc, 1) << tail(run.output());
    std::vector<Found> f = findings_in(run.output());
    ASSERT_FALSE(f.empty()) << tail(run.output());
    EXPECT_EQ(f[0].klass, "null-deref") << tail(run.output());
    EXPECT_EQ(f[0].function, "sig_lookup");
    EXPECT_NE(run.output().find("tried to install its own handler for SEGV while the library was loading"),
              std::string::npos)
        << tail(run.output());
    EXPECT_EQ(run.output().find("caught signal"), std::string::npos) << "the library's handler ran";
    expect_nothing_left(dir / flavour);
  }
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

// fuzz, repro and ci: one line naming the library and what its initializer did, exit 2, in
// time, and nothing of the run left.
void expect_load_error(const std::string& target, const std::string& says, int bound_seconds,
                       const std::vector<std::string>& env) {
  fs::path dir = fresh_dir(target);
  std::string lib = zoo_library(FFIFUZZ_ZOO_DIR, target, "cov-asan");
  fs::path program = dir / "program.txt";
  std::ofstream(program) << "# ffifuzz program v1\n";
  std::vector<std::vector<std::string>> commands = {
      fuzz_argv(target, "cov-asan", dir / "fuzz", {"--runs", "100"}),
      {FFIFUZZ_BIN, "repro", "--lib", lib, "--header", header_of(target), program.string()},
      {FFIFUZZ_BIN, "ci", "--lib", lib, "--header", header_of(target), "--time", "60", "--out", (dir / "ci").string()}};
  for (const std::vector<std::string>& argv : commands) {
    SCOPED_TRACE(argv[1]);
    Running run(argv, env);
    int rc = run.await_exit(bound_seconds);
    ASSERT_EQ(rc, 2) << tail(run.output());
    EXPECT_LT(run.seconds(), bound_seconds);
    EXPECT_NE(run.output().find(says), std::string::npos) << run.output();
    EXPECT_NE(run.output().find(lib), std::string::npos) << "the line names the library";
    EXPECT_EQ(std::count(run.output().begin(), run.output().end(), '\n'), 1) << run.output();
    EXPECT_TRUE(await_gone(live_processes_mentioning(lib), 5)) << "a process loading the library is left";
  }
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

TEST(Hostile, CrashingConstructorIsOneLineNotAFinding) {
  expect_load_error("hostile_ctor_crash", "crashed while loading", 60, {});
}

TEST(Hostile, LoopingConstructorIsOneLineWithinItsBound) {
  // FFIFUZZ_LOAD_TIMEOUT: the probe's bound (default 30 s), short here to keep the test short.
  expect_load_error("hostile_ctor_loop", "did not finish loading within 3 s", 30, {"FFIFUZZ_LOAD_TIMEOUT=3"});
}

TEST(Hostile, ForkedHelperHoldingThePipeDoesNotHoldTheRun) {
  fs::path dir = fresh_dir("fork");
  // The helper sleeps 300 s holding the worker's output: the run still ends at its budget.
  {
    Running run(fuzz_argv("hostile_fork", "cov", dir / "budget", {"--max-time", "10", "--function", "fork_helper_start"}));
    int rc = run.await_exit(60);
    EXPECT_EQ(rc, 0) << tail(run.output());
    EXPECT_LT(run.seconds(), 10 + 15) << "the run waited for the helper";
    EXPECT_NE(run.output().find("ffifuzz: no findings in "), std::string::npos) << tail(run.output());
    expect_nothing_left(dir / "budget");
  }
  // A run that finds the planted bug after the helper was forked ends at once too.
  {
    Running run(fuzz_argv("hostile_fork", "cov-asan", dir / "bug", {"--runs", "2000000"}));
    int rc = run.await_exit(300);
    EXPECT_EQ(rc, 1) << tail(run.output());
    std::vector<Found> f = findings_in(run.output());
    ASSERT_FALSE(f.empty()) << tail(run.output());
    EXPECT_EQ(f[0].klass, "heap-overflow");
    EXPECT_EQ(f[0].function, "fork_checksum");
    expect_nothing_left(dir / "bug");
  }
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

TEST(Hostile, ChattyLibraryRunsAtSpeedWithABoundedLog) {
  fs::path dir = fresh_dir("chatty");
  // 3,000 calls print 375 MiB: read as it comes, it costs the run little; the log keeps
  // its head and tail.
  Running run(fuzz_argv("hostile_chatty", "cov", dir / "log", {"--runs", "3000", "--function", "chatty_log"}));
  int rc = run.await_exit(240);
  EXPECT_EQ(rc, 0) << tail(run.output());
  EXPECT_NE(run.output().find("ffifuzz: no findings in "), std::string::npos) << tail(run.output());
  EXPECT_LT(fs::file_size(dir / "log" / "fuzz.log"), 8u << 20) << "the log is not bounded";
  EXPECT_LT(run.output().size(), 4u << 20) << "the library's output floods the terminal";
  std::printf("[ chatty ] 3000 runs in %.1f s, log %ju bytes\n", run.seconds(),
              static_cast<uintmax_t>(fs::file_size(dir / "log" / "fuzz.log")));
  // The planted bug is found through the noise (chatty_wait, which only sleeps, left out).
  Running bug(fuzz_argv("hostile_chatty", "cov-asan", dir / "bug",
                        {"--runs", "2000000", "--function", "chatty_parse", "--function", "chatty_log"}));
  EXPECT_EQ(bug.await_exit(300), 1) << tail(bug.output());
  std::vector<Found> f = findings_in(bug.output());
  ASSERT_FALSE(f.empty()) << tail(bug.output());
  EXPECT_EQ(f[0].klass, "heap-overflow");
  EXPECT_EQ(f[0].function, "chatty_parse");
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

TEST(Hostile, MemoryHogIsACompleteOutOfMemoryFinding) {
  fs::path dir = fresh_dir("hog");
  for (const char* flavour : {"plain", "cov-asan"}) {
    SCOPED_TRACE(flavour);
    fs::path out = dir / flavour;
    Running run(fuzz_argv("hostile_hog", flavour, out, {"--runs", "2000000"}));
    // Watch for a worker that stops (state T/t) instead of ending.
    int rc = run.await_exit(300);
    ASSERT_EQ(rc, 1) << tail(run.output());
    std::vector<Found> f = findings_in(run.output());
    ASSERT_FALSE(f.empty()) << tail(run.output());
    EXPECT_EQ(f[0].klass, "out-of-memory") << tail(run.output());
    EXPECT_EQ(f[0].function, "hog_keep") << tail(run.output());
    size_t folders = 0;
    for (const fs::directory_entry& e : fs::directory_iterator(out / "findings")) {
      if (e.path().filename().string()[0] == '.') continue;
      ++folders;
      for (const char* file : {"input", "program.txt", "report.txt", "repro.c", "finding.json"})
        EXPECT_TRUE(fs::exists(e.path() / file)) << e.path() / file;
    }
    EXPECT_EQ(folders, 1u);
    for (pid_t pid : live_processes_mentioning(out.string()))
      EXPECT_NE(process_state(pid), 'T') << "a stopped worker was left";
    expect_nothing_left(out);
  }
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

// hostile_intern keeps a copy of every text it is given, for good: each input that calls
// intern_keep makes more allocations than frees, with no leak. libFuzzer checks each such input
// for leaks, and after 1,000 of them stops checking for the rest of its process: a leak made
// later would only grow the heap, until the out-of-memory check called it memory the library
// keeps (a 10-minute jansson run filed such an out-of-memory as jansson's bug). ffifuzz ends
// that worker when it says so and starts another, corpus kept: leaks are checked again.
TEST(Hostile, AGrowingLibraryDoesNotEndLeakChecksForTheRun) {
  fs::path dir = fresh_dir("intern");
  const fs::path out = dir / "out";
  // Checked, each input runs twice plus a leak check (about 200 a second here); unchecked, over
  // 20,000 a second: the runs left after libFuzzer gives up must outlast the supervisor's
  // once-a-second look at what the worker said.
  Running run(fuzz_argv("hostile_intern", "cov-asan", out, {"--runs", "100000"}));
  int rc = run.await_exit(600);
  EXPECT_EQ(rc, 0) << tail(run.output());
  EXPECT_GE(count_of(run.output(), "ffifuzz: restarting the worker, corpus kept: libFuzzer had stopped checking "
                                   "each input for leaks"),
            1u)
      << tail(run.output());
  EXPECT_NE(run.output().find("ffifuzz: no findings in 100000 executions"), std::string::npos) << tail(run.output());
  // The workers it ended were stopped mid-input: no input of theirs is taken for a finding.
  EXPECT_EQ(run.output().find("not classified"), std::string::npos) << tail(run.output());
  expect_nothing_left(out);
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

}  // namespace
}  // namespace ffifuzz::test
