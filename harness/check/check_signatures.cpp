// Signatures: each exported function's DWARF definition against the header's prototype —
// the number of parameters, and each parameter's and the return's size and kind (integer,
// float, pointer, aggregate). In Rust units, a parameter or return whose type has no C
// layout is an ffi-unsafe-type finding instead (comparing it further would say nothing new).
#include <set>

#include "check/check.h"
#include "check/header_types.h"
#include "check/rust_ffi_safety.h"

namespace ffifuzz::check {
namespace {

// The definition the exported symbol runs: an unmangled DWARF subprogram of that name,
// preferring one with code over an abstract (inlined-only) instance.
const model::BinaryFunction* definition(const model::BinaryFacts& facts, const std::string& name) {
  const model::BinaryFunction* best = nullptr;
  for (const model::BinaryFunction& f : facts.functions) {
    if (f.name != name || (!f.linkage_name.empty() && f.linkage_name != name)) continue;
    if (!best || (f.has_code && !best->has_code)) best = &f;
  }
  return best;
}

std::string header_spelling(const model::ApiModel& api, model::TypeId id) {
  return id == model::kNoType ? "void" : model::describe(api, id);
}

uint64_t header_size(const model::ApiModel& api, model::TypeId id) {
  if (id == model::kNoType) return 0;
  const model::Type& t = api.type(id);
  return t.kind == model::TypeKind::Array ? sizeof(void*) : t.size;  // arrays decay
}

// Empty when they agree; else "int32_t (integer, 4 bytes) in the header, ..." .
std::string compare_value(const model::ApiModel& api, model::TypeId header, const model::BinaryType& lib) {
  const model::ValueKind hk = value_kind(api, header);
  if (hk == model::ValueKind::Unknown || lib.kind == model::ValueKind::Unknown) return "";
  const uint64_t hs = header_size(api, header);
  const bool size_differs = lib.size_known && hk != model::ValueKind::Void && hs != lib.size;
  // A one-field wrapper (NonNull, repr(transparent), Option<&T>) passes as its field.
  const bool kind_agrees = hk == lib.kind || (hk == lib.abi_kind && !size_differs);
  if (kind_agrees && !size_differs) return "";
  auto show = [](const std::string& name, model::ValueKind k, uint64_t size) {
    std::string s = name + " (" + model::to_string(k);
    if (k != model::ValueKind::Void) s += ", " + std::to_string(size) + (size == 1 ? " byte" : " bytes");
    return s + ")";
  };
  return show(header_spelling(api, header), hk, hs) + " in the header, " +
         show(lib.name, lib.kind, lib.size) + " in the library";
}

// A record passed by value whose layout-mismatch is already reported: its different size
// here is the same fault, said once.
bool layout_already_reported(const model::ApiModel& api, model::TypeId id, const CheckResult& out) {
  if (id == model::kNoType) return false;
  const model::TypeKind kind = api.type(id).kind;
  if (kind != model::TypeKind::Struct && kind != model::TypeKind::Union && kind != model::TypeKind::Enum) return false;
  const std::string label = record_label(api, id);
  for (const Finding& f : out.findings)
    if (f.klass == kLayoutMismatch && f.subject == label) return true;
  return false;
}

std::string param_label(size_t index, const std::string& name) {
  return "parameter " + std::to_string(index + 1) + (name.empty() ? "" : " `" + name + "`");
}

}  // namespace

void check_signatures(const model::ApiModel& api, const model::BinaryFacts& facts, CheckResult& out) {
  if (!facts.has_dwarf) return;
  out.signatures_checked = true;
  std::set<std::string> exported;
  for (const model::BinarySymbol& s : facts.exports)
    if (s.is_function) exported.insert(s.name);

  for (const model::Function& hf : api.functions) {
    if (hf.header_static || !exported.count(hf.name)) continue;  // missing-symbol already says it
    const model::BinaryFunction* lf = definition(facts, hf.name);
    if (!lf || !lf->types_known) continue;
    ++out.signatures_compared;
    // A Rust library's header is cbindgen's to write: a drifted prototype means a stale header.
    const std::string rust_fix = lf->language == model::SourceLanguage::Rust
                                     ? "; in a Rust library, regenerate the header with cbindgen"
                                     : "";
    auto add = [&](const char* klass, std::string message, std::string hint) {
      out.findings.push_back({klass, hf.name, "", std::move(message), std::move(hint), hf.decl});
    };

    // Rust types with no C layout: name the Rust type, say what to use instead.
    std::set<size_t> unsafe_params;
    bool unsafe_return = false;
    if (lf->language == model::SourceLanguage::Rust) {
      if (auto u = rust_ffi_unsafety(lf->ret)) {
        unsafe_return = true;
        add(kFfiUnsafeType, "returns `" + lf->ret.qualified_name + "` (" + u->what +
                                "), a Rust type with no C layout; the header says " + header_spelling(api, hf.ret),
            u->hint);
      }
      for (size_t i = 0; i < lf->params.size(); ++i) {
        if (auto u = rust_ffi_unsafety(lf->params[i].type)) {
          unsafe_params.insert(i);
          add(kFfiUnsafeType, param_label(i, lf->params[i].name) + " is `" + lf->params[i].type.qualified_name +
                                  "` (" + u->what + "), a Rust type with no C layout",
              u->hint);
        }
      }
    }

    const bool variadic = hf.variadic || lf->variadic;
    if (!variadic && hf.params.size() != lf->params.size()) {
      std::string names;
      for (const model::BinaryParam& p : lf->params) names += (names.empty() ? "" : ", ") + (p.name.empty() ? p.type.name : p.name);
      add(kSignatureMismatch,
          "the header declares " + std::to_string(hf.params.size()) + " parameter(s), the library's definition takes " +
              std::to_string(lf->params.size()) + (names.empty() ? "" : " (" + names + ")"),
          "make the header's prototype and the definition" +
              (lf->decl_file.empty() ? std::string() : " (" + lf->decl_file + ":" + std::to_string(lf->decl_line) + ")") +
              " take the same parameters" + rust_fix);
      continue;
    }
    if (!unsafe_return && !layout_already_reported(api, hf.ret, out)) {
      std::string diff = compare_value(api, hf.ret, lf->ret);
      if (!diff.empty())
        add(kSignatureMismatch, "return type differs: " + diff,
            "make the header's return type match the definition's (or the definition's the header's)" + rust_fix);
    }
    for (size_t i = 0; i < hf.params.size() && i < lf->params.size(); ++i) {
      if (unsafe_params.count(i) || layout_already_reported(api, hf.params[i].type, out)) continue;
      std::string diff = compare_value(api, hf.params[i].type, lf->params[i].type);
      if (!diff.empty())
        add(kSignatureMismatch, param_label(i, hf.params[i].name) + " differs: " + diff,
            "declare the parameter with the definition's type in the header (or change the definition)" + rust_fix);
    }
  }
}

}  // namespace ffifuzz::check
