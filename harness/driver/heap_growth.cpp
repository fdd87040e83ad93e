#include "driver/heap_growth.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "driver/inflight.h"

extern "C" {
size_t __sanitizer_get_current_allocated_bytes() __attribute__((weak));
void __sanitizer_print_memory_profile(size_t top_percent, size_t max_number_of_contexts) __attribute__((weak));
}

namespace ffifuzz::driver {
namespace {

size_t g_smallest = SIZE_MAX;
size_t g_programs = 0;

void say(int fd, size_t grown, size_t live) {
  dprintf(fd,
          "==ffifuzz== ERROR: out-of-memory: the library keeps memory from one program to the next: the live heap "
          "grew by %zu MiB (to %zu MiB) over %zu programs, all its objects released; what holds it:\n",
          grown >> 20, live >> 20, g_programs);
  if (__sanitizer_print_memory_profile) {
    // The profile goes to stderr: point stderr at `fd` while it prints.
    int saved = dup(2);
    dup2(fd, 2);
    __sanitizer_print_memory_profile(90, 3);
    dup2(saved, 2);
    close(saved);
  }
}

}  // namespace

void check_heap_growth() {
  if (!__sanitizer_get_current_allocated_bytes) return;
  ++g_programs;
  const size_t live = __sanitizer_get_current_allocated_bytes();
  if (live < g_smallest) g_smallest = live;
  if (live - g_smallest < kGrowthLimit) return;
  std::fflush(stderr);
  if (int fd = inflight_report_fd(); fd >= 0) {
    say(fd, live - g_smallest, live);
    close(fd);
  }
  say(2, live - g_smallest, live);
  abort();  // libFuzzer saves the input, like any crash
}

}  // namespace ffifuzz::driver
