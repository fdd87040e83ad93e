#include "cli/inspect_json.h"

namespace ffifuzz::cli {
namespace {

using nlohmann::json;
using namespace ffifuzz::model;

const char* kind_name(TypeKind k) {
  switch (k) {
    case TypeKind::Void: return "void";
    case TypeKind::Bool: return "bool";
    case TypeKind::Int: return "int";
    case TypeKind::Float: return "float";
    case TypeKind::LongDouble: return "long_double";
    case TypeKind::Enum: return "enum";
    case TypeKind::Pointer: return "pointer";
    case TypeKind::Struct: return "struct";
    case TypeKind::Union: return "union";
    case TypeKind::Array: return "array";
    case TypeKind::Function: return "function";
    case TypeKind::Unsupported: return "unsupported";
  }
  return "unsupported";
}

json loc(const SourceLoc& l) { return {{"file", l.file}, {"line", l.line}}; }

json type_ref(const ApiModel& m, TypeId id) { return {{"id", id}, {"spelling", describe(m, id)}}; }

json type_json(const ApiModel& m, TypeId id) {
  const Type& t = m.type(id);
  json j = {{"id", id},
            {"kind", kind_name(t.kind)},
            {"name", t.name},
            {"typedefs", t.typedef_chain},
            {"size", t.size},
            {"align", t.align},
            {"const", t.is_const}};
  switch (t.kind) {
    case TypeKind::Int: j["signed"] = t.is_signed; break;
    case TypeKind::Pointer: j["pointee"] = t.pointee; break;
    case TypeKind::Array: j["element"] = t.element; j["count"] = t.count; break;
    case TypeKind::Function:
      j["return"] = t.ret;
      j["params"] = t.params;
      j["variadic"] = t.variadic;
      break;
    case TypeKind::Enum: {
      j["underlying"] = t.underlying;
      j["signed"] = t.is_signed;
      json values = json::array();
      for (const Enumerator& e : t.enumerators) values.push_back({{"name", e.name}, {"value", e.value}});
      j["enumerators"] = values;
      j["decl"] = loc(t.decl);
      break;
    }
    case TypeKind::Struct:
    case TypeKind::Union: {
      j["complete"] = t.complete;
      j["packed"] = t.packed;
      j["decl"] = loc(t.decl);
      json fields = json::array();
      for (const Field& f : t.fields) {
        json fj = {{"name", f.name}, {"type", type_ref(m, f.type)}, {"offset", f.offset_bits / 8},
                   {"offset_bits", f.offset_bits}};
        if (f.bit_width) fj["bit_width"] = f.bit_width;
        fields.push_back(fj);
      }
      j["fields"] = fields;
      break;
    }
    case TypeKind::Unsupported:
    case TypeKind::LongDouble: j["unsupported_reason"] = t.unsupported_reason; break;
    default: break;
  }
  return j;
}

template <class T>
json decided(const Decided<T>& d, json value) {
  return {{"value", std::move(value)}, {"source", to_string(d.origin.source)}, {"detail", d.origin.detail}};
}

const char* direction_name(Direction d) {
  return d == Direction::In ? "in" : d == Direction::Out ? "out" : "inout";
}

json param_contract(const ParamContract& p) {
  json j = json::object();
  if (p.nullable) j["nullable"] = decided(*p.nullable, p.nullable->value);
  if (p.len)
    j["len"] = p.len->value.param.empty() ? decided(*p.len, false) : decided(*p.len, {{"param", p.len->value.param},
                                {"unit", p.len->value.unit == LenUnit::Bytes ? "bytes" : "elements"}});
  if (p.cstring) j["cstring"] = decided(*p.cstring, p.cstring->value);
  if (p.path) j["path"] = decided(*p.path, p.path->value);
  if (p.size) j["size"] = decided(*p.size, p.size->value);
  if (p.direction) j["direction"] = decided(*p.direction, direction_name(p.direction->value));
  if (p.handle) j["handle"] = decided(*p.handle, p.handle->value);
  if (p.range) j["range"] = decided(*p.range, json::array({p.range->value.min, p.range->value.max}));
  if (p.real_range) j["range"] = decided(*p.real_range, json::array({p.real_range->value.min, p.real_range->value.max}));
  if (p.releases) j["releases"] = decided(*p.releases, p.releases->value);
  if (p.retains) j["retains"] = decided(*p.retains, p.retains->value);
  if (p.length_of) j["length_of"] = decided(*p.length_of, p.length_of->value);
  if (p.value) {
    json v = p.value->value;
    if (p.fixed) v = p.fixed->is_string ? json(p.fixed->text) : json(p.fixed->integer);
    j["value"] = decided(*p.value, v);
  }
  if (p.initializes) j["initializes"] = decided(*p.initializes, p.initializes->value);
  if (p.out_owned_by) j["owned_by"] = decided(*p.out_owned_by, p.out_owned_by->value);
  if (p.adopted_by) j["adopted_by"] = decided(*p.adopted_by, p.adopted_by->value);
  if (p.made_by) j["made_by"] = decided(*p.made_by, p.made_by->value);
  return j;
}

json function_contract(const FunctionContract* fc) {
  json j = {{"params", json::object()}, {"returns", json::object()}};
  if (!fc) return j;
  for (const auto& [name, p] : fc->params) {
    json pj = param_contract(p);
    if (!pj.empty()) j["params"][name] = pj;
  }
  const ReturnContract& r = fc->ret;
  json& rj = j["returns"];
  if (r.owned_by) rj["owned_by"] = decided(*r.owned_by, r.owned_by->value);
  if (r.borrowed_from) rj["borrowed_from"] = decided(*r.borrowed_from, r.borrowed_from->value);
  if (r.is_static) rj["static"] = decided(*r.is_static, r.is_static->value);
  if (r.nullable) rj["nullable"] = decided(*r.nullable, r.nullable->value);
  if (r.handle) rj["handle"] = decided(*r.handle, r.handle->value);
  if (r.success) rj["success"] = decided(*r.success, r.success->value);
  if (r.failure) rj["failure"] = decided(*r.failure, r.failure->value);
  if (r.cstring) rj["cstring"] = decided(*r.cstring, r.cstring->value);
  if (fc->requires_calls) j["requires"] = decided(*fc->requires_calls, fc->requires_calls->value);
  if (fc->skip) j["skip"] = decided(*fc->skip, fc->skip->value);
  if (fc->init_once) j["init_once"] = decided(*fc->init_once, fc->init_once->value);
  if (fc->once) j["once"] = decided(*fc->once, fc->once->value);
  if (fc->excludes) j["excludes"] = decided(*fc->excludes, fc->excludes->value);
  if (fc->released_on_failure) j["released_on_failure"] = decided(*fc->released_on_failure, fc->released_on_failure->value);
  return j;
}

}  // namespace

json inspect_json(const LoadedTarget& target, const std::optional<std::set<std::string>>& exports,
                  const std::vector<campaign::SkippedFunction>& would_skip) {
  const ApiModel& m = target.api;
  json doc;
  doc["version"] = kInspectJsonVersion;
  doc["library"] = target.options.lib.empty() ? json(nullptr) : json(target.options.lib);
  doc["headers"] = m.headers;
  doc["lang"] = target.options.lang;

  json functions = json::array(), skipped = json::array(), missing = json::array();
  for (const Function& f : m.functions) {
    json fj = {{"name", f.name}, {"decl", loc(f.decl)}, {"return", type_ref(m, f.ret)}, {"variadic", f.variadic}};
    json params = json::array();
    for (const Param& p : f.params) params.push_back({{"name", p.name}, {"type", type_ref(m, p.type)}});
    fj["params"] = params;
    fj["skip_reason"] = f.skip_reason ? json(*f.skip_reason) : json(nullptr);
    if (exports) fj["exported"] = exports->count(f.name) > 0;
    else fj["exported"] = nullptr;
    const FunctionContract* fc = target.contracts.find(f.name);
    fj["contract"] = function_contract(fc);
    if (exports && !exports->count(f.name) && !f.skip_reason) missing.push_back(f.name);
    functions.push_back(fj);
  }
  doc["functions"] = functions;
  // What a fuzz run skips, with the reason it prints (campaign/skipped_functions.h).
  for (const campaign::SkippedFunction& f : would_skip)
    skipped.push_back({{"name", f.name}, {"reason", f.reason}, {"source", f.source}});
  doc["skipped"] = skipped;
  doc["missing_from_library"] = exports ? missing : json(nullptr);

  json records = json::array(), enums = json::array(), types = json::array();
  for (TypeId id = 0; id < m.types.size(); ++id) {
    const Type& t = m.type(id);
    json tj = type_json(m, id);
    types.push_back(tj);
    if (t.is_const) continue;  // a const use of a record repeats its layout
    if (t.kind == TypeKind::Struct || t.kind == TypeKind::Union) records.push_back(tj);
    if (t.kind == TypeKind::Enum) enums.push_back(tj);
  }
  doc["records"] = records;
  doc["enums"] = enums;
  doc["types"] = types;

  json conflicts = json::array();
  for (const Conflict& c : target.contracts.conflicts)
    conflicts.push_back({{"function", c.function},
                         {"param", c.param.empty() ? json(nullptr) : json(c.param)},
                         {"what", c.what},
                         {"winner", {{"source", to_string(c.winner.source)}, {"detail", c.winner.detail}}},
                         {"loser", {{"source", to_string(c.loser.source)}, {"detail", c.loser.detail}}},
                         {"message", c.message}});
  doc["conflicts"] = conflicts;
  return doc;
}

}  // namespace ffifuzz::cli
