// driver/elf_sections: the few facts about the loaded library the fuzz loop reads from its
// file and its image, with <elf.h> only (the driver links no libelf: an exported target
// carries none).
// Job: a section's place by name or type, a section's bytes, the load base of a loaded file.
// May depend on: nothing of ffifuzz.
#pragma once

#include <elf.h>

#include <cstdint>
#include <string>
#include <vector>

namespace ffifuzz::driver {

// A 64-bit ELF file's section headers and their names; `ok` false when the file is not one.
struct ElfSections {
  bool ok = false;
  std::vector<Elf64_Shdr> headers;
  std::string names;  // the section-name string table
  // The first section called `name`, or nullptr.
  const Elf64_Shdr* find(const char* name) const;
};

ElfSections read_elf_sections(const std::string& path);

// The bytes of one section of the file (empty for SHT_NOBITS or on a read error).
std::string read_section(const std::string& path, const Elf64_Shdr& section);

// The load base of the loaded object whose real path is `real_path`; false when it is not
// loaded.
bool load_base(const std::string& real_path, uintptr_t& base);

// The loaded object's PT_GNU_RELRO range [start, end) (made read-only once relocated); false
// when it has none or is not loaded.
bool relro_range(const std::string& real_path, uintptr_t& start, uintptr_t& end);

}  // namespace ffifuzz::driver
