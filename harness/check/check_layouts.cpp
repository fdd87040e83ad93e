// Layouts: every struct, union and enum of the header that the library's DWARF also
// defines (matched by name, across C and Rust units) must have the same size, alignment,
// field offsets and field widths. Messages follow abidiff: name the record, both sizes,
// each moved field with both offsets, both types for a width change.
#include <algorithm>
#include <set>
#include <sstream>

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
};

Diff diff_record(const model::ApiModel& api, const model::Type& t, const model::BinaryRecord& r) {
  Diff d;
  if (t.size != r.size) d.differences.push_back("size " + bytes(t.size) + " in the header, " + bytes(r.size) + " in the library");
  // DWARF states alignment for Rust types; for C it is derived, so only a stated one counts.
  if (r.align_from_dwarf && t.align != r.align)
    d.differences.push_back("alignment " + std::to_string(t.align) + " in the header, " + std::to_string(r.align) +
                            " in the library");
  if (t.kind == model::TypeKind::Enum) return d;

  std::vector<HeaderField> fields = header_fields(api, t);
  std::set<std::string> in_header;
  bool have_previous = false;
  uint64_t previous_offset = 0;
  for (const HeaderField& h : fields) {
    in_header.insert(h.name);
    auto it = std::find_if(r.members.begin(), r.members.end(),
                           [&](const model::BinaryMember& m) { return m.name == h.name; });
    if (it == r.members.end()) {
      d.differences.push_back("field `" + h.name + "` (" + h.type + " at offset " + offset_text(h.offset_bits) +
                              ") is not in the library's definition");
      continue;
    }
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
      if (d.width_example.empty())
        d.width_example = "`" + h.name + "`: " + h.type + " in the header, " + it->type_name + " in the library";
      if (moved) s << ", and";
    }
    if (moved) s << " moved from offset " << offset_text(h.offset_bits) << " (header) to " << offset_text(it->offset_bits) << " (library)";
    d.differences.push_back(s.str());
  }
  for (const model::BinaryMember& m : r.members)
    if (!m.name.empty() && !in_header.count(m.name))
      d.differences.push_back("field `" + m.name + "` (" + m.type_name + " at offset " + offset_text(m.offset_bits) +
                              ") is in the library but not in the header");
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

std::string hint_for(const model::Type& t, const model::BinaryRecord& r, const Diff& d, const std::string& label) {
  const bool rust = r.language == model::SourceLanguage::Rust;
  if (rust && t.kind == model::TypeKind::Enum)
    return "add #[repr(C)] (or the #[repr(<int>)] matching the header) to the Rust enum `" + r.qualified_name + "`";
  if (rust && d.field_order_changed)
    return "add #[repr(C)] to the Rust struct `" + r.qualified_name +
           "`: without it rustc reorders fields, so the C header's layout does not hold";
  if (rust)
    return "make `" + r.qualified_name + "` and the header agree: give it #[repr(C)] and regenerate the header "
           "with cbindgen";
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
    f.hint = hint_for(t, r, d, label);
    out.findings.push_back(std::move(f));
  }
}

}  // namespace ffifuzz::check
