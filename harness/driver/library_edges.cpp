#include "driver/library_edges.h"

#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <sys/mman.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

namespace ffifuzz::driver {
namespace {

const uint8_t* g_counters = nullptr;  // the library's counters, in its loaded image
uint8_t* g_seen = nullptr;            // the mapped file: 1 for each edge reached
size_t g_edges = 0;

// The counter section's address (relative to the load base) and size, from the file's
// section headers; false without one.
bool counter_section(const std::string& lib, uint64_t& addr, uint64_t& size) {
  std::ifstream in(lib, std::ios::binary);
  Elf64_Ehdr eh;
  if (!in.read(reinterpret_cast<char*>(&eh), sizeof eh) || std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
      eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_shentsize != sizeof(Elf64_Shdr) || eh.e_shstrndx >= eh.e_shnum)
    return false;
  std::vector<Elf64_Shdr> sections(eh.e_shnum);
  in.seekg(static_cast<std::streamoff>(eh.e_shoff));
  if (!in.read(reinterpret_cast<char*>(sections.data()), static_cast<std::streamsize>(sections.size() * sizeof(Elf64_Shdr))))
    return false;
  const Elf64_Shdr& names = sections[eh.e_shstrndx];
  std::string strtab(names.sh_size, '\0');
  in.seekg(static_cast<std::streamoff>(names.sh_offset));
  if (!in.read(strtab.data(), static_cast<std::streamsize>(strtab.size()))) return false;
  for (const Elf64_Shdr& s : sections)
    if (s.sh_name < strtab.size() && std::strcmp(strtab.c_str() + s.sh_name, "__sancov_cntrs") == 0 && s.sh_size) {
      addr = s.sh_addr;
      size = s.sh_size;
      return true;
    }
  return false;
}

// The load base of the object whose real path is `lib`; false when it is not loaded.
bool load_base(const std::string& lib, uintptr_t& base) {
  struct Search {
    std::string path;
    uintptr_t base = 0;
    bool found = false;
  } search{lib};
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* data) {
        auto* s = static_cast<Search*>(data);
        char real[PATH_MAX];
        if (!info->dlpi_name || !*info->dlpi_name || !realpath(info->dlpi_name, real) || s->path != real) return 0;
        s->base = info->dlpi_addr;
        s->found = true;
        return 1;
      },
      &search);
  base = search.base;
  return search.found;
}

}  // namespace

void start_library_edges(const std::string& dir, const std::string& lib) {
  char real[PATH_MAX];
  if (!realpath(lib.c_str(), real)) return;
  uint64_t addr = 0, size = 0;
  uintptr_t base = 0;
  if (!counter_section(real, addr, size) || !load_base(real, base)) return;
  std::string file = dir + "/edges-" + std::to_string(getpid()) + ".bin";
  int fd = open(file.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return;
  void* p = ftruncate(fd, static_cast<off_t>(size)) == 0 ? mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)
                                                         : MAP_FAILED;
  close(fd);
  if (p == MAP_FAILED) return;
  g_seen = static_cast<uint8_t*>(p);
  g_counters = reinterpret_cast<const uint8_t*>(base + addr);
  g_edges = size;
}

bool library_has_edge_counters(const std::string& lib) {
  uint64_t addr = 0, size = 0;
  return counter_section(lib, addr, size);
}

void note_library_edges() {
  // Runs after every input, before libFuzzer reads and clears the counters: a byte compare
  // per edge, a store only for an edge reached for the first time.
  for (size_t i = 0; i < g_edges; ++i)
    if (g_counters[i] && !g_seen[i]) g_seen[i] = 1;
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
