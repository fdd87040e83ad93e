// A program under test that keeps running while the test acts on it: its output read line by
// line as it comes (to wait for a phase, a status line), signals sent to it, its end awaited
// with a deadline; and the processes it left behind, found and awaited by their pids. For the
// end-to-end tests of stop signals, hostile libraries and the supervisor's bounds.
#pragma once

#include <sys/types.h>

#include <regex>
#include <string>
#include <vector>

namespace ffifuzz::test {

class Running {
 public:
  // stdout and stderr together; stdin /dev/null; `env` ("NAME=value") on top of ours.
  explicit Running(const std::vector<std::string>& argv, const std::vector<std::string>& env = {});
  ~Running();
  Running(const Running&) = delete;
  Running& operator=(const Running&) = delete;

  // Reads until a line matches (true) or the output ends or `seconds` pass (false).
  bool await_line(const std::regex& re, int seconds);
  // Reads to the end of the output, then reaps the exit code (128 + the signal when a signal
  // ended it); -1 when that takes longer than `seconds`.
  int await_exit(int seconds);
  void signal(int sig);
  pid_t pid() const { return pid_; }
  const std::string& output() const { return all_; }
  double seconds() const;  // since it started

 private:
  bool read_some(double deadline_seconds);
  pid_t pid_ = -1;
  int fd_ = -1;
  bool eof_ = false;
  std::string pending_, all_;
  double start_ = 0;
};

// Processes (not zombies) whose command line mentions `needle`, as pids.
std::vector<pid_t> live_processes_mentioning(const std::string& needle);

// Waits (pidfd, no polling) until every one of `pids` has ended; false when some are still
// there after `seconds`. Processes that are already gone count as ended.
bool await_gone(const std::vector<pid_t>& pids, int seconds);

// The process state letter of `pid` from /proc (R, S, T, t, Z, ...); 0 when it is gone.
char process_state(pid_t pid);

}  // namespace ffifuzz::test
