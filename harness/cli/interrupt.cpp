#include "cli/interrupt.h"

#include <signal.h>

#include <atomic>

namespace ffifuzz::cli {
namespace {

volatile sig_atomic_t g_stop_signal = 0;
// Read from the signal handler: lock-free atomics only.
std::atomic<pid_t> g_child{0};
std::atomic<bool> g_child_group{false};

void forward(int sig) {
  pid_t child = g_child.load();
  if (child > 0) kill(g_child_group.load() ? -child : child, SIGTERM);
  (void)sig;
}

void on_stop(int sig) {
  g_stop_signal = sig;
  forward(sig);
}

}  // namespace

void install_stop_handlers() {
  struct sigaction sa = {};
  sa.sa_handler = on_stop;
  sigemptyset(&sa.sa_mask);
  // No SA_RESTART: a blocking read of the child's output returns, and the loop around it
  // sees the child's end (the forwarded signal) promptly.
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
}

bool stop_requested() { return g_stop_signal != 0; }
int stop_signal() { return g_stop_signal; }

void set_current_child(pid_t pid, bool group) {
  g_child_group.store(group);
  g_child.store(pid);
  // A stop that arrived while no child was registered: the new child stops at once.
  if (pid > 0 && g_stop_signal) forward(g_stop_signal);
}

}  // namespace ffifuzz::cli
