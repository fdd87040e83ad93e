#include "driver/elf_sections.h"

#include <link.h>

#include <climits>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace ffifuzz::driver {

const Elf64_Shdr* ElfSections::find(const char* name) const {
  for (const Elf64_Shdr& s : headers)
    if (s.sh_name < names.size() && std::strcmp(names.c_str() + s.sh_name, name) == 0) return &s;
  return nullptr;
}

ElfSections read_elf_sections(const std::string& path) {
  ElfSections out;
  std::ifstream in(path, std::ios::binary);
  Elf64_Ehdr eh;
  if (!in.read(reinterpret_cast<char*>(&eh), sizeof eh) || std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
      eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_shentsize != sizeof(Elf64_Shdr) || eh.e_shstrndx >= eh.e_shnum)
    return out;
  out.headers.resize(eh.e_shnum);
  in.seekg(static_cast<std::streamoff>(eh.e_shoff));
  if (!in.read(reinterpret_cast<char*>(out.headers.data()),
               static_cast<std::streamsize>(out.headers.size() * sizeof(Elf64_Shdr))))
    return out;
  out.names = read_section(path, out.headers[eh.e_shstrndx]);
  out.ok = !out.names.empty();
  return out;
}

std::string read_section(const std::string& path, const Elf64_Shdr& section) {
  if (section.sh_type == SHT_NOBITS) return {};
  std::ifstream in(path, std::ios::binary);
  std::string bytes(section.sh_size, '\0');
  in.seekg(static_cast<std::streamoff>(section.sh_offset));
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) return {};
  return bytes;
}

namespace {

// What the loader says of the loaded object whose real path is `path`.
struct LoadedObject {
  bool found = false;
  uintptr_t base = 0;
  uintptr_t relro_start = 0, relro_end = 0;
};

LoadedObject find_loaded(const std::string& path) {
  struct Search {
    const std::string& path;
    LoadedObject object;
  } search{path, {}};
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* data) {
        auto* s = static_cast<Search*>(data);
        char real[PATH_MAX];
        if (!info->dlpi_name || !*info->dlpi_name || !realpath(info->dlpi_name, real) || s->path != real) return 0;
        s->object.found = true;
        s->object.base = info->dlpi_addr;
        for (int i = 0; i < info->dlpi_phnum; ++i)
          if (info->dlpi_phdr[i].p_type == PT_GNU_RELRO) {
            s->object.relro_start = info->dlpi_addr + info->dlpi_phdr[i].p_vaddr;
            s->object.relro_end = s->object.relro_start + info->dlpi_phdr[i].p_memsz;
          }
        return 1;
      },
      &search);
  return search.object;
}

}  // namespace

bool load_base(const std::string& real_path, uintptr_t& base) {
  LoadedObject o = find_loaded(real_path);
  base = o.base;
  return o.found;
}

bool relro_range(const std::string& real_path, uintptr_t& start, uintptr_t& end) {
  LoadedObject o = find_loaded(real_path);
  start = o.relro_start;
  end = o.relro_end;
  return end > start;
}

}  // namespace ffifuzz::driver
