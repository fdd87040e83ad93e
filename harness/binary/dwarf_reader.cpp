// Two passes: the first walks every unit's namespaces (Rust modules, C++ namespaces) to
// learn each named type's qualified name and to collect the DIEs of interest; the second
// describes them, when every type a DIE may refer to has its qualified name.
#include "binary/dwarf_reader.h"

#include <dwarf.h>

#include <string>
#include <utility>
#include <vector>

#include "binary/demangle.h"
#include "binary/dwarf_types.h"

namespace ffifuzz::binary {
namespace {

model::SourceLanguage language_of(int lang) {
  switch (lang) {
    case DW_LANG_C89:
    case DW_LANG_C:
    case DW_LANG_C99:
    case DW_LANG_C11:
    case 0x2c:  // DW_LANG_C17 (DWARF 5), missing from older dwarf.h
      return model::SourceLanguage::C;
    case DW_LANG_C_plus_plus:
    case DW_LANG_C_plus_plus_03:
    case DW_LANG_C_plus_plus_11:
    case DW_LANG_C_plus_plus_14:
      return model::SourceLanguage::Cpp;
    case DW_LANG_Rust:
      return model::SourceLanguage::Rust;
    default:
      return lang < 0 ? model::SourceLanguage::Unknown : model::SourceLanguage::Other;
  }
}

struct PendingRecord {
  Dwarf_Off die;
  std::string name;  // the typedef name for an anonymous record
  std::string prefix;
  model::SourceLanguage language;
};

struct PendingFunction {
  Dwarf_Off die;
  model::SourceLanguage language;
  bool unit_has_types = true;  // false: its unit has line tables only (see BinaryFunction::types_known)
};



bool is_record_or_enum(int tag) {
  return tag == DW_TAG_structure_type || tag == DW_TAG_class_type || tag == DW_TAG_union_type ||
         tag == DW_TAG_enumeration_type;
}

bool is_type(int tag) {
  return tag == DW_TAG_base_type || tag == DW_TAG_pointer_type || tag == DW_TAG_typedef || is_record_or_enum(tag);
}

bool has_flag(Dwarf_Die* die, unsigned name) {
  Dwarf_Attribute attr;
  bool flag = false;
  return dwarf_attr(die, name, &attr) && dwarf_formflag(&attr, &flag) == 0 && flag;
}

class Walker {
 public:
  Walker(NamespaceIndex& namespaces, std::vector<PendingRecord>& records,
         std::vector<PendingFunction>& functions)
      : namespaces_(namespaces), records_(records), functions_(functions) {}

  void walk(Dwarf_Die* scope, const std::string& prefix, model::SourceLanguage language, int depth) {
    Dwarf_Die child;
    if (depth > 32 || dwarf_child(scope, &child) != 0) return;
    do {
      const int tag = dwarf_tag(&child);
      const char* name = dwarf_diename(&child);
      if (is_type(tag)) saw_type_ = true;
      if (tag == DW_TAG_namespace) {
        walk(&child, prefix + (name ? name : "{anonymous}") + "::", language, depth + 1);
        continue;
      }
      if (name && !prefix.empty()) namespaces_[dwarf_dieoffset(&child)] = prefix;
      if (is_record_or_enum(tag)) {
        if (name && !has_flag(&child, DW_AT_declaration))
          records_.push_back({dwarf_dieoffset(&child), name, prefix, language});
        // Rust nests generic instances' helper types and C++ nests classes inside records:
        // index their names, but they are not the header's records.
        if (language == model::SourceLanguage::Rust || language == model::SourceLanguage::Cpp)
          index_nested(&child, prefix + (name ? name : "{anonymous}") + "::", depth + 1);
      } else if (tag == DW_TAG_typedef && name) {
        // typedef struct { ... } Name;  the record is known only by the typedef's name.
        Dwarf_Die target;
        if (referenced_die(&child, DW_AT_type, &target) && is_record_or_enum(dwarf_tag(&target)) &&
            !dwarf_diename(&target) && !has_flag(&target, DW_AT_declaration))
          records_.push_back({dwarf_dieoffset(&target), name, prefix, language});
      } else if (tag == DW_TAG_subprogram) {
        if (!has_flag(&child, DW_AT_declaration)) functions_.push_back({dwarf_dieoffset(&child), language});
      }
    } while (dwarf_siblingof(&child, &child) == 0);
  }

 private:
  void index_nested(Dwarf_Die* record, const std::string& prefix, int depth) {
    Dwarf_Die child;
    if (depth > 32 || dwarf_child(record, &child) != 0) return;
    do {
      const int tag = dwarf_tag(&child);
      const char* name = dwarf_diename(&child);
      if (name && is_record_or_enum(tag)) {
        namespaces_[dwarf_dieoffset(&child)] = prefix;
        index_nested(&child, prefix + name + "::", depth + 1);
      }
    } while (dwarf_siblingof(&child, &child) == 0);
  }

  // Whether the units walked so far hold any type: none with -gline-tables-only or
  // rustc's -Cdebuginfo=1, whose subprograms carry no parameters.
  bool saw_type_ = false;

 public:
  bool take_saw_type() { return std::exchange(saw_type_, false); }

 private:
  NamespaceIndex& namespaces_;
  std::vector<PendingRecord>& records_;
  std::vector<PendingFunction>& functions_;
};

std::string decl_file(Dwarf_Die* die) {
  const char* file = dwarf_decl_file(die);
  return file ? file : "";
}

unsigned decl_line(Dwarf_Die* die) {
  int line = 0;
  return dwarf_decl_line(die, &line) == 0 && line > 0 ? static_cast<unsigned>(line) : 0;
}

model::BinaryRecord describe_record(Dwarf_Die* die, const PendingRecord& p, const TypeReader& types) {
  model::BinaryRecord r;
  const int tag = dwarf_tag(die);
  r.kind = tag == DW_TAG_union_type         ? model::RecordKind::Union
           : tag == DW_TAG_enumeration_type ? model::RecordKind::Enum
                                            : model::RecordKind::Struct;
  r.name = p.name;
  r.qualified_name = p.prefix + p.name;
  r.language = p.language;
  r.size = types.size_of(die).value_or(0);
  r.align = types.align_of(die, &r.align_from_dwarf);
  r.decl_file = decl_file(die);
  r.decl_line = decl_line(die);
  if (r.kind == model::RecordKind::Enum) return r;
  Dwarf_Die child;
  if (dwarf_child(die, &child) != 0) return r;
  do {
    if (dwarf_tag(&child) != DW_TAG_member || has_flag(&child, DW_AT_external)) continue;
    model::BinaryMember m;
    const char* name = dwarf_diename(&child);
    m.name = name ? name : "";
    Dwarf_Die type;
    const bool typed = referenced_die(&child, DW_AT_type, &type);
    m.type_name = types.written_name(typed ? &type : nullptr);
    m.size = typed ? types.size_of(&type).value_or(0) : 0;
    m.align = typed ? types.align_of(&type) : 0;
    m.bit_size = static_cast<uint32_t>(udata_attr(&child, DW_AT_bit_size).value_or(0));
    const uint64_t base_bits = udata_attr(&child, DW_AT_data_member_location).value_or(0) * 8;
    if (auto bits = udata_attr(&child, DW_AT_data_bit_offset)) {
      m.offset_bits = *bits;
    } else if (auto msb_offset = udata_attr(&child, DW_AT_bit_offset); msb_offset && m.bit_size) {
      // DWARF 2-3 style (clang with DWARF 4): counted from the storage unit's most
      // significant bit; on a little-endian machine the bit offset is the rest.
      const uint64_t unit_bits = udata_attr(&child, DW_AT_byte_size).value_or(m.size) * 8;
      m.offset_bits = base_bits + unit_bits - *msb_offset - m.bit_size;
    } else {
      m.offset_bits = base_bits;
    }
    r.members.push_back(std::move(m));
  } while (dwarf_siblingof(&child, &child) == 0);
  return r;
}

// The formal parameters live on the abstract instance when this DIE is a concrete
// out-of-line copy of an inlined function; dwarf_attr_integrate follows that link for
// attributes, but children have to be read from the DIE that has them.
void read_params(Dwarf_Die* die, model::BinaryFunction& f, const TypeReader& types) {
  Dwarf_Die origin;
  Dwarf_Die* source = die;
  if (referenced_die(die, DW_AT_abstract_origin, &origin) || referenced_die(die, DW_AT_specification, &origin))
    source = &origin;
  Dwarf_Die child;
  if (dwarf_child(source, &child) != 0) return;
  do {
    const int tag = dwarf_tag(&child);
    if (tag == DW_TAG_unspecified_parameters) f.variadic = true;
    if (tag != DW_TAG_formal_parameter || has_flag(&child, DW_AT_artificial)) continue;
    model::BinaryParam p;
    const char* name = dwarf_diename(&child);
    p.name = name ? name : "";
    Dwarf_Die type;
    p.type = types.describe(referenced_die(&child, DW_AT_type, &type) ? &type : nullptr);
    f.params.push_back(std::move(p));
  } while (dwarf_siblingof(&child, &child) == 0);
}

bool describe_function(Dwarf_Die* die, const PendingFunction& p, const TypeReader& types,
                       model::BinaryFunction& f) {
  Dwarf_Attribute attr;
  const char* name = dwarf_formstring(dwarf_attr_integrate(die, DW_AT_name, &attr));
  if (!name) return false;
  f.name = name;
  const char* linkage = dwarf_formstring(dwarf_attr_integrate(die, DW_AT_linkage_name, &attr));
  if (!linkage) linkage = dwarf_formstring(dwarf_attr_integrate(die, DW_AT_MIPS_linkage_name, &attr));
  if (linkage) {
    f.linkage_name = linkage;
    f.demangled = demangle(f.linkage_name);
  } else {
    f.demangled = f.name;
  }
  f.language = p.language;
  f.has_code = dwarf_hasattr(die, DW_AT_low_pc) || dwarf_hasattr(die, DW_AT_ranges);
  Dwarf_Die ret;
  const bool has_ret = referenced_die(die, DW_AT_type, &ret);
  f.ret = types.describe(has_ret ? &ret : nullptr);
  f.returns_void = !has_ret;
  f.types_known = p.unit_has_types;
  f.decl_file = decl_file(die);
  f.decl_line = decl_line(die);
  read_params(die, f, types);
  return true;
}

}  // namespace

void read_dwarf(Dwarf* dwarf, model::BinaryFacts& facts) {
  NamespaceIndex namespaces;
  std::vector<PendingRecord> records;
  std::vector<PendingFunction> functions;
  Walker walker(namespaces, records, functions);

  Dwarf_Off offset = 0, next = 0;
  size_t header_size = 0;
  while (dwarf_nextcu(dwarf, offset, &next, &header_size, nullptr, nullptr, nullptr) == 0) {
    Dwarf_Die cu;
    if (dwarf_offdie(dwarf, offset + header_size, &cu)) {
      const model::SourceLanguage language = language_of(dwarf_srclang(&cu));
      facts.unit_languages.push_back(language);
      const size_t first = functions.size();
      walker.walk(&cu, "", language, 0);
      const bool has_types = walker.take_saw_type();
      for (size_t i = first; i < functions.size(); ++i) functions[i].unit_has_types = has_types;
    }
    offset = next;
  }

  TypeReader types(namespaces);
  for (const PendingRecord& p : records) {
    Dwarf_Die die;
    if (dwarf_offdie(dwarf, p.die, &die)) facts.records.push_back(describe_record(&die, p, types));
  }
  for (const PendingFunction& p : functions) {
    Dwarf_Die die;
    model::BinaryFunction f;
    if (dwarf_offdie(dwarf, p.die, &die) && describe_function(&die, p, types, f))
      facts.functions.push_back(std::move(f));
  }
}

}  // namespace ffifuzz::binary
