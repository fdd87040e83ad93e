#include "support/running.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

extern char** environ;

namespace ffifuzz::test {
namespace fs = std::filesystem;

namespace {

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

Running::Running(const std::vector<std::string>& argv, const std::vector<std::string>& env) {
  start_ = now_seconds();
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
  posix_spawn_file_actions_t a;
  posix_spawn_file_actions_init(&a);
  posix_spawn_file_actions_addopen(&a, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&a, fds[1], 1);
  posix_spawn_file_actions_adddup2(&a, fds[1], 2);
  std::vector<std::string> copy = argv;
  std::vector<char*> args;
  for (std::string& s : copy) args.push_back(s.data());
  args.push_back(nullptr);
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
  for (const std::string& e : env) env_strings.push_back(e);
  std::vector<char*> envp;
  for (std::string& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  if (posix_spawn(&pid_, args[0], &a, nullptr, args.data(), envp.data()) != 0) throw std::runtime_error("spawn");
  posix_spawn_file_actions_destroy(&a);
  close(fds[1]);
  fd_ = fds[0];
}

Running::~Running() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  close(fd_);
}

double Running::seconds() const { return now_seconds() - start_; }

bool Running::await_line(const std::regex& re, int seconds) {
  double deadline = now_seconds() + seconds;
  for (;;) {
    size_t nl;
    while ((nl = pending_.find('\n')) != std::string::npos) {
      std::string line = pending_.substr(0, nl);
      pending_.erase(0, nl + 1);
      if (std::regex_search(line, re)) return true;
    }
    if (!read_some(deadline)) return false;
  }
}

int Running::await_exit(int seconds) {
  double deadline = now_seconds() + seconds;
  while (read_some(deadline)) {
  }
  if (!eof_) return -1;
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void Running::signal(int sig) { kill(pid_, sig); }

bool Running::read_some(double deadline) {
  if (eof_) return false;
  int left_ms = static_cast<int>((deadline - now_seconds()) * 1000);
  if (left_ms <= 0) return false;
  pollfd p{fd_, POLLIN, 0};
  if (poll(&p, 1, left_ms) <= 0) return false;  // the awaited event, with a deadline
  char buf[8192];
  ssize_t n = read(fd_, buf, sizeof buf);
  if (n <= 0) {
    eof_ = true;
    return false;
  }
  pending_.append(buf, static_cast<size_t>(n));
  all_.append(buf, static_cast<size_t>(n));
  return true;
}

std::vector<pid_t> live_processes_mentioning(const std::string& needle) {
  std::vector<pid_t> found;
  for (const auto& e : fs::directory_iterator("/proc")) {
    std::string pid = e.path().filename().string();
    if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
    std::string cmdline = read_file(e.path() / "cmdline");
    char state = process_state(static_cast<pid_t>(std::stol(pid)));
    if (state && state != 'Z' && cmdline.find(needle) != std::string::npos)
      found.push_back(static_cast<pid_t>(std::stol(pid)));
  }
  return found;
}

char process_state(pid_t pid) {
  std::string stat = read_file("/proc/" + std::to_string(pid) + "/stat");
  size_t paren = stat.rfind(')');
  if (paren == std::string::npos || paren + 2 >= stat.size()) return 0;
  return stat[paren + 2];
}

bool await_gone(const std::vector<pid_t>& pids, int seconds) {
  double deadline = now_seconds() + seconds;
  for (pid_t pid : pids) {
    int fd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
    if (fd < 0) continue;  // already gone
    bool gone = false;
    while (!gone) {
      // A zombie has exited (its pidfd is readable); so has a process whose pidfd says so.
      int left_ms = static_cast<int>((deadline - now_seconds()) * 1000);
      if (left_ms <= 0) break;
      pollfd p{fd, POLLIN, 0};
      int n = poll(&p, 1, left_ms);
      gone = n > 0 || process_state(pid) == 0;
      if (n < 0 && errno != EINTR) break;
    }
    close(fd);
    if (!gone && process_state(pid) != 'Z' && process_state(pid) != 0) return false;
  }
  return true;
}

}  // namespace ffifuzz::test
