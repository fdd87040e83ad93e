#include "driver/inflight.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace ffifuzz::driver {
namespace {

constexpr uint32_t kMagic = 0xFF1F0001;
// An input longer than this is recorded by its start (the file is sparse: only the pages an
// input touches cost memory).
constexpr size_t kCapacity = 1 << 20;

struct Record {
  uint32_t magic;
  std::atomic<uint32_t> running;
  uint64_t size;
  uint64_t executions;
  uint8_t data[kCapacity];
};

Record* g_record = nullptr;
std::string g_report_path;

}  // namespace

void start_inflight_record(const std::string& dir) {
  if (g_record || dir.empty()) return;
  std::string path = dir + "/" + std::to_string(getpid()) + ".inflight";
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return;
  if (ftruncate(fd, sizeof(Record)) != 0) {
    close(fd);
    return;
  }
  void* p = mmap(nullptr, sizeof(Record), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  close(fd);
  if (p == MAP_FAILED) return;
  g_record = static_cast<Record*>(p);
  g_record->magic = kMagic;
  g_report_path = dir + "/" + std::to_string(getpid()) + ".report";
}

int inflight_report_fd() {
  if (g_report_path.empty()) return -1;
  return open(g_report_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
}

void inflight_begin(const uint8_t* data, size_t size) {
  Record* r = g_record;
  if (!r) return;
  size_t n = std::min(size, kCapacity);
  if (n) std::memcpy(r->data, data, n);
  r->size = size;
  r->running.store(1, std::memory_order_release);
}

void inflight_end() {
  Record* r = g_record;
  if (!r) return;
  r->running.store(0, std::memory_order_release);
  ++r->executions;
}

std::vector<InflightInput> collect_inflight(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<InflightInput> out;
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec)) return out;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() != ".inflight") continue;
    pid_t pid = static_cast<pid_t>(std::atol(e.path().stem().c_str()));
    if (pid <= 0 || (kill(pid, 0) == 0 || errno == EPERM)) continue;  // still running
    int fd = open(e.path().c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
      void* p = mmap(nullptr, sizeof(Record), PROT_READ, MAP_SHARED, fd, 0);
      close(fd);
      if (p != MAP_FAILED) {
        const Record* r = static_cast<const Record*>(p);
        if (r->magic == kMagic && r->running.load(std::memory_order_acquire)) {
          InflightInput in;
          in.pid = pid;
          in.truncated = r->size > kCapacity;
          in.bytes.assign(reinterpret_cast<const char*>(r->data), std::min<size_t>(r->size, kCapacity));
          in.executions = r->executions;
          fs::path report = e.path();
          report.replace_extension(".report");
          std::ifstream text(report, std::ios::binary);
          in.report.assign(std::istreambuf_iterator<char>(text), std::istreambuf_iterator<char>());
          out.push_back(std::move(in));
        }
        munmap(p, sizeof(Record));
      }
    }
    fs::remove(e.path(), ec);
    fs::path report = e.path();
    fs::remove(report.replace_extension(".report"), ec);
  }
  return out;
}

}  // namespace ffifuzz::driver
