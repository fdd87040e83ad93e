#include "binary/dwarf_types.h"

#include <dwarf.h>

#include <algorithm>

namespace ffifuzz::binary {
namespace {

constexpr int kMaxDepth = 8;
constexpr uint64_t kPointerSize = sizeof(void*);

bool is_pointer_tag(int tag) {
  return tag == DW_TAG_pointer_type || tag == DW_TAG_reference_type ||
         tag == DW_TAG_rvalue_reference_type || tag == DW_TAG_ptr_to_member_type;
}

bool is_record_tag(int tag) {
  return tag == DW_TAG_structure_type || tag == DW_TAG_class_type || tag == DW_TAG_union_type;
}

// Looks through typedefs and cv-qualifiers. Returns false for void (no DW_AT_type).
bool peel(Dwarf_Die* type, Dwarf_Die* out) {
  if (!type) return false;
  if (dwarf_peel_type(type, out) != 0) return false;
  return true;
}

}  // namespace

bool is_option_of_non_null_pointer(const std::string& qualified_name) {
  static const std::string kOption = "core::option::Option<";
  if (qualified_name.rfind(kOption, 0) != 0) return false;
  const std::string inner = qualified_name.substr(kOption.size());
  for (const char* prefix : {"&", "alloc::boxed::Box<", "core::ptr::non_null::NonNull<", "fn(",
                             "extern \"C\" fn(", "unsafe extern \"C\" fn(", "core::num::nonzero::"})
    if (inner.rfind(prefix, 0) == 0) return true;
  return false;
}

bool referenced_die(Dwarf_Die* die, unsigned name, Dwarf_Die* out) {
  Dwarf_Attribute attr;
  if (!dwarf_attr_integrate(die, name, &attr)) return false;
  return dwarf_formref_die(&attr, out) != nullptr;
}

std::optional<uint64_t> udata_attr(Dwarf_Die* die, unsigned name) {
  Dwarf_Attribute attr;
  Dwarf_Word value = 0;
  if (!dwarf_attr_integrate(die, name, &attr) || dwarf_formudata(&attr, &value) != 0) return std::nullopt;
  return value;
}

std::string TypeReader::written_name(Dwarf_Die* type, int depth) const {
  if (!type) return "void";
  if (depth > kMaxDepth) return "...";
  const int tag = dwarf_tag(type);
  if (const char* name = dwarf_diename(type)) return name;  // typedefs, records, Rust's "&str"
  Dwarf_Die inner;
  const bool has_inner = referenced_die(type, DW_AT_type, &inner);
  switch (tag) {
    case DW_TAG_const_type: return "const " + written_name(has_inner ? &inner : nullptr, depth + 1);
    case DW_TAG_volatile_type: return "volatile " + written_name(has_inner ? &inner : nullptr, depth + 1);
    case DW_TAG_restrict_type:
    case DW_TAG_atomic_type: return written_name(has_inner ? &inner : nullptr, depth + 1);
    case DW_TAG_pointer_type:
    case DW_TAG_reference_type:
    case DW_TAG_rvalue_reference_type: {
      if (has_inner && dwarf_tag(&inner) == DW_TAG_subroutine_type) return "function pointer";
      return written_name(has_inner ? &inner : nullptr, depth + 1) + " *";
    }
    case DW_TAG_array_type: {
      std::string elem = written_name(has_inner ? &inner : nullptr, depth + 1);
      Dwarf_Die child;
      if (dwarf_child(type, &child) == 0 && dwarf_tag(&child) == DW_TAG_subrange_type) {
        if (auto count = udata_attr(&child, DW_AT_count)) return elem + "[" + std::to_string(*count) + "]";
        if (auto upper = udata_attr(&child, DW_AT_upper_bound)) return elem + "[" + std::to_string(*upper + 1) + "]";
      }
      return elem + "[]";
    }
    case DW_TAG_structure_type: return "(anonymous struct)";
    case DW_TAG_union_type: return "(anonymous union)";
    case DW_TAG_enumeration_type: return "(anonymous enum)";
    case DW_TAG_subroutine_type: return "function";
    default: return "?";
  }
}

std::string TypeReader::qualified_name(Dwarf_Die* type) const {
  const char* name = type ? dwarf_diename(type) : nullptr;
  if (!name) return written_name(type);
  auto it = namespaces_.find(dwarf_dieoffset(type));
  return it == namespaces_.end() ? std::string(name) : it->second + name;
}

std::optional<uint64_t> TypeReader::size_of(Dwarf_Die* type) const {
  Dwarf_Die peeled;
  if (!peel(type, &peeled)) return std::nullopt;
  if (is_pointer_tag(dwarf_tag(&peeled))) {
    if (auto size = udata_attr(&peeled, DW_AT_byte_size)) return *size;
    return kPointerSize;
  }
  Dwarf_Word size = 0;
  if (dwarf_aggregate_size(&peeled, &size) != 0) return std::nullopt;
  return size;
}

uint64_t TypeReader::align_of(Dwarf_Die* type, bool* from_dwarf, int depth) const {
  if (from_dwarf) *from_dwarf = false;
  if (!type || depth > kMaxDepth) return 1;
  if (auto a = udata_attr(type, DW_AT_alignment)) {
    if (from_dwarf) *from_dwarf = true;
    return *a;
  }
  Dwarf_Die peeled;
  if (!peel(type, &peeled)) return 1;
  if (auto a = udata_attr(&peeled, DW_AT_alignment)) {
    if (from_dwarf) *from_dwarf = true;
    return *a;
  }
  const int tag = dwarf_tag(&peeled);
  if (is_pointer_tag(tag)) return kPointerSize;
  if (tag == DW_TAG_base_type || tag == DW_TAG_enumeration_type) {
    uint64_t size = size_of(&peeled).value_or(1);
    return std::clamp<uint64_t>(size, 1, 16);
  }
  if (tag == DW_TAG_array_type) {
    Dwarf_Die elem;
    return referenced_die(&peeled, DW_AT_type, &elem) ? align_of(&elem, nullptr, depth + 1) : 1;
  }
  if (!is_record_tag(tag)) return 1;
  uint64_t align = 1;
  bool misaligned = false;
  Dwarf_Die child;
  if (dwarf_child(&peeled, &child) == 0) {
    do {
      if (dwarf_tag(&child) != DW_TAG_member) continue;
      Dwarf_Die member_type;
      if (!referenced_die(&child, DW_AT_type, &member_type)) continue;
      const uint64_t a = align_of(&member_type, nullptr, depth + 1);
      align = std::max(align, a);
      if (udata_attr(&child, DW_AT_bit_size)) continue;  // bitfields may straddle
      if (auto offset = udata_attr(&child, DW_AT_data_member_location); offset && *offset % a != 0)
        misaligned = true;
    } while (dwarf_siblingof(&child, &child) == 0);
  }
  const uint64_t size = size_of(&peeled).value_or(0);
  // A packed record: a member off its natural alignment, or a size no alignment divides.
  if (misaligned || (size != 0 && size % align != 0)) return 1;
  return align;
}

model::ValueKind TypeReader::abi_kind_of(Dwarf_Die* peeled, const model::BinaryType& t, int depth) const {
  using model::ValueKind;
  if (t.kind != ValueKind::Aggregate || depth > kMaxDepth) return t.kind;
  // Option<&T>, Option<Box<T>>, Option<NonNull<T>>, Option<fn>: the null pointer is None.
  if (t.has_variant_part) {
    if (!is_option_of_non_null_pointer(t.qualified_name)) return ValueKind::Aggregate;
    return t.qualified_name.find("core::num::nonzero::") != std::string::npos ? ValueKind::Integer
                                                                                : ValueKind::Pointer;
  }
  // A one-field wrapper (Rust's NonNull, repr(transparent), a C struct of one scalar) passes
  // like the field in the Rust ABI; the check uses this only when sizes agree.
  Dwarf_Die child, only;
  int fields = 0;
  if (dwarf_child(peeled, &child) == 0) {
    do {
      if (dwarf_tag(&child) != DW_TAG_member) continue;
      Dwarf_Die member_type;
      if (!referenced_die(&child, DW_AT_type, &member_type)) continue;
      if (size_of(&member_type).value_or(0) == 0) continue;  // PhantomData and the like
      ++fields;
      only = member_type;
    } while (dwarf_siblingof(&child, &child) == 0);
  }
  if (fields != 1) return ValueKind::Aggregate;
  model::BinaryType inner = describe(&only, depth + 1);
  return inner.size == t.size ? inner.abi_kind : ValueKind::Aggregate;
}

model::BinaryType TypeReader::describe(Dwarf_Die* type, int depth) const {
  using model::TypeShape;
  using model::ValueKind;
  model::BinaryType t;
  Dwarf_Die peeled;
  if (!peel(type, &peeled)) {
    t.name = t.qualified_name = "void";
    t.shape = TypeShape::Void;
    t.kind = t.abi_kind = ValueKind::Void;
    t.size_known = true;
    return t;
  }
  t.name = written_name(type);
  t.qualified_name = dwarf_diename(&peeled) ? qualified_name(&peeled) : t.name;
  if (auto size = size_of(&peeled)) {
    t.size = *size;
    t.size_known = true;
  }
  const int tag = dwarf_tag(&peeled);
  if (tag == DW_TAG_base_type) {
    t.shape = TypeShape::Base;
    const uint64_t encoding = udata_attr(&peeled, DW_AT_encoding).value_or(0);
    t.is_utf_char = encoding == DW_ATE_UTF;
    t.kind = (encoding == DW_ATE_float || encoding == DW_ATE_complex_float) ? ValueKind::Float
             : t.size == 0                                                  ? ValueKind::Void
                                                                            : ValueKind::Integer;
  } else if (is_pointer_tag(tag)) {
    t.shape = TypeShape::Pointer;
    t.kind = ValueKind::Pointer;
  } else if (is_record_tag(tag)) {
    t.shape = tag == DW_TAG_union_type ? TypeShape::Union : TypeShape::Struct;
    t.kind = ValueKind::Aggregate;
    Dwarf_Die child;
    if (dwarf_child(&peeled, &child) == 0) {
      do {
        const int ctag = dwarf_tag(&child);
        if (ctag == DW_TAG_variant_part) t.has_variant_part = true;
        if (ctag == DW_TAG_template_type_parameter && depth < 2) {
          Dwarf_Die arg;
          if (referenced_die(&child, DW_AT_type, &arg)) t.template_args.push_back(describe(&arg, depth + 1));
        }
      } while (dwarf_siblingof(&child, &child) == 0);
    }
  } else if (tag == DW_TAG_enumeration_type) {
    t.shape = TypeShape::Enum;
    t.kind = ValueKind::Integer;
  } else if (tag == DW_TAG_array_type) {
    t.shape = TypeShape::Array;
    t.kind = ValueKind::Aggregate;
  } else if (tag == DW_TAG_subroutine_type) {
    t.shape = TypeShape::Function;
  }
  t.abi_kind = abi_kind_of(&peeled, t, depth);
  return t;
}

}  // namespace ffifuzz::binary
