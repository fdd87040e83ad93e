#include "campaign/worker_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "campaign/stop_signals.h"

extern char** environ;

namespace ffifuzz::campaign {
namespace {

using namespace std::chrono_literals;

// How much of a worker's output is kept: the head (the banner, what the plan says) and the
// tail (where a sanitizer report is). A chatty library's megabytes in between are counted.
constexpr size_t kHeadBytes = 1 << 20;
constexpr size_t kTailBytes = 4 << 20;
constexpr size_t kMaxLine = 16 << 10;
// After the worker has exited: how long output still in the pipe is read before the group is
// killed (a helper the library forked may hold the pipe forever).
constexpr auto kDrainAfterExit = 300ms;
// After a stop request: how long the group has to end by itself before it is killed.
constexpr auto kStopGrace = 500ms;
// How often on_tick runs while the worker runs.
constexpr auto kTickInterval = 1000ms;

// The lifeline: created once per supervisor. Its write end is close-on-exec and only ever
// held here; its read end is inherited by every worker and everything they start.
struct Lifeline {
  int read_fd = -1, write_fd = -1;
  Lifeline() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return;
    read_fd = fds[0];
    write_fd = fds[1];
    fcntl(read_fd, F_SETFD, 0);  // inherited across exec
  }
};
const Lifeline& lifeline() {
  static const Lifeline l;
  return l;
}

// The head is kept as it comes (and written to the file at once); the tail in a ring of bytes
// (no allocation per line: a library may print millions of them).
class BoundedLog {
 public:
  explicit BoundedLog(const std::string& path) {
    if (!path.empty()) file_.open(path, std::ios::binary | std::ios::trunc);
  }
  void add(std::string_view line) {
    total_ += line.size() + 1;
    if (head_.size() < kHeadBytes) {
      head_.append(line).push_back('\n');
      if (file_) file_ << line << '\n';
      return;
    }
    if (ring_.empty()) ring_.resize(kTailBytes);
    put(line);
    put("\n");
  }
  std::string finish() {
    std::string out = std::move(head_);
    std::string tail;
    if (ring_used_ < ring_.size()) {
      tail.assign(ring_.data(), ring_used_);
    } else {  // wrapped: oldest byte at ring_at_; start after the first whole line
      tail.assign(ring_.data() + ring_at_, ring_.size() - ring_at_);
      tail.append(ring_.data(), ring_at_);
      size_t nl = tail.find('\n');
      tail.erase(0, nl == std::string::npos ? 0 : nl + 1);
    }
    uint64_t dropped = total_ - out.size() - tail.size();
    std::string gap;
    if (dropped) gap = "[ffifuzz: " + std::to_string(dropped) + " bytes of the worker's output left out]\n";
    out += gap;
    out += tail;
    if (file_) file_ << gap << tail;
    return out;
  }

 private:
  void put(std::string_view bytes) {
    while (!bytes.empty()) {
      size_t n = std::min(bytes.size(), ring_.size() - ring_at_);
      std::memcpy(ring_.data() + ring_at_, bytes.data(), n);
      ring_at_ = (ring_at_ + n) % ring_.size();
      ring_used_ = std::min(ring_.size(), ring_used_ + n);
      bytes.remove_prefix(n);
    }
  }

  std::ofstream file_;
  std::string head_;
  std::string ring_;
  size_t ring_at_ = 0, ring_used_ = 0;
  uint64_t total_ = 0;
};

// Splits the byte stream into lines, cutting any longer than kMaxLine.
class LineSplitter {
 public:
  template <class Sink>
  void feed(const char* data, size_t n, Sink&& sink) {
    while (n > 0) {
      const char* nl = static_cast<const char*>(std::memchr(data, '\n', n));
      size_t take = nl ? static_cast<size_t>(nl - data) : n;
      if (!skipping_) pending_.append(data, std::min(take, kMaxLine - std::min(kMaxLine, pending_.size())));
      if (pending_.size() >= kMaxLine && !nl) {
        sink(std::string_view(pending_));
        pending_.clear();
        skipping_ = true;  // the rest of this line is dropped
      }
      if (!nl) return;
      if (!skipping_) sink(std::string_view(pending_));
      pending_.clear();
      skipping_ = false;
      data = nl + 1;
      n -= take + 1;
    }
  }
  template <class Sink>
  void flush(Sink&& sink) {
    if (!pending_.empty() && !skipping_) sink(std::string_view(pending_));
    pending_.clear();
  }

 private:
  std::string pending_;
  bool skipping_ = false;
};

int pidfd_open(pid_t pid) {
#ifdef SYS_pidfd_open
  return static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
#else
  (void)pid;
  errno = ENOSYS;
  return -1;
#endif
}

// Removes the per-process folders in `scratch` whose process has ended (WorkerSpec::scratch).
void remove_scratch_of_ended_processes(const std::string& scratch) {
  // exec/executor names them ffifuzz-scratch-PID.
  static const std::string kPrefix = "ffifuzz-scratch-";
  std::error_code ec;
  for (const std::filesystem::directory_entry& e : std::filesystem::directory_iterator(scratch, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(kPrefix, 0) != 0) continue;
    char* end = nullptr;
    const long pid = std::strtol(name.c_str() + kPrefix.size(), &end, 10);
    if (pid <= 0 || *end != '\0') continue;
    if (kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // still running (or not ours to ask)
    std::filesystem::remove_all(e.path(), ec);
  }
}

}  // namespace

std::string self_executable() {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) throw std::runtime_error("cannot find the ffifuzz executable (/proc/self/exe)");
  return std::string(buf, static_cast<size_t>(n));
}

std::string worker_executable() {
  static const std::string path = [] {
    const std::string self = self_executable();
    const std::string beside = (std::filesystem::path(self).parent_path() / "ffifuzz-worker").string();
    return access(beside.c_str(), X_OK) == 0 ? beside : self;
  }();
  return path;
}

std::vector<std::string> lifeline_environment() {
  std::vector<std::string> env;
  if (lifeline().read_fd >= 0) env.push_back("FFIFUZZ_LIFELINE_FD=" + std::to_string(lifeline().read_fd));
  env.push_back("FFIFUZZ_SUPERVISOR_PID=" + std::to_string(getpid()));
  return env;
}

WorkerEnd run_worker(const WorkerSpec& spec, const std::function<void(std::string_view)>& on_line,
                     const TickAction& on_tick) {
  const Clock::time_point start = Clock::now();
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));

  // The environment: ours, the worker's own settings, the lifeline.
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
  for (const std::string& e : lifeline_environment()) env_strings.push_back(e);
  for (const std::string& e : spec.env) env_strings.push_back(e);
  std::vector<char*> envp;
  for (std::string& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_copy = spec.argv;
  std::vector<char*> argv;
  for (std::string& s : argv_copy) argv.push_back(s.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
  if (!spec.cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, spec.cwd.c_str());
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setpgroup(&attr, 0);
  // The supervisor's stop handlers and blocked signals are not the worker's business.
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    throw std::runtime_error("cannot start " + spec.argv[0] + ": " + std::strerror(rc));
  }
  add_worker_group(pid);
  const int out_fd = fds[0];
  fcntl(out_fd, F_SETFL, O_NONBLOCK);
  const int pid_fd = pidfd_open(pid);

  BoundedLog log(spec.log_path);
  LineSplitter lines;
  auto sink = [&](std::string_view line) {
    log.add(line);
    if (on_line) on_line(line);
  };
  WorkerEnd end;
  bool exited = false, pipe_open = true;
  int status = 0;
  std::optional<Clock::time_point> kill_at, drain_until;
  auto reap = [&] {
    if (exited) return;
    pid_t r;
    while ((r = waitpid(pid, &status, WNOHANG)) < 0 && errno == EINTR) {
    }
    if (r == pid) {
      exited = true;
      drain_until = Clock::now() + kDrainAfterExit;
    }
  };
  Clock::time_point next_tick = Clock::now() + kTickInterval;
  char buf[1 << 16];
  while (!exited || (pipe_open && Clock::now() < *drain_until)) {
    Clock::time_point now = Clock::now();
    if (!exited) {
      if (spec.deadline && now >= *spec.deadline && !end.deadline_passed) {
        end.deadline_passed = true;
        kill(-pid, SIGTERM);
        kill_at = now + std::chrono::seconds(kKillGraceSeconds);
      }
      if (stop_requested() && !end.stopped) {
        end.stopped = true;  // the handler has sent SIGTERM already
        kill(-pid, SIGTERM);
        Clock::time_point at = now + kStopGrace;
        if (!kill_at || at < *kill_at) kill_at = at;
      }
      if (kill_at && now >= *kill_at) kill(-pid, SIGKILL);
    }
    // Sleep until output, the worker's exit, or the next thing to check.
    auto wake = now + (exited ? 50ms : 200ms);
    if (on_tick && !exited && next_tick < wake) wake = next_tick;
    if (spec.deadline && !end.deadline_passed && *spec.deadline < wake) wake = *spec.deadline;
    if (kill_at && *kill_at < wake) wake = *kill_at;
    if (drain_until && *drain_until < wake) wake = *drain_until;
    int timeout_ms = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(wake - now).count());
    pollfd pfd[2] = {{out_fd, POLLIN, 0}, {pid_fd, POLLIN, 0}};
    int nfds = pid_fd >= 0 && !exited ? 2 : 1;
    if (!pipe_open) pfd[0].fd = -1;
    int n = poll(pfd, static_cast<nfds_t>(nfds), std::max(timeout_ms, 0));
    if (n < 0 && errno != EINTR) break;
    if (pipe_open && (pfd[0].revents & (POLLIN | POLLHUP | POLLERR))) {
      for (;;) {
        ssize_t got = read(out_fd, buf, sizeof buf);
        if (got > 0) {
          end.output_bytes += static_cast<uint64_t>(got);
          lines.feed(buf, static_cast<size_t>(got), sink);
          if (static_cast<size_t>(got) < sizeof buf) break;
          continue;
        }
        if (got == 0) pipe_open = false;  // every writer has closed it
        if (got < 0 && errno == EINTR) continue;
        break;
      }
    }
    if (!pipe_open && !exited && pid_fd < 0) {
      // Without a pidfd, end-of-file means the worker is gone (or about to be): wait for it.
      while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      exited = true;
      drain_until = Clock::now();
    }
    reap();
    if (on_tick && !exited && Clock::now() >= next_tick) {
      if (on_tick() && !end.ended_early && !end.stopped) {
        end.ended_early = true;
        kill(-pid, SIGTERM);
        Clock::time_point at = Clock::now() + kStopGrace;
        if (!kill_at || at < *kill_at) kill_at = at;
      }
      next_tick = Clock::now() + kTickInterval;
    }
  }
  // The worker is gone: nothing of its group may outlive it (a forked helper, a -fork job).
  kill(-pid, SIGKILL);
  remove_worker_group(pid);
  if (!spec.scratch.empty()) remove_scratch_of_ended_processes(spec.scratch);
  lines.flush(sink);
  close(out_fd);
  if (pid_fd >= 0) close(pid_fd);
  if (WIFEXITED(status)) end.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) end.term_signal = WTERMSIG(status);
  end.log = log.finish();
  end.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return end;
}

}  // namespace ffifuzz::campaign
