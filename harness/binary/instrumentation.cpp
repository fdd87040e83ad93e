#include "binary/instrumentation.h"

#include <gelf.h>

#include <cstring>

#include "binary/elf_file.h"

namespace ffifuzz::binary {

Instrumentation read_instrumentation(const std::string& path) {
  ElfFile file(path);
  Instrumentation result;
  Elf_Scn* scn = nullptr;
  while ((scn = elf_nextscn(file.elf(), scn)) != nullptr) {
    GElf_Shdr shdr;
    if (!gelf_getshdr(scn, &shdr) || shdr.sh_type != SHT_DYNSYM || shdr.sh_entsize == 0) continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    if (!data) continue;
    size_t count = shdr.sh_size / shdr.sh_entsize;
    for (size_t i = 0; i < count; ++i) {
      GElf_Sym sym;
      if (!gelf_getsym(data, static_cast<int>(i), &sym) || sym.st_shndx != SHN_UNDEF) continue;
      const char* name = elf_strptr(file.elf(), shdr.sh_link, sym.st_name);
      if (!name) continue;
      if (std::strncmp(name, "__sanitizer_cov_", 16) == 0) {
        result.sanitizer_coverage = true;
        if (std::strncmp(name, "__sanitizer_cov_trace_cmp", 25) == 0) result.trace_compares = true;
      }
      if (std::strncmp(name, "__asan_", 7) == 0) result.address_sanitizer = true;
      if (std::strncmp(name, "__ubsan_", 8) == 0) result.undefined_sanitizer = true;
    }
  }
  return result;
}

}  // namespace ffifuzz::binary
