// `inspect` on Debian's sqlite3.h (1,000+ declarations):
//  - BM_InspectCommand: the whole `ffifuzz inspect --format json` process, as a user runs it
//    (the tool is built with ASan+UBSan, as shipped); the budget is one second;
//  - BM_ParseAndInfer: the in-process part (libclang parse + model + naming + merge), to see
//    where the time goes.
#include <benchmark/benchmark.h>
#include <spawn.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <unistd.h>

#include "contract/merge.h"
#include "contract/naming.h"
#include "header/parse_header.h"

extern char** environ;

namespace {

void BM_InspectCommand(benchmark::State& state) {
  const char* argv[] = {FFIFUZZ_BIN, "inspect", "--header", SQLITE3_H, "--format", "json", nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  for (auto _ : state) {
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], &actions, nullptr, const_cast<char**>(argv), environ) != 0) {
      state.SkipWithError("cannot run ffifuzz");
      break;
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      state.SkipWithError("ffifuzz inspect failed on sqlite3.h");
      break;
    }
  }
  posix_spawn_file_actions_destroy(&actions);
}
BENCHMARK(BM_InspectCommand)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ParseAndInfer(benchmark::State& state) {
  ffifuzz::header::ParseOptions o;
  o.headers = {SQLITE3_H};
  size_t functions = 0;
  for (auto _ : state) {
    ffifuzz::header::ParsedHeader p = ffifuzz::header::parse_header(o);
    auto merged = ffifuzz::contract::merge_contracts(
        p.model, {p.attributes, p.doc_comments, ffifuzz::contract::infer_from_names(p.model)});
    functions = p.model.functions.size();
    benchmark::DoNotOptimize(merged);
  }
  state.counters["functions"] = static_cast<double>(functions);
}
BENCHMARK(BM_ParseAndInfer)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
