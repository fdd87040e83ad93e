#include "binary/read_binary.h"

#include <elfutils/libdw.h>

#include <memory>

#include "binary/dwarf_reader.h"
#include "binary/elf_file.h"
#include "binary/elf_symbols.h"

namespace ffifuzz::binary {
namespace {

struct DwarfCloser {
  void operator()(Dwarf* d) const { dwarf_end(d); }
};
using DwarfHandle = std::unique_ptr<Dwarf, DwarfCloser>;

// A Dwarf handle only when the file has DWARF units (dwarf_begin_elf also succeeds on a
// file with nothing but .eh_frame).
DwarfHandle open_dwarf(Elf* elf) {
  DwarfHandle dwarf(dwarf_begin_elf(elf, DWARF_C_READ, nullptr));
  if (!dwarf) return nullptr;
  Dwarf_Off next = 0;
  size_t header_size = 0;
  if (dwarf_nextcu(dwarf.get(), 0, &next, &header_size, nullptr, nullptr, nullptr) != 0) return nullptr;
  return dwarf;
}

}  // namespace

model::BinaryFacts read_binary(const std::string& path) {
  ElfFile file(path);
  model::BinaryFacts facts;
  facts.path = path;
  read_symbols(file.elf(), facts);
  for (const std::string& producer : comment_strings(file.elf()))
    if (producer.rfind("rustc version", 0) == 0) facts.built_by_rustc = true;

  DwarfHandle dwarf = open_dwarf(file.elf());
  std::unique_ptr<ElfFile> debug_file;
  if (dwarf) {
    facts.debug_source = path;
  } else if (std::string id = build_id(file.elf()); id.size() > 2) {
    const std::string debug_path = "/usr/lib/debug/.build-id/" + id.substr(0, 2) + "/" + id.substr(2) + ".debug";
    debug_file = ElfFile::open_debug_file(debug_path);
    if (debug_file) dwarf = open_dwarf(debug_file->elf());
    if (dwarf) facts.debug_source = debug_path;
  }
  if (dwarf) {
    facts.has_dwarf = true;
    read_dwarf(dwarf.get(), facts);
  }
  // The Dwarf handle goes before the ELF file it reads from.
  dwarf.reset();
  return facts;
}

}  // namespace ffifuzz::binary
