#include "driver/length_control.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace ffifuzz::driver {
namespace {

size_t g_bound = SIZE_MAX;  // no control until started (unit tests, replays)
size_t g_max = SIZE_MAX;
uint64_t g_since_progress = 0;  // executions since the last progress or growth
size_t g_calls = SIZE_MAX;
size_t g_max_calls = SIZE_MAX;
uint64_t g_calls_since_progress = 0;  // the same, for the call bound

size_t log2_floor(size_t x) { return x <= 1 ? 0 : 63 - static_cast<size_t>(__builtin_clzll(x)); }

}  // namespace

void start_length_control(size_t initial, size_t max) {
  g_max = max;
  g_bound = std::min(initial, max);
  g_since_progress = 0;
}

void start_call_control(size_t initial, size_t max) {
  g_max_calls = max;
  g_calls = std::min(initial, max);
  g_calls_since_progress = 0;
}

void note_execution(bool progressed) {
  if (progressed) {
    g_since_progress = 0;
    g_calls_since_progress = 0;
    return;
  }
  if (g_calls < g_max_calls && ++g_calls_since_progress > kCallStall * g_calls) {
    ++g_calls;
    g_calls_since_progress = 0;
  }
  if (g_bound >= g_max) return;
  const size_t log = std::max<size_t>(log2_floor(g_bound), 1);
  if (++g_since_progress <= 100 * log) return;
  g_bound = std::min(g_max, g_bound + log);
  g_since_progress = 0;
}

size_t length_bound() { return g_bound; }
size_t call_bound() { return g_calls; }

bool note_counter_classes(const uint8_t* counters, uint8_t* classes, size_t n) {
  bool new_class = false;
  auto one = [&](size_t j) {
    if (!counters[j]) return;
    const uint8_t bit = counter_class_bit(counters[j]);
    if (!(classes[j] & bit)) classes[j] |= bit, new_class = true;
  };
  size_t i = 0;
  for (; i + sizeof(uint64_t) <= n; i += sizeof(uint64_t)) {
    uint64_t word;
    std::memcpy(&word, counters + i, sizeof word);
    if (word == 0) continue;
    for (size_t j = i; j < i + sizeof(uint64_t); ++j) one(j);
  }
  for (; i < n; ++i) one(i);
  return new_class;
}

}  // namespace ffifuzz::driver
