#include "cli/call_stats.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "report/write_file.h"

namespace ffifuzz::cli {
namespace {

struct Stats {
  std::string file;
  std::vector<std::string> names;
  std::vector<uint64_t> counts;
  uint64_t since_check = 0;
  std::chrono::steady_clock::time_point last_write;
};
Stats* g_stats = nullptr;

void write_stats() {
  if (!g_stats) return;
  std::string text;
  for (size_t i = 0; i < g_stats->names.size(); ++i)
    text += g_stats->names[i] + " " + std::to_string(g_stats->counts[i]) + "\n";
  try {
    report::write_file_atomically(g_stats->file, text);
  } catch (...) {
    // The folder went away (the run is being cleaned up): counts are best effort.
  }
  g_stats->last_write = std::chrono::steady_clock::now();
}

}  // namespace

void start_call_stats(const std::string& dir, std::vector<std::string> names) {
  static Stats stats;
  stats.file = dir + "/calls-" + std::to_string(getpid()) + ".txt";
  stats.counts.assign(names.size(), 0);
  stats.names = std::move(names);
  stats.last_write = std::chrono::steady_clock::now();
  g_stats = &stats;
  std::atexit(write_stats);
}

void count_call(uint32_t fn) {
  if (!g_stats || fn >= g_stats->counts.size()) return;
  ++g_stats->counts[fn];
  // A clock read per call would cost more than the count itself.
  if (++g_stats->since_check < 4096) return;
  g_stats->since_check = 0;
  if (std::chrono::steady_clock::now() - g_stats->last_write >= std::chrono::seconds(2)) write_stats();
}

std::map<std::string, uint64_t> read_call_stats(const std::string& dir) {
  std::map<std::string, uint64_t> total;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return total;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.rfind("calls-", 0) != 0 || e.path().extension() != ".txt") continue;
    std::ifstream in(e.path());
    std::string fn;
    uint64_t n = 0;
    while (in >> fn >> n) total[fn] += n;
  }
  return total;
}

}  // namespace ffifuzz::cli
