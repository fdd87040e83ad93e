#include "driver/call_stats.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "report/write_file.h"

namespace ffifuzz::driver {
namespace {

uint64_t* g_counts = nullptr;
size_t g_size = 0;

std::string names_text(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& n : names) text += n + "\n";
  return text;
}

// Two per function, then the program counter.
size_t counters_for(size_t functions) { return functions * 2 + 1; }

}  // namespace

void start_call_stats(const std::string& dir, const std::vector<std::string>& names) {
  if (names.empty()) return;
  try {
    // Every worker has the same plan: the same list, written again atomically.
    report::write_file_atomically(dir + "/functions.txt", names_text(names));
  } catch (...) {
    return;
  }
  std::string file = dir + "/calls-" + std::to_string(getpid()) + ".bin";
  int fd = open(file.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return;
  size_t bytes = counters_for(names.size()) * sizeof(uint64_t);
  void* p = ftruncate(fd, static_cast<off_t>(bytes)) == 0 ? mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)
                                                          : MAP_FAILED;
  close(fd);
  if (p == MAP_FAILED) return;
  g_counts = static_cast<uint64_t*>(p);
  g_size = names.size();
}

void count_call(uint32_t fn, uint32_t result_class) {
  if (fn >= g_size) return;
  ++g_counts[2 * fn];
  if (result_class == 1) ++g_counts[2 * fn + 1];
}

void count_program() {
  if (g_size) ++g_counts[2 * g_size];
}

CallStats read_call_stats(const std::string& dir) {
  CallStats total;
  std::vector<std::string> names;
  {
    std::ifstream in(dir + "/functions.txt");
    for (std::string n; std::getline(in, n);) names.push_back(n);
  }
  if (names.empty()) return total;
  for (const std::string& n : names) total.functions[n];
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.rfind("calls-", 0) != 0 || e.path().extension() != ".bin") continue;
    if (std::filesystem::file_size(e.path(), ec) != counters_for(names.size()) * sizeof(uint64_t)) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::vector<uint64_t> counts(counters_for(names.size()));
    if (!in.read(reinterpret_cast<char*>(counts.data()), static_cast<std::streamsize>(counts.size() * sizeof(uint64_t))))
      continue;
    for (size_t i = 0; i < names.size(); ++i) {
      total.functions[names[i]].calls += counts[2 * i];
      total.functions[names[i]].zero_results += counts[2 * i + 1];
    }
    total.programs += counts[2 * names.size()];
  }
  return total;
}

}  // namespace ffifuzz::driver
