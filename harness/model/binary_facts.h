// BinaryFacts: what a shared library's ELF and DWARF say about its interface. Plain data.
// Job: hold the exported and local symbols, the record types (struct, union, enum) with
// their layout, and the functions with their parameter types, as the compiler that built
// the library saw them. binary/ fills it from libelf and libdw; check/ compares it with
// the ApiModel read from the header.
// May depend on: the C++ standard library only. No libelf or libdw type appears here.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ffifuzz::model {

// The source language of a DWARF compile unit (DW_AT_language), reduced to what the
// checks care about: Rust units get Rust-specific hints and FFI-safety checks.
enum class SourceLanguage { Unknown, C, Cpp, Rust, Other };

inline const char* to_string(SourceLanguage language) {
  switch (language) {
    case SourceLanguage::C: return "C";
    case SourceLanguage::Cpp: return "C++";
    case SourceLanguage::Rust: return "Rust";
    case SourceLanguage::Other: return "other";
    case SourceLanguage::Unknown: break;
  }
  return "unknown";
}

// How a value travels through the C calling convention: what a signature check compares.
enum class ValueKind { Void, Integer, Float, Pointer, Aggregate, Unknown };

inline const char* to_string(ValueKind kind) {
  switch (kind) {
    case ValueKind::Void: return "void";
    case ValueKind::Integer: return "integer";
    case ValueKind::Float: return "float";
    case ValueKind::Pointer: return "pointer";
    case ValueKind::Aggregate: return "aggregate";
    case ValueKind::Unknown: break;
  }
  return "unknown";
}

// The DWARF type tag, reduced. Typedefs and cv-qualifiers are looked through (their names
// are kept in `name`).
enum class TypeShape { Void, Base, Pointer, Struct, Union, Enum, Array, Function, Unknown };

// One type as the library's debug info spells it, shallow: enough to name it in a message,
// classify it for the calling convention, and judge whether Rust's type is FFI-safe.
struct BinaryType {
  std::string name;            // as written: "uint32_t", "u64", "alloc::string::String", "&str"
  std::string qualified_name;  // with its namespaces (Rust: "alloc::string::String")
  TypeShape shape = TypeShape::Unknown;
  ValueKind kind = ValueKind::Unknown;      // the DWARF classification
  ValueKind abi_kind = ValueKind::Unknown;  // after looking through one-field wrappers
                                            // (Rust's NonNull, Option<&T>, repr(transparent))
  uint64_t size = 0;
  bool size_known = false;
  bool is_utf_char = false;        // a Rust `char` (DW_ATE_UTF)
  bool has_variant_part = false;   // a Rust enum with data (Option, Result, ...)
  std::vector<BinaryType> template_args;  // one level deep: Option<T>'s T
};

struct BinaryMember {
  std::string name;
  std::string type_name;
  uint64_t offset_bits = 0;  // from the start of the record
  uint64_t size = 0;         // bytes (0 when unknown)
  uint32_t bit_size = 0;     // 0 unless a bitfield
  uint64_t align = 0;        // the member type's natural alignment (0 when unknown): what C
                             // layout rules would align it to (check/c_layout_rules.h)
};

enum class RecordKind { Struct, Union, Enum };

// A struct, union or enum the library's debug info defines (declarations are skipped).
struct BinaryRecord {
  RecordKind kind = RecordKind::Struct;
  std::string name;            // unqualified, or the typedef name of an anonymous record
  std::string qualified_name;  // Rust: "rust_layout::Config"; C: same as name
  SourceLanguage language = SourceLanguage::Unknown;
  uint64_t size = 0;
  uint64_t align = 0;  // DW_AT_alignment, or derived from the members
  bool align_from_dwarf = false;
  std::vector<BinaryMember> members;  // in the debug info's order
  std::string decl_file;
  unsigned decl_line = 0;
};

struct BinaryParam {
  std::string name;
  BinaryType type;
};

// A function the library defines, from its DWARF subprogram.
struct BinaryFunction {
  std::string name;          // DW_AT_name: the source name ("make_thing")
  std::string linkage_name;  // DW_AT_linkage_name when mangled, else empty
  std::string demangled;     // the path without Rust's hash ("rust_symbols::make_thing")
  SourceLanguage language = SourceLanguage::Unknown;
  bool has_code = false;     // has an address range (not only an abstract instance)
  bool returns_void = true;
  BinaryType ret;
  std::vector<BinaryParam> params;
  bool variadic = false;
  // False when its compile unit has line tables only (-gline-tables-only, rustc's
  // -Cdebuginfo=1, OSS-Fuzz's defaults): no parameters and no types are recorded, so its
  // signature cannot be compared.
  bool types_known = true;
  std::string decl_file;
  unsigned decl_line = 0;
};

struct BinarySymbol {
  std::string name;       // as in the symbol table
  std::string demangled;  // demangled without Rust's hash; equal to name when not mangled
  std::string short_name; // the demangled path's last component: "crate::m::name" -> "name"
  bool is_function = false;
};

struct BinaryFacts {
  std::string path;
  // Defined functions and objects in .dynsym with global or weak binding and default or
  // protected visibility: what a caller can dlsym.
  std::vector<BinarySymbol> exports;
  // Defined symbols in .symtab that are not exported (local binding or hidden).
  std::vector<BinarySymbol> locals;
  bool has_symtab = false;  // false: stripped
  // Undefined functions in .dynsym: what the library takes from the libraries it needs
  // (md4c-html's md_parse, from libmd4c), and those libraries (DT_NEEDED).
  std::vector<std::string> imports;
  std::vector<std::string> needed;

  bool has_dwarf = false;
  std::string debug_source;  // the file the DWARF came from (the library or a .debug file)
  std::vector<SourceLanguage> unit_languages;  // one per compile unit
  // `.comment` names rustc ("rustc version 1.x"): strip keeps it, so a Rust library is known
  // as one even without symbols or DWARF.
  bool built_by_rustc = false;
  std::vector<BinaryRecord> records;
  std::vector<BinaryFunction> functions;
};

}  // namespace ffifuzz::model
