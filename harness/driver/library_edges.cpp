#include "driver/library_edges.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <climits>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

#include "driver/elf_sections.h"
#include "driver/length_control.h"

namespace ffifuzz::driver {
namespace {

const uint8_t* g_counters = nullptr;  // the library's counters, in its loaded image
uint8_t* g_seen = nullptr;            // the mapped file: 1 for each edge reached (none without a folder)
size_t g_edges = 0;
std::vector<uint8_t> g_classes;       // each edge's hit-count classes so far (length_control.h)

// The counter section's address (relative to the load base) and size, from the file's
// section headers; false without one.
bool counter_section(const std::string& lib, uint64_t& addr, uint64_t& size) {
  ElfSections sections = read_elf_sections(lib);
  const Elf64_Shdr* s = sections.ok ? sections.find("__sancov_cntrs") : nullptr;
  if (!s || !s->sh_size) return false;
  addr = s->sh_addr;
  size = s->sh_size;
  return true;
}

}  // namespace

void start_library_edges(const std::string& dir, const std::string& lib) {
  char real[PATH_MAX];
  if (!realpath(lib.c_str(), real)) return;
  uint64_t addr = 0, size = 0;
  uintptr_t base = 0;
  if (!counter_section(real, addr, size) || !load_base(real, base)) return;
  if (!dir.empty()) {
    std::string file = dir + "/edges-" + std::to_string(getpid()) + ".bin";
    int fd = open(file.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    void* p = fd < 0 ? MAP_FAILED
              : ftruncate(fd, static_cast<off_t>(size)) == 0 ? mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)
                                                             : MAP_FAILED;
    if (fd >= 0) close(fd);
    if (p != MAP_FAILED) g_seen = static_cast<uint8_t*>(p);
  }
  g_counters = reinterpret_cast<const uint8_t*>(base + addr);
  g_classes.assign(size, 0);
  g_edges = size;
}

bool library_has_edge_counters(const std::string& lib) {
  uint64_t addr = 0, size = 0;
  return counter_section(lib, addr, size);
}

bool note_library_edges() {
  // Runs after every input, before libFuzzer reads and clears the counters: the hit-count
  // classes each edge has had (driver/length_control's progress), and in the shared file a
  // store only for an edge reached for the first time.
  if (!g_edges) return false;
  if (!note_counter_classes(g_counters, g_classes.data(), g_edges)) return false;
  if (g_seen)
    for (size_t i = 0; i < g_edges; ++i)
      if (g_classes[i] && !g_seen[i]) g_seen[i] = 1;
  return true;
}

LibraryEdges read_library_edges(const std::string& dir) {
  LibraryEdges total;
  std::vector<uint8_t> seen;
  std::error_code ec;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.rfind("edges-", 0) != 0 || e.path().extension() != ".bin") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.empty()) continue;
    if (seen.size() < bytes.size()) seen.resize(bytes.size());
    for (size_t i = 0; i < bytes.size(); ++i) seen[i] |= bytes[i];
  }
  total.total = seen.size();
  for (uint8_t b : seen) total.covered += b != 0;
  return total;
}

}  // namespace ffifuzz::driver
