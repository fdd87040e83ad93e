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
  size_t bytes = names.size() * sizeof(uint64_t);
  void* p = ftruncate(fd, static_cast<off_t>(bytes)) == 0 ? mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)
                                                          : MAP_FAILED;
  close(fd);
  if (p == MAP_FAILED) return;
  g_counts = static_cast<uint64_t*>(p);
  g_size = names.size();
}

void count_call(uint32_t fn) {
  if (fn < g_size) ++g_counts[fn];
}

std::map<std::string, uint64_t> read_call_stats(const std::string& dir) {
  std::map<std::string, uint64_t> total;
  std::vector<std::string> names;
  {
    std::ifstream in(dir + "/functions.txt");
    for (std::string n; std::getline(in, n);) names.push_back(n);
  }
  if (names.empty()) return total;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.rfind("calls-", 0) != 0 || e.path().extension() != ".bin") continue;
    if (std::filesystem::file_size(e.path(), ec) != names.size() * sizeof(uint64_t)) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::vector<uint64_t> counts(names.size());
    if (!in.read(reinterpret_cast<char*>(counts.data()), static_cast<std::streamsize>(counts.size() * sizeof(uint64_t))))
      continue;
    for (size_t i = 0; i < names.size(); ++i) total[names[i]] += counts[i];
  }
  return total;
}

}  // namespace ffifuzz::driver
