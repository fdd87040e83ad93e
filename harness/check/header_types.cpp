#include "check/header_types.h"

#include <set>

namespace ffifuzz::check {

model::ValueKind value_kind(const model::ApiModel& api, model::TypeId id) {
  using model::TypeKind;
  using model::ValueKind;
  if (id == model::kNoType) return ValueKind::Void;
  switch (api.type(id).kind) {
    case TypeKind::Void: return ValueKind::Void;
    case TypeKind::Bool:
    case TypeKind::Int:
    case TypeKind::Enum: return ValueKind::Integer;
    case TypeKind::Float:
    case TypeKind::LongDouble: return ValueKind::Float;
    case TypeKind::Pointer:
    case TypeKind::Array:  // a parameter of array type is a pointer
      return ValueKind::Pointer;
    case TypeKind::Struct:
    case TypeKind::Union: return ValueKind::Aggregate;
    case TypeKind::Function:
    case TypeKind::Unsupported: break;
  }
  return ValueKind::Unknown;
}

std::vector<std::string> record_names(const model::Type& type) {
  std::vector<std::string> names;
  std::string name = type.name;
  for (const char* keyword : {"struct ", "union ", "enum "})
    if (name.rfind(keyword, 0) == 0) name = name.substr(std::string(keyword).size());
  if (!name.empty() && name.find(' ') == std::string::npos && name.find('(') == std::string::npos)
    names.push_back(name);
  for (const std::string& alias : type.typedef_chain)
    if (alias != name) names.push_back(alias);
  return names;
}

namespace {

std::string without_const(const std::string& name) { return name.rfind("const ", 0) == 0 ? name.substr(6) : name; }

bool uses(const model::ApiModel& api, model::TypeId from, model::TypeId wanted, std::set<model::TypeId>& seen) {
  if (from == model::kNoType || !seen.insert(from).second) return false;
  if (from == wanted) return true;
  const model::Type& t = api.type(from);
  // The same record may sit in the table more than once (reached with and without a typedef,
  // or const-qualified: `const struct Settings *` points at a copy named "const struct Settings").
  const model::Type& w = api.type(wanted);
  if (t.kind == w.kind && !t.name.empty() && without_const(t.name) == without_const(w.name)) return true;
  if (t.kind == model::TypeKind::Pointer) return uses(api, t.pointee, wanted, seen);
  if (t.kind == model::TypeKind::Array) return uses(api, t.element, wanted, seen);
  return false;
}

}  // namespace

std::string first_function_using(const model::ApiModel& api, model::TypeId id) {
  for (const model::Function& f : api.functions) {
    std::set<model::TypeId> seen;
    if (uses(api, f.ret, id, seen)) return f.name;
    for (const model::Param& p : f.params) {
      seen.clear();
      if (uses(api, p.type, id, seen)) return f.name;
    }
  }
  // Reached only through another record: name the first function that reaches that one.
  for (model::TypeId outer = 0; outer < api.types.size(); ++outer) {
    const model::Type& t = api.type(outer);
    if (outer == id || (t.kind != model::TypeKind::Struct && t.kind != model::TypeKind::Union)) continue;
    for (const model::Field& field : t.fields) {
      std::set<model::TypeId> seen;
      if (uses(api, field.type, id, seen)) {
        for (const model::Function& f : api.functions) {
          std::set<model::TypeId> seen2;
          if (uses(api, f.ret, outer, seen2)) return f.name;
          for (const model::Param& p : f.params) {
            seen2.clear();
            if (uses(api, p.type, outer, seen2)) return f.name;
          }
        }
      }
    }
  }
  return "";
}

std::string record_label(const model::ApiModel& api, model::TypeId id) {
  const model::Type& t = api.type(id);
  const char* keyword = t.kind == model::TypeKind::Union ? "union " : t.kind == model::TypeKind::Enum ? "enum " : "struct ";
  std::vector<std::string> names = record_names(t);
  // An anonymous record goes by its typedef name alone ("fd_set", not "struct (anonymous at ...)").
  if (t.name.find("(anonymous") != std::string::npos && !names.empty()) return names.front();
  if (t.name.rfind(keyword, 0) == 0) return t.name;
  return names.empty() ? t.name : keyword + names.front();
}

}  // namespace ffifuzz::check
