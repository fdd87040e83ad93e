#include "campaign/stop_signals.h"

#include <signal.h>

#include <atomic>

namespace ffifuzz::campaign {
namespace {

volatile sig_atomic_t g_stop_signal = 0;
// Read from the signal handler: lock-free atomics.
constexpr int kMaxGroups = 8;
std::atomic<pid_t> g_groups[kMaxGroups];

void forward() {
  for (std::atomic<pid_t>& g : g_groups)
    if (pid_t group = g.load(); group > 0) kill(-group, SIGTERM);
}

void on_stop(int sig) {
  g_stop_signal = sig;
  forward();
}

}  // namespace

void install_stop_handlers() {
  struct sigaction sa = {};
  sa.sa_handler = on_stop;
  sigemptyset(&sa.sa_mask);
  // No SA_RESTART: a blocking poll on the worker's output returns at once with EINTR, and the
  // supervisor loop sees the stop without waiting for its next timeout.
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
}

bool stop_requested() { return g_stop_signal != 0; }
int stop_signal() { return g_stop_signal; }
int stop_exit_code() { return 128 + (g_stop_signal ? g_stop_signal : SIGTERM); }
const char* stop_signal_name() { return g_stop_signal == SIGINT ? "SIGINT" : "SIGTERM"; }

void add_worker_group(pid_t group) {
  for (std::atomic<pid_t>& g : g_groups) {
    pid_t empty = 0;
    if (g.compare_exchange_strong(empty, group)) break;
  }
  // A stop that arrived before this worker started: it stops at once.
  if (g_stop_signal) kill(-group, SIGTERM);
}

void remove_worker_group(pid_t group) {
  for (std::atomic<pid_t>& g : g_groups) {
    pid_t expected = group;
    if (g.compare_exchange_strong(expected, 0)) break;
  }
}

}  // namespace ffifuzz::campaign
