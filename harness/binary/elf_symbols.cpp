#include "binary/elf_symbols.h"

#include <gelf.h>

#include <set>
#include <string>
#include <vector>

#include "binary/demangle.h"

namespace ffifuzz::binary {
namespace {

bool is_defined_code_or_data(const GElf_Sym& sym) {
  const int type = GELF_ST_TYPE(sym.st_info);
  if (sym.st_shndx == SHN_UNDEF) return false;
  return type == STT_FUNC || type == STT_GNU_IFUNC || type == STT_OBJECT || type == STT_TLS;
}

bool is_visible(const GElf_Sym& sym) {
  const int bind = GELF_ST_BIND(sym.st_info);
  const int vis = GELF_ST_VISIBILITY(sym.st_other);
  return (bind == STB_GLOBAL || bind == STB_WEAK || bind == STB_GNU_UNIQUE) &&
         (vis == STV_DEFAULT || vis == STV_PROTECTED);
}

model::BinarySymbol make_symbol(const char* name, const GElf_Sym& sym) {
  model::BinarySymbol s;
  s.name = name;
  s.demangled = demangle(s.name);
  s.short_name = s.demangled == s.name ? s.name : last_component(s.demangled);
  const int type = GELF_ST_TYPE(sym.st_info);
  s.is_function = type == STT_FUNC || type == STT_GNU_IFUNC;
  return s;
}

// Calls fn(name, sym) for every named symbol of the first section of this type.
template <class Fn>
bool for_each_symbol(Elf* elf, Elf64_Word section_type, Fn fn) {
  Elf_Scn* scn = nullptr;
  while ((scn = elf_nextscn(elf, scn)) != nullptr) {
    GElf_Shdr shdr;
    if (!gelf_getshdr(scn, &shdr) || shdr.sh_type != section_type || shdr.sh_entsize == 0) continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    if (!data) return true;
    const size_t count = shdr.sh_size / shdr.sh_entsize;
    for (size_t i = 1; i < count; ++i) {
      GElf_Sym sym;
      if (!gelf_getsym(data, static_cast<int>(i), &sym)) continue;
      const char* name = elf_strptr(elf, shdr.sh_link, sym.st_name);
      if (name && *name) fn(name, sym);
    }
    return true;
  }
  return false;
}

bool is_imported_function(const GElf_Sym& sym) {
  const int type = GELF_ST_TYPE(sym.st_info), bind = GELF_ST_BIND(sym.st_info);
  return sym.st_shndx == SHN_UNDEF && (type == STT_FUNC || type == STT_NOTYPE) &&
         (bind == STB_GLOBAL || bind == STB_WEAK);
}

// DT_NEEDED entries of the dynamic section, in order.
std::vector<std::string> needed_libraries(Elf* elf) {
  std::vector<std::string> out;
  Elf_Scn* scn = nullptr;
  while ((scn = elf_nextscn(elf, scn)) != nullptr) {
    GElf_Shdr shdr;
    if (!gelf_getshdr(scn, &shdr) || shdr.sh_type != SHT_DYNAMIC || shdr.sh_entsize == 0) continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    if (!data) break;
    for (size_t i = 0; i < shdr.sh_size / shdr.sh_entsize; ++i) {
      GElf_Dyn dyn;
      if (!gelf_getdyn(data, static_cast<int>(i), &dyn)) continue;
      if (dyn.d_tag == DT_NULL) break;
      if (dyn.d_tag != DT_NEEDED) continue;
      if (const char* name = elf_strptr(elf, shdr.sh_link, dyn.d_un.d_val)) out.emplace_back(name);
    }
    break;
  }
  return out;
}

}  // namespace

void read_symbols(Elf* elf, model::BinaryFacts& facts) {
  std::set<std::string> exported;
  facts.needed = needed_libraries(elf);
  for_each_symbol(elf, SHT_DYNSYM, [&](const char* name, const GElf_Sym& sym) {
    if (is_imported_function(sym)) facts.imports.emplace_back(name);
    if (!is_defined_code_or_data(sym) || !is_visible(sym)) return;
    // Versioned symbols can appear twice (default and hidden version): keep one.
    if (exported.insert(name).second) facts.exports.push_back(make_symbol(name, sym));
  });
  std::set<std::string> seen;
  facts.has_symtab = for_each_symbol(elf, SHT_SYMTAB, [&](const char* name, const GElf_Sym& sym) {
    if (!is_defined_code_or_data(sym) || exported.count(name)) return;
    if (seen.insert(name).second) facts.locals.push_back(make_symbol(name, sym));
  });
}

}  // namespace ffifuzz::binary
