// Reading one DWARF type: its written name, size, alignment, calling-convention kind, and
// the Rust facts an FFI-safety check needs. Works on libdw DIEs; never leaves binary/.
#pragma once

#include <elfutils/libdw.h>

#include <optional>
#include <string>
#include <unordered_map>

#include "model/binary_facts.h"

namespace ffifuzz::binary {

// The namespace prefix ("alloc::string::") of each named type DIE, by DIE offset, collected
// while walking the units: DWARF types do not carry their own qualified name.
using NamespaceIndex = std::unordered_map<Dwarf_Off, std::string>;

class TypeReader {
 public:
  explicit TypeReader(const NamespaceIndex& namespaces) : namespaces_(namespaces) {}

  // `type` may be null: void. `depth` bounds recursion into template arguments.
  model::BinaryType describe(Dwarf_Die* type, int depth = 0) const;
  // The name as written in the source: typedef names kept, "const char *".
  std::string written_name(Dwarf_Die* type, int depth = 0) const;
  std::string qualified_name(Dwarf_Die* type) const;
  std::optional<uint64_t> size_of(Dwarf_Die* type) const;
  // DW_AT_alignment, else derived from the members (1 when the record is visibly packed).
  uint64_t align_of(Dwarf_Die* type, bool* from_dwarf = nullptr, int depth = 0) const;

 private:
  model::ValueKind abi_kind_of(Dwarf_Die* peeled, const model::BinaryType& t, int depth) const;
  const NamespaceIndex& namespaces_;
};

// Rust guarantees that Option of a non-null pointer (a reference, Box, NonNull, fn) or of
// a NonZero integer has the pointer's (integer's) representation: None is zero.
bool is_option_of_non_null_pointer(const std::string& qualified_name);

// The DIE that attribute `name` of `die` refers to (following abstract origins), or false.
bool referenced_die(Dwarf_Die* die, unsigned name, Dwarf_Die* out);
std::optional<uint64_t> udata_attr(Dwarf_Die* die, unsigned name);

}  // namespace ffifuzz::binary
