#include "payload/model_json.h"

#include <array>
#include <string_view>

#include "model/error.h"

namespace ffifuzz::payload {
namespace {

using nlohmann::json;

// Enums travel by name: an enum value renumbered in a later ffifuzz cannot silently mean
// something else, it fails to read.
template <class E, size_t N>
std::string enum_name(E value, const std::array<std::string_view, N>& names) {
  auto i = static_cast<size_t>(value);
  if (i >= N) throw std::logic_error("payload: enum value without a name");
  return std::string(names[i]);
}

template <class E, size_t N>
E enum_value(const json& j, const std::array<std::string_view, N>& names) {
  const std::string& s = j.get_ref<const std::string&>();
  for (size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<E>(i);
  throw InputError("unknown enum value '" + s + "'");
}

// In declaration order of the enums in model/.
constexpr std::array<std::string_view, 12> kTypeKinds = {"void",   "bool",  "int",   "float",    "long_double", "enum",
                                                         "pointer", "struct", "union", "array", "function", "unsupported"};
constexpr std::array<std::string_view, 5> kSources = {"toml_file", "header_attribute", "doc_comment", "naming",
                                                      "learned"};
constexpr std::array<std::string_view, 3> kDirections = {"in", "out", "inout"};
constexpr std::array<std::string_view, 2> kLenUnits = {"elements", "bytes"};

json loc_to_json(const model::SourceLoc& l) { return {{"file", l.file}, {"line", l.line}}; }
model::SourceLoc loc_from_json(const json& j) { return {j.at("file").get<std::string>(), j.at("line").get<unsigned>()}; }

json type_to_json(const model::Type& t) {
  json fields = json::array();
  for (const model::Field& f : t.fields)
    fields.push_back({{"name", f.name}, {"type", f.type}, {"offset_bits", f.offset_bits}, {"bit_width", f.bit_width}});
  json enumerators = json::array();
  for (const model::Enumerator& e : t.enumerators) enumerators.push_back({{"name", e.name}, {"value", e.value}});
  return {{"kind", enum_name(t.kind, kTypeKinds)},
          {"name", t.name},
          {"typedef_chain", t.typedef_chain},
          {"size", t.size},
          {"align", t.align},
          {"is_signed", t.is_signed},
          {"is_const", t.is_const},
          {"pointee", t.pointee},
          {"element", t.element},
          {"count", t.count},
          {"complete", t.complete},
          {"packed", t.packed},
          {"fields", fields},
          {"underlying", t.underlying},
          {"enumerators", enumerators},
          {"ret", t.ret},
          {"params", t.params},
          {"variadic", t.variadic},
          {"decl", loc_to_json(t.decl)},
          {"unsupported_reason", t.unsupported_reason}};
}

model::Type type_from_json(const json& j) {
  model::Type t;
  t.kind = enum_value<model::TypeKind>(j.at("kind"), kTypeKinds);
  t.name = j.at("name").get<std::string>();
  t.typedef_chain = j.at("typedef_chain").get<std::vector<std::string>>();
  t.size = j.at("size").get<uint64_t>();
  t.align = j.at("align").get<uint64_t>();
  t.is_signed = j.at("is_signed").get<bool>();
  t.is_const = j.at("is_const").get<bool>();
  t.pointee = j.at("pointee").get<model::TypeId>();
  t.element = j.at("element").get<model::TypeId>();
  t.count = j.at("count").get<uint64_t>();
  t.complete = j.at("complete").get<bool>();
  t.packed = j.at("packed").get<bool>();
  for (const json& f : j.at("fields"))
    t.fields.push_back({f.at("name").get<std::string>(), f.at("type").get<model::TypeId>(),
                        f.at("offset_bits").get<uint64_t>(), f.at("bit_width").get<uint32_t>()});
  t.underlying = j.at("underlying").get<model::TypeId>();
  for (const json& e : j.at("enumerators")) t.enumerators.push_back({e.at("name").get<std::string>(), e.at("value").get<int64_t>()});
  t.ret = j.at("ret").get<model::TypeId>();
  t.params = j.at("params").get<std::vector<model::TypeId>>();
  t.variadic = j.at("variadic").get<bool>();
  t.decl = loc_from_json(j.at("decl"));
  t.unsupported_reason = j.at("unsupported_reason").get<std::string>();
  return t;
}

json function_to_json(const model::Function& f) {
  json params = json::array();
  for (const model::Param& p : f.params) params.push_back({{"name", p.name}, {"type", p.type}});
  json j = {{"name", f.name}, {"ret", f.ret}, {"params", params}, {"variadic", f.variadic}, {"decl", loc_to_json(f.decl)}};
  j["skip_reason"] = f.skip_reason ? json(*f.skip_reason) : json(nullptr);
  j["header_static"] = f.header_static;
  return j;
}

model::Function function_from_json(const json& j) {
  model::Function f;
  f.name = j.at("name").get<std::string>();
  f.ret = j.at("ret").get<model::TypeId>();
  for (const json& p : j.at("params")) f.params.push_back({p.at("name").get<std::string>(), p.at("type").get<model::TypeId>()});
  f.variadic = j.at("variadic").get<bool>();
  f.decl = loc_from_json(j.at("decl"));
  if (!j.at("skip_reason").is_null()) f.skip_reason = j.at("skip_reason").get<std::string>();
  f.header_static = j.value("header_static", false);  // absent in payloads from before it
  return f;
}

json origin_to_json(const model::Origin& o) { return {{"source", enum_name(o.source, kSources)}, {"detail", o.detail}}; }
model::Origin origin_from_json(const json& j) {
  return {enum_value<model::ContractSource>(j.at("source"), kSources), j.at("detail").get<std::string>()};
}

// One optional decision: null when undecided, else {value, origin}. `put` and `get`
// convert the value.
template <class T, class Put>
json decided_to_json(const std::optional<model::Decided<T>>& d, Put put) {
  if (!d) return nullptr;
  return {{"value", put(d->value)}, {"origin", origin_to_json(d->origin)}};
}
template <class T, class Get>
std::optional<model::Decided<T>> decided_from_json(const json& j, Get get) {
  if (j.is_null()) return std::nullopt;
  return model::Decided<T>{get(j.at("value")), origin_from_json(j.at("origin"))};
}

auto plain = [](const auto& v) { return json(v); };
template <class T>
auto as() {
  return [](const json& j) { return j.get<T>(); };
}

json len_to_json(const model::LenSpec& l) { return {{"param", l.param}, {"unit", enum_name(l.unit, kLenUnits)}}; }
model::LenSpec len_from_json(const json& j) {
  return {j.at("param").get<std::string>(), enum_value<model::LenUnit>(j.at("unit"), kLenUnits)};
}
json range_to_json(const model::IntRange& r) { return {{"min", r.min}, {"max", r.max}}; }
model::IntRange range_from_json(const json& j) { return {j.at("min").get<int64_t>(), j.at("max").get<int64_t>()}; }
json real_range_to_json(const model::RealRange& r) { return {{"min", r.min}, {"max", r.max}}; }
model::RealRange real_range_from_json(const json& j) { return {j.at("min").get<double>(), j.at("max").get<double>()}; }
json direction_to_json(model::Direction d) { return enum_name(d, kDirections); }
model::Direction direction_from_json(const json& j) { return enum_value<model::Direction>(j, kDirections); }

json fixed_to_json(const std::optional<model::FixedValue>& f) {
  if (!f) return nullptr;
  return {{"is_string", f->is_string}, {"integer", f->integer}, {"text", f->text}};
}
std::optional<model::FixedValue> fixed_from_json(const json& j) {
  if (j.is_null()) return std::nullopt;
  return model::FixedValue{j.at("is_string").get<bool>(), j.at("integer").get<int64_t>(), j.at("text").get<std::string>()};
}
json unit_to_json(model::LenUnit u) { return enum_name(u, kLenUnits); }
model::LenUnit unit_from_json(const json& j) { return enum_value<model::LenUnit>(j, kLenUnits); }

json param_contract_to_json(const model::ParamContract& p) {
  return {{"nullable", decided_to_json(p.nullable, plain)},
          {"len", decided_to_json(p.len, len_to_json)},
          {"cstring", decided_to_json(p.cstring, plain)},
          {"direction", decided_to_json(p.direction, direction_to_json)},
          {"handle", decided_to_json(p.handle, plain)},
          {"range", decided_to_json(p.range, range_to_json)},
          {"real_range", decided_to_json(p.real_range, real_range_to_json)},
          {"releases", decided_to_json(p.releases, plain)},
          {"length_of", decided_to_json(p.length_of, plain)},
          {"value", decided_to_json(p.value, plain)},
          {"fixed", fixed_to_json(p.fixed)},
          {"initializes", decided_to_json(p.initializes, plain)},
          {"out_owned_by", decided_to_json(p.out_owned_by, plain)},
          {"adopted_by", decided_to_json(p.adopted_by, plain)},
          {"path", decided_to_json(p.path, plain)},
          {"size", decided_to_json(p.size, plain)},
          {"retains", decided_to_json(p.retains, plain)},
          {"made_by", decided_to_json(p.made_by, plain)}};
}

model::ParamContract param_contract_from_json(const json& j) {
  model::ParamContract p;
  p.nullable = decided_from_json<bool>(j.at("nullable"), as<bool>());
  p.len = decided_from_json<model::LenSpec>(j.at("len"), len_from_json);
  p.cstring = decided_from_json<bool>(j.at("cstring"), as<bool>());
  p.direction = decided_from_json<model::Direction>(j.at("direction"), direction_from_json);
  p.handle = decided_from_json<std::string>(j.at("handle"), as<std::string>());
  p.range = decided_from_json<model::IntRange>(j.at("range"), range_from_json);
  p.real_range = decided_from_json<model::RealRange>(j.at("real_range"), real_range_from_json);
  p.releases = decided_from_json<bool>(j.at("releases"), as<bool>());
  p.length_of = decided_from_json<std::string>(j.at("length_of"), as<std::string>());
  p.value = decided_from_json<std::string>(j.at("value"), as<std::string>());
  p.fixed = fixed_from_json(j.at("fixed"));
  p.initializes = decided_from_json<bool>(j.at("initializes"), as<bool>());
  p.out_owned_by = decided_from_json<std::string>(j.at("out_owned_by"), as<std::string>());
  p.adopted_by = decided_from_json<std::string>(j.at("adopted_by"), as<std::string>());
  if (j.contains("path")) p.path = decided_from_json<bool>(j.at("path"), as<bool>());
  if (j.contains("size")) p.size = decided_from_json<uint64_t>(j.at("size"), as<uint64_t>());
  if (j.contains("retains")) p.retains = decided_from_json<bool>(j.at("retains"), as<bool>());
  if (j.contains("made_by")) p.made_by = decided_from_json<std::vector<std::string>>(j.at("made_by"), as<std::vector<std::string>>());
  return p;
}

json type_contract_to_json(const model::TypeContract& t) {
  json fields = json::object();
  for (const auto& [name, f] : t.fields)
    fields[name] = {{"len", decided_to_json(f.len, plain)},
                    {"len_unit", decided_to_json(f.len_unit, unit_to_json)},
                    {"direction", decided_to_json(f.direction, direction_to_json)},
                    {"value", decided_to_json(f.value, plain)},
                    {"fixed", fixed_to_json(f.fixed)}};
  return {{"fields", fields},
          {"refcount_field", decided_to_json(t.refcount_field, plain)},
          {"destroy", decided_to_json(t.destroy, plain)},
          {"base", decided_to_json(t.base, plain)}};
}

model::TypeContract type_contract_from_json(const json& j) {
  model::TypeContract t;
  for (const auto& [name, fj] : j.at("fields").items()) {
    model::FieldContract f;
    f.len = decided_from_json<std::string>(fj.at("len"), as<std::string>());
    f.len_unit = decided_from_json<model::LenUnit>(fj.at("len_unit"), unit_from_json);
    f.direction = decided_from_json<model::Direction>(fj.at("direction"), direction_from_json);
    f.value = decided_from_json<std::string>(fj.at("value"), as<std::string>());
    f.fixed = fixed_from_json(fj.at("fixed"));
    t.fields[name] = std::move(f);
  }
  t.refcount_field = decided_from_json<std::string>(j.at("refcount_field"), as<std::string>());
  t.destroy = decided_from_json<std::string>(j.at("destroy"), as<std::string>());
  t.base = decided_from_json<bool>(j.at("base"), as<bool>());
  return t;
}

json return_contract_to_json(const model::ReturnContract& r) {
  return {{"owned_by", decided_to_json(r.owned_by, plain)},
          {"borrowed_from", decided_to_json(r.borrowed_from, plain)},
          {"is_static", decided_to_json(r.is_static, plain)},
          {"nullable", decided_to_json(r.nullable, plain)},
          {"handle", decided_to_json(r.handle, plain)},
          {"success", decided_to_json(r.success, plain)},
          {"failure", decided_to_json(r.failure, plain)},
          {"cstring", decided_to_json(r.cstring, plain)}};
}

model::ReturnContract return_contract_from_json(const json& j) {
  model::ReturnContract r;
  r.owned_by = decided_from_json<std::string>(j.at("owned_by"), as<std::string>());
  r.borrowed_from = decided_from_json<std::string>(j.at("borrowed_from"), as<std::string>());
  r.is_static = decided_from_json<bool>(j.at("is_static"), as<bool>());
  r.nullable = decided_from_json<bool>(j.at("nullable"), as<bool>());
  r.handle = decided_from_json<std::string>(j.at("handle"), as<std::string>());
  r.success = decided_from_json<int64_t>(j.at("success"), as<int64_t>());
  if (j.contains("failure")) r.failure = decided_from_json<int64_t>(j.at("failure"), as<int64_t>());
  if (j.contains("cstring")) r.cstring = decided_from_json<bool>(j.at("cstring"), as<bool>());
  return r;
}

}  // namespace

json api_to_json(const model::ApiModel& api) {
  json types = json::array(), functions = json::array();
  for (const model::Type& t : api.types) types.push_back(type_to_json(t));
  for (const model::Function& f : api.functions) functions.push_back(function_to_json(f));
  return {{"types", types}, {"functions", functions}, {"headers", api.headers}};
}

model::ApiModel api_from_json(const json& j) {
  model::ApiModel api;
  for (const json& t : j.at("types")) api.types.push_back(type_from_json(t));
  for (const json& f : j.at("functions")) api.functions.push_back(function_from_json(f));
  api.headers = j.at("headers").get<std::vector<std::string>>();
  return api;
}

json contracts_to_json(const model::Contracts& c) {
  json functions = json::object();
  for (const auto& [name, fc] : c.functions) {
    json params = json::object();
    for (const auto& [p, pc] : fc.params) params[p] = param_contract_to_json(pc);
    functions[name] = {{"params", params},
                       {"ret", return_contract_to_json(fc.ret)},
                       {"requires_calls", decided_to_json(fc.requires_calls, plain)},
                       {"skip", decided_to_json(fc.skip, plain)},
                       {"init_once", decided_to_json(fc.init_once, plain)},
                       {"once", decided_to_json(fc.once, plain)},
                       {"excludes", decided_to_json(fc.excludes, plain)},
                       {"released_on_failure", decided_to_json(fc.released_on_failure, plain)}};
  }
  json params_by_name = json::object(), types = json::object();
  for (const auto& [name, pc] : c.params_by_name) params_by_name[name] = param_contract_to_json(pc);
  for (const auto& [name, tc] : c.types) types[name] = type_contract_to_json(tc);
  json conflicts = json::array();
  for (const model::Conflict& k : c.conflicts)
    conflicts.push_back({{"function", k.function},
                         {"param", k.param},
                         {"what", k.what},
                         {"winner", origin_to_json(k.winner)},
                         {"loser", origin_to_json(k.loser)},
                         {"message", k.message}});
  return {{"functions", functions}, {"conflicts", conflicts}, {"params_by_name", params_by_name}, {"types", types}};
}

model::Contracts contracts_from_json(const json& j) {
  model::Contracts c;
  for (const auto& [name, fj] : j.at("functions").items()) {
    model::FunctionContract fc;
    for (const auto& [p, pj] : fj.at("params").items()) fc.params[p] = param_contract_from_json(pj);
    fc.ret = return_contract_from_json(fj.at("ret"));
    fc.requires_calls = decided_from_json<std::vector<std::string>>(fj.at("requires_calls"), as<std::vector<std::string>>());
    fc.skip = decided_from_json<std::string>(fj.at("skip"), as<std::string>());
    fc.init_once = decided_from_json<bool>(fj.at("init_once"), as<bool>());
    fc.once = decided_from_json<bool>(fj.at("once"), as<bool>());
    fc.excludes = decided_from_json<std::vector<std::string>>(fj.at("excludes"), as<std::vector<std::string>>());
    fc.released_on_failure = decided_from_json<bool>(fj.at("released_on_failure"), as<bool>());
    c.functions[name] = std::move(fc);
  }
  for (const auto& [name, pj] : j.at("params_by_name").items()) c.params_by_name[name] = param_contract_from_json(pj);
  for (const auto& [name, tj] : j.at("types").items()) c.types[name] = type_contract_from_json(tj);
  for (const json& k : j.at("conflicts"))
    c.conflicts.push_back({k.at("function").get<std::string>(), k.at("param").get<std::string>(),
                           k.at("what").get<std::string>(), origin_from_json(k.at("winner")),
                           origin_from_json(k.at("loser")), k.at("message").get<std::string>()});
  return c;
}

}  // namespace ffifuzz::payload
