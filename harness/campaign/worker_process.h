// campaign/worker_process: one child process of a campaign, supervised from start to end.
// Job: start a worker (this binary re-run as a libFuzzer worker, see worker_args.h) and see
// it through to its end, whatever the library under test does to it —
//  - it leads a process group of its own (libFuzzer's -fork jobs and anything the library
//    forks join it), and when it has exited whatever is left of the group is killed: a helper
//    that still holds the output pipe never keeps the run waiting;
//  - it holds the read end of the lifeline, a pipe whose write end only this process holds:
//    when the supervisor dies, however it dies (SIGKILL included), every process of the run
//    sees end-of-file and ends its group (worker_main.cpp), -fork jobs behind a shell too;
//  - its output is read as lines as fast as it comes (never blocking the worker) into a
//    bounded log: the head and the tail are kept, what lies between is counted;
//  - a deadline is a watchdog: SIGTERM to the group when it passes, SIGKILL a few seconds
//    later, so no phase outlives its budget plus the grace;
//  - a stop request (stop_signals.h) reaches the group at once, and a group that has not
//    ended half a second later is killed.
// May depend on: stop_signals.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ffifuzz::campaign {

using Clock = std::chrono::steady_clock;

// Runs about once a second while a worker runs; returns true to end the worker now (as a stop
// request would: SIGTERM to its group, SIGKILL shortly after). The campaign classifies what
// the worker saved in it, and ends a pass whose rules it has just learned better ones for.
using TickAction = std::function<bool()>;

struct WorkerSpec {
  std::vector<std::string> argv;  // argv[0] is the executable's path
  std::string cwd;                // empty: ours
  std::vector<std::string> env;   // "NAME=value", on top of ours
  std::optional<Clock::time_point> deadline;  // the watchdog; none: no bound
  std::string log_path;           // the bounded log's file; empty: none
  // The workers' scratch folder (--scratch): when this worker ends, the per-process folders
  // in it of processes that are gone are removed. A worker killed mid-program (a timeout)
  // cannot empty its own, and a library writing a file until then leaves gigabytes there:
  // a zlib run's restarts once filled the disk.
  std::string scratch;
};

struct WorkerEnd {
  int exit_code = -1;    // -1 when a signal ended it
  int term_signal = 0;
  bool deadline_passed = false;  // the watchdog stopped it
  bool stopped = false;          // a stop request ended it
  bool ended_early = false;      // its on_tick asked for its end
  std::string log;               // bounded: head, a line saying what was left out, tail
  uint64_t output_bytes = 0;     // all it wrote
  double seconds = 0;
  bool exited_cleanly() const { return exit_code == 0 && !deadline_passed && !stopped && !ended_early; }
};

// Runs the worker to its end; every line it writes (stdout and stderr, one stream) is passed
// to `on_line` as it arrives, without its newline (very long lines are cut); `on_tick` runs
// about once a second while it runs (the campaign classifies what the worker saved; it may
// run other workers meanwhile; see TickAction). stdin is /dev/null. Throws std::runtime_error when it cannot
// be started.
WorkerEnd run_worker(const WorkerSpec& spec, const std::function<void(std::string_view line)>& on_line = nullptr,
                     const TickAction& on_tick = nullptr);

// The lifeline's read end and this process's pid, as the environment a worker needs
// ("FFIFUZZ_LIFELINE_FD=n", "FFIFUZZ_SUPERVISOR_PID=n"). run_worker adds them itself.
std::vector<std::string> lifeline_environment();

// Path of the running executable (/proc/self/exe), for re-running ourselves.
std::string self_executable();

// The executable a worker runs: ffifuzz-worker beside this one (it links no libclang or LLVM,
// about 55 MB less in every worker), or this one, which runs workers too (a test binary).
std::string worker_executable();

// Seconds a worker's group gets between SIGTERM at its deadline and SIGKILL.
inline constexpr int kKillGraceSeconds = 3;

}  // namespace ffifuzz::campaign
