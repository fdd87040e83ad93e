#include "campaign/worker_main.h"

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "campaign/containment.h"
#include "campaign/exit_codes.h"
#include "campaign/session_file.h"
#include "campaign/set_aside.h"
#include "campaign/worker_args.h"
#include "driver/libfuzzer_glue.h"
#include "exec/library.h"
#include "model/error.h"

namespace ffifuzz::campaign {
namespace {

long env_number(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::atol(v) : 0;
}

// Dies with the supervisor. PR_SET_PDEATHSIG covers the worker the supervisor started; the
// lifeline covers everything below it, whatever its parent.
void tie_to_supervisor() {
  if (long supervisor = env_number("FFIFUZZ_SUPERVISOR_PID"); supervisor > 0 && getppid() == supervisor)
    prctl(PR_SET_PDEATHSIG, SIGKILL);
}

void start_lifeline_watch() {
  const char* fd_text = std::getenv("FFIFUZZ_LIFELINE_FD");
  if (!fd_text) return;
  int fd = std::atoi(fd_text);
  if (fd < 0) return;
  std::thread([fd] {
    char byte;
    for (;;) {
      ssize_t n = read(fd, &byte, 1);
      if (n < 0 && errno == EINTR) continue;
      break;  // end-of-file (or an error): the supervisor is gone, so is the run
    }
    kill(0, SIGKILL);
  }).detach();
}

int probe(const TargetOptions& target) {
  exec::Library library(target.lib);
  std::fprintf(stderr, "ffifuzz: probe: loaded %s\n", target.lib.c_str());
  return kExitClean;
}

int fuzz(const WorkerFlags& flags, int argc, char** argv) {
  const driver::SessionOptions options{.trace = flags.trace, .heap_buffers = flags.heap_buffers,
                                       .only_functions = flags.only_functions, .scratch_dir = flags.scratch_dir,
                                       // Every path a campaign gives its worker is absolute.
                                       .work_in_scratch = !flags.scratch_dir.empty()};
  // The supervisor's session, as it planned it (session_file.h): a worker never parses the
  // header itself, so that ffifuzz-worker links no libclang (docs/ARCHITECTURE.md).
  if (flags.session_file.empty())
    throw InputError("a fuzz worker needs --session=FILE, which its supervisor writes: run 'ffifuzz fuzz'");
  std::unique_ptr<FileSession> session = open_session_file(flags.session_file, options);
  std::fputs(session->arena_line().c_str(), stderr);
  // Without comparison tracing, the library's compare immediates stand in for it (the
  // supervisor read them: the worker reads no ELF, see session_file.h).
  std::vector<uint64_t> constants;
  // FFIFUZZ_NO_CONSTANTS set: none (bench/fuzz/run_cmp_demo.sh fuzzes without any comparison help).
  if (!std::getenv("FFIFUZZ_NO_CONSTANTS")) constants = session->payload.constants;
  SetAsideNames aside = read_set_aside(flags.set_aside_file);
  return driver::run_fuzz_worker(*session,
                                 {.api_signal = flags.api_signal,
                                  .constants = std::move(constants),
                                  // FFIFUZZ_NO_HINTS set: none (bench/fuzz/run_hints_bench.sh
                                  // measures what they are worth).
                                  .compare_hints = std::getenv("FFIFUZZ_NO_HINTS") == nullptr,
                                  .stats_dir = flags.stats_dir,
                                  .inflight_dir = flags.inflight_dir,
                                  .set_aside = aside.skip,
                                  .unchecked = aside.unchecked},
                                 argc, argv);
}

}  // namespace

int worker_main(int argc, char** argv) {
  TargetOptions target;
  WorkerFlags flags;
  parse_worker_args(argc, argv, target, flags);
  tie_to_supervisor();
  // Before any thread starts: unshare needs a single-threaded process.
  if (!flags.writable.empty()) {
    ContainResult c = contain_worker(flags.writable);
    // Its own namespace, not one inherited from a parent worker (whose mount it shares).
    if (c.contained && !std::getenv("FFIFUZZ_SCRATCH_IN_MEMORY") && scratch_in_memory(flags.scratch_dir)) {
      setenv("FFIFUZZ_SCRATCH_IN_MEMORY", "1", 1);
      c.how += "; scratch folder in memory";
    }
    std::fprintf(stderr, "ffifuzz: worker %s\n", c.how.c_str());
    limit_worker_file_size();
  }
  start_lifeline_watch();
  try {
    if (worker_kind(argc, argv) == "probe") return probe(target);
    return fuzz(flags, argc, argv);
  } catch (const InputError& e) {
    std::fprintf(stderr, "ffifuzz: error: %s\n", e.what());
    return kExitUsage;
  }
}

}  // namespace ffifuzz::campaign
