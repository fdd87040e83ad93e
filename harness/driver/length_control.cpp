#include "driver/length_control.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ffifuzz::driver {
namespace {

size_t g_bound = SIZE_MAX;  // no control until started (unit tests, replays)
size_t g_max = SIZE_MAX;
uint64_t g_since_progress = 0;  // executions since the last progress or growth
size_t g_calls = SIZE_MAX;
size_t g_max_calls = SIZE_MAX;
uint64_t g_calls_since_progress = 0;  // the same, for the call bound
// The bounds as the campaign keeps them (keep_length_control): bytes, then calls; shared
// with the file, so that a worker that dies on a finding has kept them too.
uint64_t* g_kept = nullptr;
constexpr const char* kFile = "/length-control.bin";

void keep_bounds() {
  if (!g_kept) return;
  g_kept[0] = std::max<uint64_t>(g_kept[0], g_bound);
  g_kept[1] = std::max<uint64_t>(g_kept[1], g_calls);
}

size_t log2_floor(size_t x) { return x <= 1 ? 0 : 63 - static_cast<size_t>(__builtin_clzll(x)); }

}  // namespace

void start_length_control(size_t initial, size_t max) {
  if (g_kept) munmap(g_kept, 2 * sizeof(uint64_t));
  g_kept = nullptr;  // until keep_length_control: a new start keeps nothing
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
    keep_bounds();
  }
  if (g_bound >= g_max) return;
  const size_t log = std::max<size_t>(log2_floor(g_bound), 1);
  if (++g_since_progress <= 100 * log) return;
  g_bound = std::min(g_max, g_bound + log);
  g_since_progress = 0;
  keep_bounds();
}

void keep_length_control(const std::string& stats_dir) {
  if (g_kept) munmap(g_kept, 2 * sizeof(uint64_t));
  g_kept = nullptr;
  const std::string file = stats_dir + kFile;
  int fd = open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return;  // best effort: the bounds start over, as in a new campaign
  struct stat st {};
  void* p = fstat(fd, &st) == 0 && (st.st_size >= 16 || ftruncate(fd, 16) == 0)
                ? mmap(nullptr, 2 * sizeof(uint64_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)
                : MAP_FAILED;
  close(fd);
  if (p == MAP_FAILED) return;
  g_kept = static_cast<uint64_t*>(p);
  if (g_kept[0] > g_bound) g_bound = std::min<uint64_t>(g_kept[0], g_max);
  if (g_kept[1] > g_calls) g_calls = std::min<uint64_t>(g_kept[1], g_max_calls);
  keep_bounds();
}

void carry_length_control(const std::string& from_stats_dir, const std::string& to_stats_dir) {
  std::error_code ec;
  std::filesystem::copy_file(from_stats_dir + kFile, to_stats_dir + kFile,
                             std::filesystem::copy_options::overwrite_existing, ec);  // none: nothing to carry
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
