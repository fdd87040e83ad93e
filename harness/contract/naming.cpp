#include "contract/naming.h"

#include <array>
#include <string_view>

namespace ffifuzz::contract {
namespace {

using model::Decided;
using model::Origin;
using model::TypeId;
using model::TypeKind;

constexpr std::array<std::string_view, 3> kReleasePrefixes = {"free_", "destroy_", "release_"};
constexpr std::array<std::string_view, 6> kReleaseSuffixes = {"_free",   "_destroy", "_release",
                                                             "_delete", "_unref",   "_close"};
// Copies are constructors too: x_clone / x_copy / x_dup return a new object the caller releases.
constexpr std::array<std::string_view, 7> kConstructorSuffixes = {"_new",   "_create", "_open", "_alloc",
                                                                  "_clone", "_copy",   "_dup"};

Origin naming(std::string detail) { return Origin{model::ContractSource::Naming, std::move(detail)}; }

// The name without its role prefix or suffix: "builder" for builder_new and builder_free.
std::string stem(const std::string& name) {
  for (std::string_view p : kReleasePrefixes)
    if (name.starts_with(p)) return name.substr(p.size());
  if (name.starts_with("get_")) return name.substr(4);
  for (std::string_view s : kReleaseSuffixes)
    if (name.ends_with(s)) return name.substr(0, name.size() - s.size());
  for (std::string_view s : kConstructorSuffixes)
    if (name.ends_with(s)) return name.substr(0, name.size() - s.size());
  return name;
}

// A pointer type's pointee, ignoring const and typedef spellings: what makes two pointers
// "the same type" for pairing constructors with releasers.
std::string pointee_key(const model::ApiModel& api, TypeId id) {
  if (id == model::kNoType) return "";
  const model::Type& t = api.type(id);
  if (t.kind != TypeKind::Pointer || t.pointee == model::kNoType) return "";
  const model::Type& p = api.type(t.pointee);
  std::string name = p.name;
  if (name.starts_with("const ")) name = name.substr(6);
  return name;
}

bool is_char_pointer(const model::ApiModel& api, TypeId id) {
  std::string k = pointee_key(api, id);
  return k == "char" || k == "unsigned char" || k == "signed char";
}

bool is_const_char_pointer(const model::ApiModel& api, TypeId id) {
  if (id == model::kNoType) return false;
  const model::Type& t = api.type(id);
  if (t.kind != TypeKind::Pointer || t.pointee == model::kNoType) return false;
  const model::Type& p = api.type(t.pointee);
  return p.is_const && p.kind == TypeKind::Int && p.size == 1;
}

// size_t, or uintptr_t (cbindgen's spelling of Rust's usize).
bool is_size_type(const model::ApiModel& api, TypeId id) {
  if (id == model::kNoType) return false;
  const model::Type& t = api.type(id);
  if (t.kind != TypeKind::Int) return false;
  for (const std::string& n : t.typedef_chain)
    if (n == "size_t" || n == "uintptr_t") return true;
  return false;
}

bool is_opaque_pointer(const model::ApiModel& api, TypeId id, std::string& record) {
  if (id == model::kNoType) return false;
  const model::Type& t = api.type(id);
  if (t.kind != TypeKind::Pointer || t.pointee == model::kNoType) return false;
  const model::Type& p = api.type(t.pointee);
  if ((p.kind != TypeKind::Struct && p.kind != TypeKind::Union) || p.complete) return false;
  record = p.name;
  if (record.starts_with("const ")) record = record.substr(6);
  return true;
}

std::string param_key(const model::Function& f, size_t i) {
  return f.params[i].name.empty() ? "#" + std::to_string(i + 1) : f.params[i].name;
}

void infer_params(const model::ApiModel& api, const model::Function& f, model::FunctionContract& fc) {
  std::vector<bool> is_buffer(f.params.size(), false);
  for (size_t i = 0; i + 1 < f.params.size(); ++i) {
    const model::Type& t = api.type(f.params[i].type);
    if (t.kind != TypeKind::Pointer || !is_size_type(api, f.params[i + 1].type)) continue;
    const model::Type* pointee = t.pointee == model::kNoType ? nullptr : &api.type(t.pointee);
    if (pointee && pointee->kind == TypeKind::Function) continue;  // a callback is not a buffer
    // A handle is not a buffer: (struct msg *m, size_t n) takes n for something else.
    if (pointee && (pointee->kind == TypeKind::Struct || pointee->kind == TypeKind::Union) && !pointee->complete)
      continue;
    const bool bytes = !pointee || pointee->kind == TypeKind::Void || pointee->size == 1;
    const std::string p = param_key(f, i), n = param_key(f, i + 1);
    const Origin o = naming("adjacent (" + p + ", " + n + "): buffer and its length");
    fc.params[p].len = Decided<model::LenSpec>{{n, bytes ? model::LenUnit::Bytes : model::LenUnit::Elements}, o};
    fc.params[n].length_of = Decided<std::string>{p, o};
    is_buffer[i] = true;
  }
  for (size_t i = 0; i < f.params.size(); ++i) {
    const std::string p = param_key(f, i);
    if (!is_buffer[i] && is_const_char_pointer(api, f.params[i].type))
      fc.params[p].cstring = Decided<bool>{true, naming("const char * is a C string")};
    std::string record;
    if (is_opaque_pointer(api, f.params[i].type, record))
      fc.params[p].handle = Decided<std::string>{record, naming("pointer to opaque " + record + " is a handle")};
  }
}

}  // namespace

bool is_releaser_name(const std::string& name) {
  for (std::string_view p : kReleasePrefixes)
    if (name.starts_with(p) && name.size() > p.size()) return true;
  for (std::string_view s : kReleaseSuffixes)
    if (name.ends_with(s) && name.size() > s.size()) return true;
  return false;
}

bool is_constructor_name(const std::string& name) {
  for (std::string_view s : kConstructorSuffixes)
    if (name.ends_with(s) && name.size() > s.size()) return true;
  return false;
}

model::Contracts infer_from_names(const model::ApiModel& api) {
  model::Contracts out;

  // Releasers, by the pointee of the pointer they take first.
  struct Releaser {
    const model::Function* fn;
    std::string key;
  };
  std::vector<Releaser> releasers;
  for (const model::Function& f : api.functions) {
    if (!is_releaser_name(f.name) || f.params.empty()) continue;
    std::string key = pointee_key(api, f.params[0].type);
    if (key.empty()) continue;
    releasers.push_back({&f, key});
    out.functions[f.name].params[param_key(f, 0)].releases =
        Decided<bool>{true, naming(f.name + " is named like a releaser")};
  }

  for (const model::Function& f : api.functions) {
    infer_params(api, f, out.functions[f.name]);
    std::string returned;
    if (is_opaque_pointer(api, f.ret, returned))
      out.functions[f.name].ret.handle =
          Decided<std::string>{returned, naming("returns a pointer to opaque " + returned + ": a handle")};

    const bool get_string = f.name.starts_with("get_") && is_char_pointer(api, f.ret);
    std::string key = pointee_key(api, f.ret);
    if (key.empty()) continue;
    // A releaser named after the function itself (hex -> hex_free, free_hex) releases what
    // that function returns, whatever the function's own name says.
    const Releaser* named_after = nullptr;
    for (const Releaser& r : releasers)
      if (r.key == key && r.fn != &f && stem(r.fn->name) == f.name) named_after = &r;
    if (named_after) {
      out.functions[f.name].ret.owned_by = Decided<std::string>{
          named_after->fn->name, naming(named_after->fn->name + " is named after " + f.name + " and takes its result")};
      continue;
    }
    if (!is_constructor_name(f.name) && !get_string) continue;
    // Prefer the releaser with the same stem (builder_new -> builder_free); otherwise the
    // only releaser of that type. Several candidates and no stem match: no guess.
    const Releaser* match = nullptr;
    int candidates = 0;
    for (const Releaser& r : releasers) {
      if (r.key != key) continue;
      ++candidates;
      if (stem(r.fn->name) == stem(f.name)) {
        match = &r;
        candidates = 1;
        break;
      }
      match = &r;
    }
    if (!match || candidates != 1) continue;
    std::string why = get_string ? "get_* returning char * pairs with " + match->fn->name + " taking it"
                                 : f.name + " is named like a constructor; " + match->fn->name + " releases its type";
    out.functions[f.name].ret.owned_by = Decided<std::string>{match->fn->name, naming(why)};
  }

  // Drop functions about which nothing was inferred, so `inspect` shows only decisions.
  for (auto it = out.functions.begin(); it != out.functions.end();) {
    const model::FunctionContract& fc = it->second;
    if (fc.params.empty() && !fc.ret.owned_by && !fc.ret.handle) it = out.functions.erase(it);
    else ++it;
  }
  return out;
}

}  // namespace ffifuzz::contract
