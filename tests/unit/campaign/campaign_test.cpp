// The campaign's bookkeeping, without workers: what a worker's lines say about its run, which
// saved inputs a run classifies, and what a finding that comes back sets aside.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "campaign/call_health.h"
#include "campaign/libfuzzer_output.h"
#include "campaign/saved_inputs.h"
#include "campaign/set_aside.h"
#include "driver/call_stats.h"
#include "driver/inflight.h"

namespace ffifuzz::campaign {
namespace {
namespace fs = std::filesystem;

LibFuzzerRun read_all(const std::vector<std::string>& lines) {
  LibFuzzerRun run;
  for (const std::string& l : lines) run.read(l);
  return run;
}

TEST(LibFuzzerOutput, AFuzzingRunThatEndsAsAskedIsFinished) {
  LibFuzzerRun run = read_all({"INFO: Seed: 1", "#2\tINITED cov: 10 ft: 12 corp: 1/10b exec/s: 0 rss: 30Mb",
                               "#4096\tpulse  cov: 11 ft: 14 corp: 2/20b lim: 4 exec/s: 2048 rss: 31Mb",
                               "Done 5000 runs in 2 second(s)", "stat::number_of_executed_units: 5000"});
  EXPECT_TRUE(run.finished());
  EXPECT_EQ(run.executions(), 5000u);
  ASSERT_TRUE(run.last_status);
  EXPECT_EQ(run.last_status->coverage, 11u);
}

TEST(LibFuzzerOutput, ARunThatStoppedWithoutItsEndIsNotFinished) {
  // A library that _exits(0) mid-run: libFuzzer says nothing more.
  LibFuzzerRun run = read_all({"#2\tINITED cov: 10 ft: 12 corp: 1/10b exec/s: 0 rss: 30Mb", "hello from the library"});
  EXPECT_FALSE(run.finished());
  EXPECT_EQ(run.executions(), 2u);
}

TEST(LibFuzzerOutput, SavedInputsHaveTheirKind) {
  LibFuzzerRun run = read_all({"artifact_prefix='/o/a/'; Test unit written to /o/a/crash-5f3a",
                               "Test unit written to /o/a/slow-unit-77", "Test unit written to ./leak-12 "});
  ASSERT_EQ(run.saved.size(), 3u);
  EXPECT_EQ(run.saved[0].path, "/o/a/crash-5f3a");
  EXPECT_EQ(run.saved[0].kind, "crash");
  EXPECT_EQ(run.saved[1].kind, "slow-unit");
  EXPECT_EQ(run.saved[2].path, "./leak-12");
  EXPECT_EQ(run.saved[2].kind, "leak");
}

TEST(LibFuzzerOutput, AForkParentCountsItsJobsExecutionsInStatusLines) {
  // The -fork parent's own final statistics count none of its jobs' executions.
  LibFuzzerRun run = read_all({"#52113: cov: 45 ft: 67 corp: 20 exec/s 1700 oom/timeout/crash: 0/0/3 time: 31s job: 9",
                               "INFO: exiting: 0 time: 32s", "stat::number_of_executed_units: 0"});
  EXPECT_TRUE(run.finished());
  EXPECT_EQ(run.executions(), 52113u);
  LibFuzzerRun interrupted = read_all({"#100: cov: 4 ft: 5 corp: 2 exec/s 10 oom/timeout/crash: 0/0/0 time: 3s job: 1",
                                       "==12== libFuzzer: run interrupted; exiting"});
  EXPECT_FALSE(interrupted.finished());
  EXPECT_TRUE(interrupted.interrupted);
}

TEST(LibFuzzerOutput, ReplaysSayWhichInputsTheyExecuted) {
  LibFuzzerRun run = read_all({"Running: /t/in put", "Executed /t/in put in 3 ms"});
  ASSERT_EQ(run.executed_inputs.size(), 1u);
  EXPECT_EQ(run.executed_inputs[0], "/t/in put");
}

struct Folder {
  fs::path dir = fs::temp_directory_path() / ("ffifuzz-unit-campaign-" + std::to_string(getpid()));
  Folder() {
    fs::remove_all(dir);
    fs::create_directories(dir / "artifacts");
    fs::create_directories(dir / "inflight");
  }
  ~Folder() { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& bytes) const {
    std::ofstream(dir / "artifacts" / name, std::ios::binary) << bytes;
  }
};

std::vector<std::string> names(const std::vector<fs::path>& paths) {
  std::vector<std::string> out;
  for (const fs::path& p : paths) out.push_back(p.filename().string());
  return out;
}

TEST(SavedInputs, EarlierRunsAndSlowUnitsAreNotThisRunsFindings) {
  Folder f;
  f.write("crash-old", "a");
  SavedInputs saved(f.dir / "artifacts", f.dir / "inflight");
  f.write("slow-unit-1", "b");
  f.write("crash-new", "c");
  f.write("leak-new", "d");
  std::vector<std::string> got = names(saved.take_new());
  // Rare kinds first: the leak before the crash.
  EXPECT_EQ(got, (std::vector<std::string>{"leak-new", "crash-new"}));
  EXPECT_TRUE(saved.take_new().empty()) << "each input once";
}

TEST(SavedInputs, TheSameInputSavedAgainIsTakenAgain) {
  Folder f;
  SavedInputs saved(f.dir / "artifacts", f.dir / "inflight");
  f.write("crash-1", "x");
  EXPECT_EQ(saved.take_new().size(), 1u);
  // A restarted worker meeting the same finding rewrites the file of the same name.
  fs::last_write_time(f.dir / "artifacts" / "crash-1", fs::file_time_type::clock::now() + std::chrono::seconds(5));
  EXPECT_EQ(names(saved.take_new()), (std::vector<std::string>{"crash-1"}));
}

TEST(SavedInputs, AnInputRunningWhenItsProcessVanishedIsSavedWithItsReport) {
  Folder f;
  pid_t child = fork();
  if (child == 0) {
    // A worker: records its input, says something about it, and vanishes mid-input.
    driver::start_inflight_record((f.dir / "inflight").string());
    const uint8_t bytes[] = {'p', 'r', 'o', 'g'};
    driver::inflight_begin(bytes, sizeof bytes);
    int fd = driver::inflight_report_fd();
    if (fd >= 0) (void)!write(fd, "==ffifuzz== ERROR: out-of-memory: grew\n", 39);
    _exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  SavedInputs saved(f.dir / "artifacts", f.dir / "inflight");
  std::vector<fs::path> got = saved.take_new();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].filename().string().rfind("vanished-", 0), 0u) << got[0];
  std::ifstream in(got[0], std::ios::binary);
  EXPECT_EQ(std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()), "prog");
  EXPECT_NE(saved.report_of(got[0]).find("out-of-memory: grew"), std::string::npos);
  EXPECT_TRUE(fs::is_empty(f.dir / "inflight")) << "the record is consumed";
}

TEST(SavedInputs, AFinishedInputIsNotAVanishedOne) {
  Folder f;
  pid_t child = fork();
  if (child == 0) {
    driver::start_inflight_record((f.dir / "inflight").string());
    const uint8_t bytes[] = {1, 2};
    driver::inflight_begin(bytes, sizeof bytes);
    driver::inflight_end();
    _exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  SavedInputs saved(f.dir / "artifacts", f.dir / "inflight");
  EXPECT_TRUE(saved.take_new().empty());
}

program::ApiPlan plan_with(const std::vector<std::pair<std::string, bool>>& functions) {
  program::ApiPlan plan;
  for (const auto& [name, releaser] : functions) {
    program::FunctionPlan f;
    f.name = name;
    f.is_releaser = releaser;
    plan.functions.push_back(f);
  }
  return plan;
}

report::Finding finding(const std::string& klass, const std::string& function, long hits) {
  report::Finding f;
  f.klass = klass;
  f.function = function;
  f.key = "0123456789abcdef";
  f.hits = hits;
  return f;
}

TEST(SetAside, ACrashComingBackSkipsItsFunction) {
  Folder f;
  SetAside aside(f.dir / "set-aside.txt", f.dir / "leaks.supp");
  program::ApiPlan plan = plan_with({{"parse", false}, {"thing_free", true}, {"thing_new", false}, {"list_add", true}});
  plan.functions[2].releaser = 1;  // thing_new's objects are released by thing_free
  EXPECT_EQ(aside.consider(finding("heap-overflow", "parse", 1), plan), "") << "once is not yet a pattern";
  EXPECT_NE(aside.consider(finding("heap-overflow", "parse", 2), plan).find("parse: calls skipped"), std::string::npos);
  EXPECT_EQ(read_set_aside((f.dir / "set-aside.txt").string()).skip, std::vector<std::string>{"parse"});
  // The releaser the final releases use is never skipped (its objects would leak): said instead.
  EXPECT_NE(aside.consider(finding("double-free", "thing_free", 2), plan).find("not set aside"), std::string::npos);
  EXPECT_EQ(read_set_aside((f.dir / "set-aside.txt").string()).skip, std::vector<std::string>{"parse"});
  EXPECT_EQ(aside.said().size(), 2u);
  // One that only takes objects over (no producer's releaser: libyaml's yaml_emitter_emit and
  // its event) is set aside like any function: what it would take stays the harness's.
  EXPECT_NE(aside.consider(finding("heap-overflow", "list_add", 2), plan).find("list_add: calls skipped"),
            std::string::npos);
  EXPECT_EQ(read_set_aside((f.dir / "set-aside.txt").string()).skip, (std::vector<std::string>{"parse", "list_add"}));
}

TEST(SetAside, TheHarnesssOwnChecksAndCostlyFindingsGoAtOnce) {
  Folder f;
  SetAside aside(f.dir / "set-aside.txt", f.dir / "leaks.supp");
  program::ApiPlan plan = plan_with({{"config_new", false}, {"spin", false}});
  EXPECT_NE(aside.consider(finding("layout-mismatch", "config_new", 1), plan).find("no longer checked"), std::string::npos);
  EXPECT_NE(aside.consider(finding("timeout", "spin", 1), plan).find("spin: calls skipped"), std::string::npos);
  SetAsideNames names = read_set_aside((f.dir / "set-aside.txt").string());
  EXPECT_EQ(names.unchecked, std::vector<std::string>{"config_new"});
  EXPECT_EQ(names.skip, std::vector<std::string>{"spin"});
}

// ci minimizes a finding at the end of the run, when its own function is set aside (it came
// back): its replays use the list without that function, and with the others.
TEST(SetAside, AListWithoutAFindingsOwnFunction) {
  Folder f;
  SetAside aside(f.dir / "set-aside.txt", f.dir / "leaks.supp");
  program::ApiPlan plan = plan_with({{"config_new", false}, {"spin", false}, {"parse", false}});
  aside.consider(finding("layout-mismatch", "config_new", 1), plan);
  aside.consider(finding("timeout", "spin", 1), plan);
  aside.consider(finding("heap-overflow", "parse", 2), plan);
  write_set_aside_without((f.dir / "set-aside.txt").string(), {"parse", ""}, (f.dir / "without.txt").string());
  SetAsideNames names = read_set_aside((f.dir / "without.txt").string());
  EXPECT_EQ(names.skip, std::vector<std::string>{"spin"});
  EXPECT_EQ(names.unchecked, std::vector<std::string>{"config_new"});
  write_set_aside_without((f.dir / "set-aside.txt").string(), {"config_new"}, (f.dir / "without.txt").string());
  names = read_set_aside((f.dir / "without.txt").string());
  EXPECT_EQ(names.skip, (std::vector<std::string>{"spin", "parse"}));
  EXPECT_TRUE(names.unchecked.empty());
}

TEST(SetAside, ALeakComingBackIsSuppressedUnderItsFrame) {
  Folder f;
  SetAside aside(f.dir / "set-aside.txt", f.dir / "leaks.supp");
  program::ApiPlan plan = plan_with({{"record_new", false}});
  report::Finding leak = finding("leak", "record_new", 2);
  leak.first_library_frame = "rust_leaks::copy_name at src/lib.rs:40:9";
  EXPECT_NE(aside.consider(leak, plan).find("copy_name"), std::string::npos);
  std::ifstream in(f.dir / "leaks.supp");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("leak:rust_leaks::copy_name\n"), std::string::npos) << text;
  EXPECT_TRUE(read_set_aside((f.dir / "set-aside.txt").string()).skip.empty()) << "the function still runs";
}

// A stripped library's leak (Debian's libzip) names no library function in its stack, so no
// suppression can match it: the call that made what leaked is skipped instead, not the call
// that was running when it was reported (a final release).
TEST(SetAside, ALeakWithNoNamedFrameSkipsTheCallThatMadeIt) {
  Folder f;
  SetAside aside(f.dir / "set-aside.txt", f.dir / "leaks.supp");
  program::ApiPlan plan = plan_with({{"source_fragment", false}, {"archive_close", true}});
  report::Finding leak = finding("leak", "source_fragment", 2);
  leak.called = "archive_close";
  EXPECT_NE(aside.consider(leak, plan).find("source_fragment: calls skipped"), std::string::npos);
  EXPECT_EQ(read_set_aside((f.dir / "set-aside.txt").string()).skip, std::vector<std::string>{"source_fragment"});
}

TEST(SetAside, TheFunctionCalledIsWhatIsSkipped) {
  // A wrapper tail-calling its replacement: the stack names the replacement.
  Folder f;
  SetAside aside(f.dir / "set-aside.txt", f.dir / "leaks.supp");
  program::ApiPlan plan = plan_with({{"LZ4_compress", false}, {"LZ4_compress_fast", false}});
  report::Finding crash = finding("guard-page-overflow", "LZ4_compress_fast", 2);
  crash.called = "LZ4_compress";
  aside.consider(crash, plan);
  EXPECT_EQ(read_set_aside((f.dir / "set-aside.txt").string()).skip, std::vector<std::string>{"LZ4_compress"});
}

// A constructor that never makes anything (an allocator the harness replaced, a global init
// undone): once warmed up, the run names it and what goes untested; before, it says nothing.
TEST(CallHealth, AConstructorThatAlwaysReturnsNullIsNamedAfterTheWarmUp) {
  const fs::path dir = fs::temp_directory_path() / ("ffifuzz-call-health-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  program::ApiPlan plan;
  program::FunctionPlan make;
  make.name = "pool_new";
  make.ret = program::ReturnKind::OwnedHandle;
  make.produces = "struct pool";
  program::FunctionPlan use;
  use.name = "pool_take";
  plan.functions = {make, use};
  driver::start_call_stats(dir.string(), {"pool_new", "pool_take"});
  CallHealth health(plan, dir.string());
  for (uint64_t i = 0; i + 1 < CallHealth::kWarmUpPrograms; ++i) {
    driver::count_program();
    driver::count_call(0, 1);  // NULL
  }
  EXPECT_TRUE(health.check().empty()) << "said before the warm-up";
  driver::count_program();
  driver::count_call(0, 1);
  std::vector<std::string> said = health.check();
  ASSERT_EQ(said.size(), 2u);
  EXPECT_EQ(said[0].rfind("pool_new returned NULL on every one of its 20000 calls", 0), 0u) << said[0];
  EXPECT_EQ(said[1].rfind("pool_take was never called in 20000 programs", 0), 0u) << said[1];
  EXPECT_TRUE(health.check().empty()) << "said twice";
  EXPECT_EQ(health.said().size(), 2u);
  // One call that made something and the constructor is not named (in a fresh look).
  driver::count_call(0, 0);
  CallHealth again(plan, dir.string());
  said = again.check();
  ASSERT_EQ(said.size(), 1u);
  EXPECT_NE(said[0].find("pool_take"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace ffifuzz::campaign
