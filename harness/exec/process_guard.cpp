#include "exec/process_guard.h"

#include <dlfcn.h>
#include <link.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

// The sanitizer runtime's interceptors, when the executable has one: forwarding through them
// keeps the sanitizer's own bookkeeping (its handlers, its leak check at _exit).
extern "C" {
int __interceptor_sigaction(int, const struct sigaction*, struct sigaction*) __attribute__((weak));
sighandler_t __interceptor_signal(int, sighandler_t) __attribute__((weak));
void __interceptor__exit(int) __attribute__((weak, noreturn));
void __sanitizer_print_stack_trace() __attribute__((weak));
}

namespace ffifuzz::exec {
namespace {

const int kProtected[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGALRM,
                          SIGINT,  SIGTERM, SIGUSR1, SIGUSR2, SIGXFSZ};

bool is_protected(int sig) {
  for (int s : kProtected)
    if (s == sig) return true;
  return false;
}

using SigactionFn = int (*)(int, const struct sigaction*, struct sigaction*);
using SignalFn = sighandler_t (*)(int, sighandler_t);
using ExitFn = void (*)(int);

template <class Fn>
Fn next_definition(const char* name) {
  return reinterpret_cast<Fn>(dlsym(RTLD_NEXT, name));
}

// libc's functions (or the sanitizer's interceptors of them), found once.
struct Real {
  SigactionFn sigaction = __interceptor_sigaction ? __interceptor_sigaction : next_definition<SigactionFn>("sigaction");
  SignalFn signal = __interceptor_signal ? __interceptor_signal : next_definition<SignalFn>("signal");
  ExitFn exit = next_definition<ExitFn>("exit");
  ExitFn exit_now = __interceptor__exit ? __interceptor__exit : next_definition<ExitFn>("_exit");
  ExitFn exit_fast = next_definition<ExitFn>("_Exit");
  ExitFn quick_exit = next_definition<ExitFn>("quick_exit");
};
const Real& real() {
  static const Real r;
  return r;
}

// The executable's own code: calls from here are the harness's, libFuzzer's or the
// sanitizer's, never the library's.
struct CodeRange {
  uintptr_t lo = UINTPTR_MAX, hi = 0;
};
const CodeRange& executable_code() {
  static const CodeRange range = [] {
    CodeRange r;
    dl_iterate_phdr(
        [](dl_phdr_info* info, size_t, void* data) {
          // The first object is the executable.
          auto* out = static_cast<CodeRange*>(data);
          for (int i = 0; i < info->dlpi_phnum; ++i) {
            const ElfW(Phdr)& ph = info->dlpi_phdr[i];
            if (ph.p_type != PT_LOAD) continue;
            uintptr_t lo = info->dlpi_addr + ph.p_vaddr;
            out->lo = std::min(out->lo, lo);
            out->hi = std::max(out->hi, static_cast<uintptr_t>(lo + ph.p_memsz));
          }
          return 1;
        },
        &r);
    return r;
  }();
  return range;
}
bool from_executable(void* return_address) {
  auto a = reinterpret_cast<uintptr_t>(return_address);
  const CodeRange& r = executable_code();
  return a >= r.lo && a < r.hi;
}

std::atomic<const char*> g_call{nullptr};    // the exported function being called
std::atomic<const char*> g_loading{nullptr};  // the library being loaded
std::atomic<pid_t> g_pid{0};                  // the process that loaded it (not a child it forked)
std::atomic<bool> g_said[NSIG];
struct sigaction g_snapshot[NSIG];
bool g_have_snapshot = false;

bool library_process() { return g_pid.load() != 0 && getpid() == g_pid.load(); }

const char* when_now() {
  static thread_local char text[256];
  if (const char* f = g_call.load()) std::snprintf(text, sizeof text, "during a call of %s", f);
  else if (g_loading.load()) std::snprintf(text, sizeof text, "while the library was loading (an ELF constructor)");
  else std::snprintf(text, sizeof text, "between calls");
  return text;
}

void say_refused(int sig, const char* when) {
  if (sig <= 0 || sig >= NSIG || g_said[sig].exchange(true)) return;
  std::fprintf(stderr,
               "ffifuzz: note: the library tried to install its own handler for %s %s; refused: ffifuzz keeps the "
               "sanitizers' and libFuzzer's, so a crash in the library is still reported\n",
               sigabbrev_np(sig) ? sigabbrev_np(sig) : "a signal", when);
}

// The library is ending the process in the middle of a call: that is the finding.
[[noreturn]] void report_exit(const char* how, int status) {
  std::fprintf(stderr, "==ffifuzz== ERROR: exit: the library called %s(%d) %s: the process would have ended\n", how,
               status, when_now());
  if (__sanitizer_print_stack_trace) __sanitizer_print_stack_trace();
  std::fflush(stderr);
  // libFuzzer handles SIGABRT like any crash: the input is saved, the supervisor replays it.
  abort();
}

bool library_exit(void* return_address) {
  return g_call.load() && library_process() && !from_executable(return_address);
}

}  // namespace

void set_library_call(const char* function) { g_call.store(function, std::memory_order_relaxed); }

LibraryLoadScope::LibraryLoadScope(const std::string& library) {
  (void)real();
  (void)executable_code();
  g_pid.store(getpid());
  if (!g_have_snapshot) {
    for (int s : kProtected) real().sigaction(s, nullptr, &g_snapshot[s]);
    g_have_snapshot = true;
  }
  static std::string loading;
  loading = library;
  g_loading.store(loading.c_str());
}

LibraryLoadScope::~LibraryLoadScope() {
  check_handlers("while the library was loading (an ELF constructor)");
  g_loading.store(nullptr);
}

int check_handlers(const char* when) {
  if (!g_have_snapshot) return 0;
  int restored = 0;
  for (int s : kProtected) {
    struct sigaction now {};
    real().sigaction(s, nullptr, &now);
    if (reinterpret_cast<void*>(now.sa_handler) == reinterpret_cast<void*>(g_snapshot[s].sa_handler)) continue;
    real().sigaction(s, &g_snapshot[s], nullptr);
    say_refused(s, when);
    ++restored;
  }
  return restored;
}

}  // namespace ffifuzz::exec

using namespace ffifuzz::exec;

// The C library's functions, as the library under test sees them.
extern "C" {

int sigaction(int sig, const struct sigaction* act, struct sigaction* old) noexcept {
  void* caller = __builtin_return_address(0);
  if (act && is_protected(sig) && library_process() && !from_executable(caller)) {
    say_refused(sig, when_now());
    return old ? real().sigaction(sig, nullptr, old) : 0;
  }
  return real().sigaction(sig, act, old);
}

sighandler_t signal(int sig, sighandler_t handler) noexcept {
  void* caller = __builtin_return_address(0);
  if (is_protected(sig) && library_process() && !from_executable(caller)) {
    say_refused(sig, when_now());
    struct sigaction now {};
    real().sigaction(sig, nullptr, &now);
    return now.sa_handler;
  }
  return real().signal(sig, handler);
}

void exit(int status) noexcept {
  if (library_exit(__builtin_return_address(0))) report_exit("exit", status);
  real().exit(status);
  __builtin_unreachable();
}

void _exit(int status) {
  if (library_exit(__builtin_return_address(0))) report_exit("_exit", status);
  real().exit_now(status);
  __builtin_unreachable();
}

void _Exit(int status) noexcept {
  if (library_exit(__builtin_return_address(0))) report_exit("_Exit", status);
  real().exit_fast(status);
  __builtin_unreachable();
}

void quick_exit(int status) noexcept {
  if (library_exit(__builtin_return_address(0))) report_exit("quick_exit", status);
  real().quick_exit(status);
  __builtin_unreachable();
}

}  // extern "C"
