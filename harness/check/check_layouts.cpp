// Layouts: every struct, union and enum of the header that the library's DWARF also
// defines (matched by name, across C and Rust units) must have the same size, alignment,
// field offsets and field widths. Fields pair up by name, or by a name that differs only in
// leading underscores (a reserved-identifier spelling). Messages follow abidiff: name the
// record, both sizes, each moved field with both offsets, both types for a width change.
// Hints tell a Rust struct missing #[repr(C)] from a stale header (c_layout_rules.h).
#include <algorithm>
#include <set>
#include <sstream>

#include "check/c_layout_rules.h"
#include "check/check.h"
#include "check/header_types.h"

namespace ffifuzz::check {
namespace {

bool is_std_path(const std::string& q) {
  for (const char* p : {"core::", "alloc::", "std::"})
    if (q.rfind(p, 0) == 0) return true;
  return false;
}

model::RecordKind record_kind(model::TypeKind k) {
  return k == model::TypeKind::Union ? model::RecordKind::Union
         : k == model::TypeKind::Enum ? model::RecordKind::Enum
                                      : model::RecordKind::Struct;
}

struct HeaderField {
  std::string name;
  std::string type;
  uint64_t offset_bits;
  uint64_t size;
  uint32_t bit_width;
};

std::vector<HeaderField> header_fields(const model::ApiModel& api, const model::Type& t) {
  std::vector<HeaderField> fields;
  for (const model::Field& f : t.fields)
    fields.push_back({f.name, model::describe(api, f.type), f.offset_bits,
                      f.type == model::kNoType ? 0 : api.type(f.type).size, f.bit_width});
  return fields;
}

std::string bytes(uint64_t n) { return std::to_string(n) + (n == 1 ? " byte" : " bytes"); }

std::string offset_text(uint64_t bits) {
  return bits % 8 == 0 ? std::to_string(bits / 8) : std::to_string(bits / 8) + " (bit " + std::to_string(bits) + ")";
}

struct Diff {
  std::vector<std::string> differences;
  bool field_order_changed = false;  // the library's offsets do not increase in the header's order
  bool width_changed = false;
  std::string width_example;         // "flags: int32_t in the header, int64_t in the library"
  std::string width_field, width_library_type;  // "flags", "int64_t"
  std::vector<std::string> only_in_header, only_in_library;  // field names
};

std::string strip_leading_underscores(const std::string& name) {
  const size_t first = name.find_first_not_of('_');
  return first == std::string::npos ? name : name.substr(first);
}

// The library's member the header's field stands for: the same name, else a name that differs
// only in its reserved-identifier spelling (glibc's fd_set is `__fds_bits` or `fds_bits`
// depending on feature-test macros: one field, compared by offset and size like any other).
const model::BinaryMember* matching_member(const model::BinaryRecord& r, const std::string& header_name,
                                           const std::vector<std::string>& header_names) {
  for (const model::BinaryMember& m : r.members)
    if (m.name == header_name) return &m;
  const std::string bare = strip_leading_underscores(header_name);
  for (const model::BinaryMember& m : r.members) {
    if (m.name.empty() || strip_leading_underscores(m.name) != bare) continue;
    // A member the header also names exactly is that field's, not this one's.
    if (std::find(header_names.begin(), header_names.end(), m.name) == header_names.end()) return &m;
  }
  return nullptr;
}

Diff diff_record(const model::ApiModel& api, const model::Type& t, const model::BinaryRecord& r) {
  Diff d;
  if (t.size != r.size) d.differences.push_back("size " + bytes(t.size) + " in the header, " + bytes(r.size) + " in the library");
  // DWARF states alignment for Rust types; for C it is derived, so only a stated one counts.
  if (r.align_from_dwarf && t.align != r.align)
    d.differences.push_back("alignment " + std::to_string(t.align) + " in the header, " + std::to_string(r.align) +
                            " in the library");
  if (t.kind == model::TypeKind::Enum) return d;

  std::vector<HeaderField> fields = header_fields(api, t);
  std::vector<std::string> header_names;
  for (const HeaderField& h : fields) header_names.push_back(h.name);
  std::set<const model::BinaryMember*> matched;
  bool have_previous = false;
  uint64_t previous_offset = 0;
  for (const HeaderField& h : fields) {
    const model::BinaryMember* it = matching_member(r, h.name, header_names);
    if (!it) {
      d.differences.push_back("field `" + h.name + "` (" + h.type + " at offset " + offset_text(h.offset_bits) +
                              ") is not in the library's definition");
      d.only_in_header.push_back(h.name);
      continue;
    }
    matched.insert(it);
    if (t.kind == model::TypeKind::Struct) {
      if (have_previous && it->offset_bits <= previous_offset) d.field_order_changed = true;
      have_previous = true;
      previous_offset = it->offset_bits;
    }
    const bool moved = it->offset_bits != h.offset_bits;
    const bool resized = (h.bit_width || it->bit_size) ? h.bit_width != it->bit_size : h.size != it->size;
    if (!moved && !resized) continue;
    std::ostringstream s;
    s << "field `" << h.name << "`";
    if (resized) {
      d.width_changed = true;
      const std::string header_width = h.bit_width ? std::to_string(h.bit_width) + " bits" : bytes(h.size);
      const std::string library_width = it->bit_size ? std::to_string(it->bit_size) + " bits" : bytes(it->size);
      s << " is " << h.type << " (" << header_width << ") in the header, " << it->type_name << " ("
        << library_width << ") in the library";
      if (d.width_example.empty()) {
        d.width_example = "`" + h.name + "`: " + h.type + " in the header, " + it->type_name + " in the library";
        d.width_field = h.name;
        d.width_library_type = it->type_name;
      }
      if (moved) s << ", and";
    }
    if (moved) s << " moved from offset " << offset_text(h.offset_bits) << " (header) to " << offset_text(it->offset_bits) << " (library)";
    d.differences.push_back(s.str());
  }
  for (const model::BinaryMember& m : r.members)
    if (!m.name.empty() && !matched.count(&m)) {
      d.differences.push_back("field `" + m.name + "` (" + m.type_name + " at offset " + offset_text(m.offset_bits) +
                              ") is in the library but not in the header");
      d.only_in_library.push_back(m.name);
    }
  return d;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "; " : "") + parts[i];
  return out;
}

std::string where(const model::BinaryRecord& r) {
  if (r.decl_file.empty()) return "";
  std::string file = r.decl_file;
  return " (" + file + (r.decl_line ? ":" + std::to_string(r.decl_line) : "") + ")";
}

std::string names_in_order(const model::BinaryRecord& r) {
  std::string out;
  for (const model::BinaryMember& m : r.members) out += (out.empty() ? "" : ", ") + m.name;
  return out;
}

// What to change in a stale header by hand, for a library struct that follows C rules.
std::string header_fix(const model::BinaryRecord& r, const Diff& d) {
  if (!d.only_in_header.empty() || !d.only_in_library.empty()) {
    std::string fix;
    for (const std::string& n : d.only_in_header)
      fix += (fix.empty() ? "" : ", ") + ("drop or rename field `" + n + "`");
    for (const std::string& n : d.only_in_library) fix += (fix.empty() ? "" : ", ") + ("add field `" + n + "`");
    return fix + " (the library's fields: " + names_in_order(r) + ")";
  }
  std::string fix;
  if (d.width_changed) fix = "give field `" + d.width_field + "` the library's type, " + d.width_library_type;
  if (d.field_order_changed)
    fix += (fix.empty() ? "" : ", and ") + ("declare the fields in the library's order: " + names_in_order(r));
  return fix.empty() ? "declare the fields as the library does: " + names_in_order(r) : fix;
}

// A struct from a system header (the header includes it): nobody edits that header, but the
// macros it was read with choose its definition.
bool from_system_header(const model::ApiModel& api, const model::Type& t) {
  return !t.decl.file.empty() && std::find(api.headers.begin(), api.headers.end(), t.decl.file) == api.headers.end();
}

std::string rust_struct_hint(const model::BinaryRecord& r, const Diff& d) {
  const std::string q = "`" + r.qualified_name + "`";
  const LayoutVerdict v = judge_layout(r);
  switch (v.shape) {
    case LayoutShape::CRules:
      return q + " already has the C layout in the library (it is #[repr(C)]), so the header is stale: regenerate "
             "it with cbindgen, or " + header_fix(r, d);
    case LayoutShape::Reordered:
      return "add #[repr(C)] to the Rust struct " + q + ": without it rustc reorders fields (in the library: " +
             v.detail + "), so the C header's layout does not hold";
    case LayoutShape::Packed:
      return q + " is packed in the library (" + v.detail + "), a layout C rules cannot give: if that is meant "
             "(#[repr(C, packed)]), mark the header's struct __attribute__((packed)) (cbindgen does); if not, make it "
             "#[repr(C)] without packed";
    case LayoutShape::OtherThanC:
      return "add #[repr(C)] to the Rust struct " + q + ": its layout in the library is not C's (" + v.detail + ")";
    case LayoutShape::Unknown:
      break;
  }
  if (d.field_order_changed)
    return "add #[repr(C)] to the Rust struct " + q + ": without it rustc reorders fields, so the C header's layout "
           "does not hold";
  return "make " + q + " and the header agree: give it #[repr(C)] if it has none, and regenerate the header with "
         "cbindgen";
}

std::string hint_for(const model::ApiModel& api, const model::Type& t, const model::BinaryRecord& r, const Diff& d,
                     const std::string& label) {
  const bool rust = r.language == model::SourceLanguage::Rust;
  if (rust && t.kind == model::TypeKind::Enum)
    return "add #[repr(C)] (or the #[repr(<int>)] matching the header) to the Rust enum `" + r.qualified_name + "`";
  if (rust) return rust_struct_hint(r, d);
  if (from_system_header(api, t))
    return label + " comes from a system header (" + t.decl.file + ":" + std::to_string(t.decl.line) +
           "), whose definition depends on the macros it is read with: read the header with the -D options the "
           "library was built with (e.g. -D_GNU_SOURCE, -D_FILE_OFFSET_BITS=64)";
  if (d.width_changed)
    return "the library was compiled with a different definition of " + label + where(r) + " (" + d.width_example +
           "): build the library from the public header, or correct the header";
  return "the library was compiled with a different definition of " + label + where(r) +
         ": build the library from the public header, or correct the header";
}

}  // namespace

void check_layouts(const model::ApiModel& api, const model::BinaryFacts& facts, CheckResult& out) {
  if (!facts.has_dwarf) return;
  out.layouts_checked = true;
  std::set<std::string> done;  // a record may appear more than once in the header's table
  for (model::TypeId id = 0; id < api.types.size(); ++id) {
    const model::Type& t = api.type(id);
    if (t.kind != model::TypeKind::Struct && t.kind != model::TypeKind::Union && t.kind != model::TypeKind::Enum)
      continue;
    if (!t.complete && t.kind != model::TypeKind::Enum) continue;  // opaque handle: no layout to hold
    if (t.size == 0 || !done.insert(record_label(api, id)).second) continue;
    const std::vector<std::string> names = record_names(t);
    // Candidates of the same kind and name; the crate's own before core/alloc/std.
    std::vector<const model::BinaryRecord*> candidates;
    for (const model::BinaryRecord& r : facts.records) {
      if (r.kind != record_kind(t.kind) || std::find(names.begin(), names.end(), r.name) == names.end()) continue;
      candidates.push_back(&r);
    }
    std::stable_partition(candidates.begin(), candidates.end(),
                          [](const model::BinaryRecord* r) { return !is_std_path(r->qualified_name); });
    if (candidates.empty()) continue;
    ++out.records_compared;
    // The same C struct is in every unit that uses it: one that agrees means no finding.
    std::vector<Diff> diffs;
    bool agrees = false;
    for (const model::BinaryRecord* r : candidates) {
      diffs.push_back(diff_record(api, t, *r));
      if (diffs.back().differences.empty()) {
        agrees = true;
        break;
      }
    }
    if (agrees) continue;
    const model::BinaryRecord& r = *candidates.front();
    const Diff& d = diffs.front();
    const std::string label = record_label(api, id);
    Finding f;
    f.klass = kLayoutMismatch;
    f.subject = label;
    f.function = first_function_using(api, id);
    f.location = t.decl;
    f.message = "differs from the library's `" + r.qualified_name + "` (" + model::to_string(r.language) +
                "): " + join(d.differences);
    f.hint = hint_for(api, t, r, d, label);
    out.findings.push_back(std::move(f));
  }
}

}  // namespace ffifuzz::check
