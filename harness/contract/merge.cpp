#include "contract/merge.h"

#include <set>
#include <sstream>

namespace ffifuzz::contract {
namespace {

using model::Conflict;
using model::Decided;
using model::Origin;

std::string show(bool v) { return v ? "true" : "false"; }
std::string show(const std::string& v) { return "\"" + v + "\""; }
std::string show(const model::LenSpec& v) {
  return "\"" + v.param + "\" " + (v.unit == model::LenUnit::Bytes ? "bytes" : "elements");
}
std::string show(model::Direction d) {
  return d == model::Direction::In ? "in" : d == model::Direction::Out ? "out" : "inout";
}
std::string show(int64_t v) { return std::to_string(v); }
std::string show(uint64_t v) { return std::to_string(v); }
std::string show(model::LenUnit u) { return u == model::LenUnit::Bytes ? "bytes" : "elements"; }
std::string show(const model::IntRange& r) { return std::to_string(r.min) + ".." + std::to_string(r.max); }
std::string show(const model::RealRange& r) { return std::to_string(r.min) + ".." + std::to_string(r.max); }
std::string show(const std::vector<std::string>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i];
  return s + "]";
}

bool same(const model::LenSpec& a, const model::LenSpec& b) { return a.param == b.param && a.unit == b.unit; }
bool same(const model::IntRange& a, const model::IntRange& b) { return a.min == b.min && a.max == b.max; }
template <class T>
bool same(const T& a, const T& b) {
  return a == b;
}

std::string describe_origin(const Origin& o) {
  return std::string(model::to_string(o.source)) + " (" + o.detail + ")";
}

class Merger {
 public:
  explicit Merger(model::Contracts& out) : out_(out) {}

  // Keeps `into` if set (it came from a stronger source); records a conflict if `from` differs.
  template <class T>
  void take(std::optional<Decided<T>>& into, const std::optional<Decided<T>>& from, const std::string& fn,
            const std::string& param, const std::string& what) {
    if (!from) return;
    if (!into) {
      into = from;
      return;
    }
    if (same(into->value, from->value)) return;
    conflict(fn, param, what, into->origin, from->origin,
             what + ": " + describe_origin(into->origin) + " says " + show(into->value) + ", " +
                 describe_origin(from->origin) + " says " + show(from->value) + "; the first wins");
  }

  void conflict(const std::string& fn, const std::string& param, const std::string& what, const Origin& winner,
                const Origin& loser, const std::string& message) {
    out_.conflicts.push_back(Conflict{fn, param, what, winner, loser, message});
  }

  // Who owns the returned value is one decision: owned_by, borrowed_from and static exclude
  // each other, so a stronger source stating any of them overrides all three of a weaker one.
  void take_ownership(model::ReturnContract& into, const model::ReturnContract& from, const std::string& fn) {
    const bool into_set = into.owned_by || into.borrowed_from || into.is_static;
    const bool from_set = from.owned_by || from.borrowed_from || from.is_static;
    if (!from_set) return;
    if (!into_set) {
      into.owned_by = from.owned_by;
      into.borrowed_from = from.borrowed_from;
      into.is_static = from.is_static;
      return;
    }
    auto [into_kind, into_origin] = ownership(into);
    auto [from_kind, from_origin] = ownership(from);
    if (into_kind == from_kind) return;
    conflict(fn, "", "ownership", into_origin, from_origin,
             "ownership: " + describe_origin(into_origin) + " says " + into_kind + ", " +
                 describe_origin(from_origin) + " says " + from_kind + "; the first wins");
  }

  void take_new_param_keys(model::ParamContract& into, const model::ParamContract& from, const std::string& fn,
                           const std::string& pname) {
    take(into.value, from.value, fn, pname, "value");
    take(into.initializes, from.initializes, fn, pname, "initializes");
    take(into.out_owned_by, from.out_owned_by, fn, pname, "owned_by");
    take(into.adopted_by, from.adopted_by, fn, pname, "adopted_by");
    take(into.made_by, from.made_by, fn, pname, "made_by");
    take(into.path, from.path, fn, pname, "path");
    take(into.size, from.size, fn, pname, "size");
  }

  static std::pair<std::string, Origin> ownership(const model::ReturnContract& r) {
    if (r.owned_by) return {"owned_by " + r.owned_by->value, r.owned_by->origin};
    if (r.borrowed_from) return {"borrowed_from " + r.borrowed_from->value, r.borrowed_from->origin};
    return {std::string(r.is_static->value ? "static" : "not static"), r.is_static->origin};
  }

 private:
  model::Contracts& out_;
};

void normalise_handles(const model::ApiModel& api, model::Contracts& c) {
  for (auto& [name, fc] : c.functions)
    for (auto& [pname, pc] : fc.params)
      if (pc.handle)
        if (auto id = api.find_type(pc.handle->value)) pc.handle->value = api.type(*id).name;
}

// [params.NAME] entries fill in what a function's own contract for its parameter NAME leaves
// unsaid: the function's own entry is the more specific, so it wins without a conflict.
void apply_params_by_name(const model::ApiModel& api, model::Contracts& c) {
  if (c.params_by_name.empty()) return;
  for (const model::Function& f : api.functions)
    for (const model::Param& p : f.params) {
      auto it = c.params_by_name.find(p.name);
      if (it == c.params_by_name.end()) continue;
      const model::ParamContract& general = it->second;
      model::ParamContract& own = c.functions[f.name].params[p.name];
      auto fill = [](auto& into, const auto& from) {
        if (!into && from) into = from;
      };
      fill(own.nullable, general.nullable);
      fill(own.len, general.len);
      fill(own.cstring, general.cstring);
      fill(own.direction, general.direction);
      fill(own.handle, general.handle);
      fill(own.range, general.range);
      fill(own.real_range, general.real_range);
      fill(own.value, general.value);
      fill(own.initializes, general.initializes);
      fill(own.out_owned_by, general.out_owned_by);
      fill(own.adopted_by, general.adopted_by);
      fill(own.made_by, general.made_by);
      fill(own.path, general.path);
    }
}

}  // namespace

model::Contracts merge_contracts(const model::ApiModel& api, const std::vector<model::Contracts>& sources) {
  model::Contracts out;
  Merger m(out);
  for (const model::Contracts& original : sources) {
    model::Contracts src = original;
    normalise_handles(api, src);
    out.conflicts.insert(out.conflicts.end(), src.conflicts.begin(), src.conflicts.end());
    for (const auto& [fn, from] : src.functions) {
      model::FunctionContract& into = out.functions[fn];
      for (const auto& [pname, pf] : from.params) {
        model::ParamContract& pi = into.params[pname];
        m.take(pi.nullable, pf.nullable, fn, pname, "nullable");
        m.take(pi.len, pf.len, fn, pname, "len");
        m.take(pi.cstring, pf.cstring, fn, pname, "cstring");
        m.take(pi.direction, pf.direction, fn, pname, "direction");
        m.take(pi.handle, pf.handle, fn, pname, "handle");
        m.take(pi.range, pf.range, fn, pname, "range");
        m.take(pi.real_range, pf.real_range, fn, pname, "range");
        m.take(pi.releases, pf.releases, fn, pname, "releases");
        m.take(pi.retains, pf.retains, fn, pname, "retains");
        m.take(pi.length_of, pf.length_of, fn, pname, "length_of");
        m.take_new_param_keys(pi, pf, fn, pname);
      }
      m.take_ownership(into.ret, from.ret, fn);
      m.take(into.ret.nullable, from.ret.nullable, fn, "", "returns.nullable");
      m.take(into.ret.success, from.ret.success, fn, "", "returns.success");
      m.take(into.ret.failure, from.ret.failure, fn, "", "returns.failure");
      m.take(into.ret.cstring, from.ret.cstring, fn, "", "returns.cstring");
      if (from.ret.handle) m.take(into.ret.handle, from.ret.handle, fn, "", "returns.handle");
      m.take(into.requires_calls, from.requires_calls, fn, "", "requires");
      m.take(into.skip, from.skip, fn, "", "skip");
      m.take(into.init_once, from.init_once, fn, "", "init_once");
      m.take(into.once, from.once, fn, "", "once");
      m.take(into.excludes, from.excludes, fn, "", "excludes");
      m.take(into.released_on_failure, from.released_on_failure, fn, "", "released_on_failure");
    }
    for (const auto& [pname, pf] : src.params_by_name) {
      model::ParamContract& pi = out.params_by_name[pname];
      m.take(pi.nullable, pf.nullable, "*", pname, "nullable");
      m.take(pi.len, pf.len, "*", pname, "len");
      m.take(pi.cstring, pf.cstring, "*", pname, "cstring");
      m.take(pi.direction, pf.direction, "*", pname, "direction");
      m.take(pi.handle, pf.handle, "*", pname, "handle");
      m.take(pi.range, pf.range, "*", pname, "range");
      m.take(pi.real_range, pf.real_range, "*", pname, "range");
      m.take_new_param_keys(pi, pf, "*", pname);
    }
    for (const auto& [tname, tf] : src.types) {
      model::TypeContract& ti = out.types[tname];
      m.take(ti.refcount_field, tf.refcount_field, tname, "", "refcount");
      m.take(ti.destroy, tf.destroy, tname, "", "destroy");
      m.take(ti.base, tf.base, tname, "", "base");
      for (const auto& [fname, ff] : tf.fields) {
        model::FieldContract& fi = ti.fields[fname];
        m.take(fi.len, ff.len, tname, fname, "len");
        m.take(fi.len_unit, ff.len_unit, tname, fname, "len_unit");
        m.take(fi.direction, ff.direction, tname, fname, "direction");
        m.take(fi.value, ff.value, tname, fname, "value");
      }
    }
  }
  apply_params_by_name(api, out);
  return out;
}

}  // namespace ffifuzz::contract
