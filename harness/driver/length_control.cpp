#include "driver/length_control.h"

#include <algorithm>
#include <cstdint>

namespace ffifuzz::driver {
namespace {

size_t g_bound = SIZE_MAX;  // no control until started (unit tests, replays)
size_t g_max = SIZE_MAX;
uint64_t g_since_progress = 0;  // executions since the last progress or growth

size_t log2_floor(size_t x) { return x <= 1 ? 0 : 63 - static_cast<size_t>(__builtin_clzll(x)); }

}  // namespace

void start_length_control(size_t initial, size_t max) {
  g_max = max;
  g_bound = std::min(initial, max);
  g_since_progress = 0;
}

void note_execution(bool progressed) {
  if (progressed) {
    g_since_progress = 0;
    return;
  }
  if (g_bound >= g_max) return;
  const size_t log = std::max<size_t>(log2_floor(g_bound), 1);
  if (++g_since_progress <= 100 * log) return;
  g_bound = std::min(g_max, g_bound + log);
  g_since_progress = 0;
}

size_t length_bound() { return g_bound; }

}  // namespace ffifuzz::driver
