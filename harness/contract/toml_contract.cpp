#include "contract/toml_contract.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "contract/naming.h"
#include "model/error.h"

namespace ffifuzz::contract {
namespace {

using model::Decided;
using model::Origin;

const char* type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    default: return "a date/time";
  }
}

// One error of a contract file. Thrown by Reader::fail and caught by the loop over the keys
// of the table it is in, so that reading goes on and a file's errors are reported together.
struct KeyError {
  size_t line;
  std::string message;
};

class Reader {
 public:
  Reader(const std::string& path, const model::ApiModel& api, model::ContractSource source = model::ContractSource::TomlFile)
      : path_(path), api_(api), source_(source) {}

  [[noreturn]] void fail(const toml::source_region& where, const std::string& what) const {
    throw KeyError{where.begin.line, path_ + ":" + std::to_string(where.begin.line) + ": " + what + " (see docs/contracts.md)"};
  }

  // Runs `read` (one key, or one table entry), keeping its error and going on.
  template <class F>
  void guarded(F&& read) const {
    try {
      read();
    } catch (const KeyError& e) {
      errors_.push_back(e);
    }
  }

  // Every error of the file, one a line in file order, as one InputError.
  void throw_errors() const {
    if (errors_.empty()) return;
    std::vector<KeyError> sorted = errors_;
    std::stable_sort(sorted.begin(), sorted.end(), [](const KeyError& a, const KeyError& b) { return a.line < b.line; });
    std::string all;
    for (const KeyError& e : sorted) all += (all.empty() ? "" : "\n") + e.message;
    throw InputError(all);
  }

  // A key naming a function (owned_by, requires, excludes, destroy): the header must declare
  // it, or the decision would be dropped silently (the function it is about skipped).
  // `free_allowed`: owned_by may name the C library's free().
  const std::string& want_function_name(const toml::node& n, const std::string& key, bool free_allowed) const {
    const std::string& name = want_string(n, key);
    if (!(free_allowed && name == "free") && !api_.find_function(name))
      fail(n.source(), "'" + key + "': function '" + name + "' is not declared in the header" +
                           (free_allowed ? " (nor is it \"free\", the C library's)" : ""));
    return name;
  }
  std::vector<std::string> want_function_names(const toml::node& v, const std::string& key) const {
    const toml::array* a = v.as_array();
    if (!a) fail(v.source(), "'" + key + "' must be an array of function names, not " + type_name(v));
    std::vector<std::string> names;
    for (const toml::node& n : *a) guarded([&] { names.push_back(want_function_name(n, key, false)); });
    return names;
  }

  // One parameter name, or an array of them.
  std::vector<std::string> want_param_names(const toml::node& v, const std::string& key) const {
    if (v.is_string()) return {v.ref<std::string>()};
    const toml::array* a = v.as_array();
    if (!a) fail(v.source(), "'" + key + "' must be a parameter name or an array of them, not " + type_name(v));
    std::vector<std::string> names;
    for (const toml::node& n : *a) names.push_back(want_string(n, key));
    return names;
  }

  Origin origin(const toml::source_region& where) const {
    return Origin{source_, path_ + ":" + std::to_string(where.begin.line)};
  }

  const std::string& want_string(const toml::node& n, const std::string& key) const {
    if (!n.is_string()) fail(n.source(), "'" + key + "' must be a string, not " + type_name(n));
    return n.ref<std::string>();
  }
  bool want_bool(const toml::node& n, const std::string& key) const {
    if (!n.is_boolean()) fail(n.source(), "'" + key + "' must be true or false, not " + type_name(n));
    return n.ref<bool>();
  }
  const toml::table& want_table(const toml::node& n, const std::string& key) const {
    if (!n.is_table()) fail(n.source(), "'" + key + "' must be a table, not " + type_name(n));
    return *n.as_table();
  }

  const model::Function& want_function(const toml::key& k) const {
    const model::Function* f = api_.find_function(std::string(k.str()));
    if (!f) fail(k.source(), "function '" + std::string(k.str()) + "' is not declared in the header");
    return *f;
  }
  void want_param(const model::Function& f, const std::string& name, const toml::source_region& where,
                  const std::string& key) const {
    std::string list;
    for (size_t i = 0; i < f.params.size(); ++i) {
      const std::string shown = param_key(f, i);  // as `inspect` shows it
      if (shown == name) return;
      list += (list.empty() ? "" : ", ") + shown;
    }
    fail(where, "'" + key + "': function '" + f.name + "' has no parameter '" + name + "' (its parameters: " +
                    (list.empty() ? "none" : list) + ")");
  }

  // A `value`: a C expression in a string ("ZLIB_VERSION", "sizeof(z_stream)") or an integer.
  std::string want_expression(const toml::node& n, const std::string& key) const {
    if (n.is_integer()) return std::to_string(n.ref<int64_t>());
    if (n.is_boolean()) return n.ref<bool>() ? "1" : "0";
    if (!n.is_string()) fail(n.source(), "'" + key + "' must be a C expression in a string or an integer, not " + type_name(n));
    if (n.ref<std::string>().empty()) fail(n.source(), "'" + key + "' is empty");
    return n.ref<std::string>();
  }

  const model::Type& want_record(const toml::key& k) const {
    std::optional<model::TypeId> id = api_.find_type(std::string(k.str()));
    if (!id || (api_.type(*id).kind != model::TypeKind::Struct && api_.type(*id).kind != model::TypeKind::Union))
      fail(k.source(), "type '" + std::string(k.str()) + "' is not a struct or union the header declares");
    return api_.type(*id);
  }

  void want_field(const model::Type& t, const std::string& name, const toml::source_region& where,
                  const std::string& key) const {
    std::string list;
    for (const model::Field& f : t.fields) {
      if (f.name == name) return;
      list += (list.empty() ? "" : ", ") + f.name;
    }
    fail(where, "'" + key + "': " + t.name + " has no field '" + name + "' (its fields: " + (list.empty() ? "none" : list) + ")");
  }

  void read_type(const toml::table& t, const std::string& prefix, const model::Type& type,
                 model::TypeContract& tc) const {
    for (auto&& [k, v] : t) guarded([&, &k = k, &v = v] {
      const std::string key(k.str());
      const std::string full = prefix + "." + key;
      const Origin o = origin(k.source());
      if (key == "refcount") {
        const std::string& field = want_string(v, full);
        want_field(type, field, v.source(), full);
        tc.refcount_field = Decided<std::string>{field, o};
      } else if (key == "destroy") {
        tc.destroy = Decided<std::string>{want_function_name(v, full, false), o};
      } else if (key == "base") {
        tc.base = Decided<bool>{want_bool(v, full), o};
      } else if (key == "fields") {
        for (auto&& [fk, fv] : want_table(v, full)) guarded([&, &fk = fk, &fv = fv] {
          const std::string fname(fk.str());
          want_field(type, fname, fk.source(), full + "." + fname);
          read_field(want_table(fv, full + "." + fname), full + "." + fname, type, tc.fields[fname]);
        });
      } else {
        fail(k.source(), "unknown key '" + full + "'; expected refcount, destroy, base or fields");
      }
    });
    if (t.contains("refcount") != t.contains("destroy"))  // (a bad value of one is its own error)
      fail(t.source(), "'" + prefix + "': refcount and destroy go together");
  }

  void read_field(const toml::table& t, const std::string& prefix, const model::Type& type,
                  model::FieldContract& fc) const {
    for (auto&& [k, v] : t) guarded([&, &k = k, &v = v] {
      const std::string key(k.str());
      const std::string full = prefix + "." + key;
      const Origin o = origin(k.source());
      if (key == "len") {
        const std::string& other = want_string(v, full);
        want_field(type, other, v.source(), full);
        fc.len = Decided<std::string>{other, o};
      } else if (key == "len_unit") {
        const std::string& u = want_string(v, full);
        if (u != "bytes" && u != "elements") fail(v.source(), "'" + full + "' must be \"bytes\" or \"elements\"");
        fc.len_unit = Decided<model::LenUnit>{u == "bytes" ? model::LenUnit::Bytes : model::LenUnit::Elements, o};
      } else if (key == "out") {
        if (want_bool(v, full)) fc.direction = Decided<model::Direction>{model::Direction::Out, o};
      } else if (key == "in") {
        if (want_bool(v, full)) fc.direction = Decided<model::Direction>{model::Direction::In, o};
      } else if (key == "value") {
        fc.value = Decided<std::string>{want_expression(v, full), o};
      } else {
        fail(k.source(), "unknown key '" + full + "'; expected len, len_unit, in, out or value");
      }
    });
    if (!fc.len && !fc.value) fail(t.source(), "'" + prefix + "' needs len or value");
  }

  void read_returns(const toml::table& t, const std::string& prefix, const model::Function& f,
                    model::ReturnContract& r) const {
    for (auto&& [k, v] : t) guarded([&, &k = k, &v = v] {
      const std::string key(k.str());
      const std::string full = prefix + "." + key;
      if (key == "owned_by") r.owned_by = Decided<std::string>{want_function_name(v, full, true), origin(k.source())};
      else if (key == "borrowed_from") {
        const std::string& p = want_string(v, full);
        want_param(f, p, v.source(), full);
        r.borrowed_from = Decided<std::string>{p, origin(k.source())};
      } else if (key == "static") r.is_static = Decided<bool>{want_bool(v, full), origin(k.source())};
      else if (key == "nullable") r.nullable = Decided<bool>{want_bool(v, full), origin(k.source())};
      else if (key == "nonnull") r.nullable = Decided<bool>{!want_bool(v, full), origin(k.source())};
      else if (key == "success") {
        if (!v.is_integer()) fail(v.source(), "'" + full + "' must be an integer, not " + type_name(v));
        r.success = Decided<int64_t>{v.ref<int64_t>(), origin(k.source())};
      } else if (key == "failure") {
        if (!v.is_integer()) fail(v.source(), "'" + full + "' must be an integer, not " + type_name(v));
        r.failure = Decided<int64_t>{v.ref<int64_t>(), origin(k.source())};
      } else if (key == "cstring") r.cstring = Decided<bool>{want_bool(v, full), origin(k.source())};
      else fail(k.source(), "unknown key '" + full + "'; expected owned_by, borrowed_from, static, nullable, nonnull, success, failure or cstring");
    });
  }

  // `f` is null for [params.NAME], which applies to every function with such a parameter.
  void read_param(const toml::table& t, const std::string& prefix, const model::Function* f,
                  model::ParamContract& p) const {
    std::optional<model::TypeId> param_type;  // known for a function's own parameter
    if (f)
      for (size_t i = 0; i < f->params.size(); ++i)
        if (param_key(*f, i) == prefix.substr(prefix.rfind('.') + 1)) param_type = f->params[i].type;
    std::optional<model::LenUnit> unit;
    toml::source_region unit_where;
    for (auto&& [k, v] : t) guarded([&, &k = k, &v = v] {
      const std::string key(k.str());
      const std::string full = prefix + "." + key;
      const Origin o = origin(k.source());
      if (key == "nonnull") p.nullable = Decided<bool>{!want_bool(v, full), o};
      else if (key == "nullable") p.nullable = Decided<bool>{want_bool(v, full), o};
      else if (key == "len" && v.is_boolean()) {
        // len = false: not a buffer with a length, whatever the names suggest.
        if (v.ref<bool>()) fail(v.source(), "'" + full + "' takes a parameter name, or false");
        p.len = Decided<model::LenSpec>{{"", model::LenUnit::Elements}, o};
      } else if (key == "len") {
        const std::string& n = want_string(v, full);
        if (f) want_param(*f, n, v.source(), full);
        p.len = Decided<model::LenSpec>{{n, model::LenUnit::Elements}, o};
      } else if (key == "len_unit") {
        const std::string& u = want_string(v, full);
        if (u != "bytes" && u != "elements") fail(v.source(), "'" + full + "' must be \"bytes\" or \"elements\"");
        unit = u == "bytes" ? model::LenUnit::Bytes : model::LenUnit::Elements;
        unit_where = k.source();
      } else if (key == "cstring") p.cstring = Decided<bool>{want_bool(v, full), o};
      else if (key == "size") {
        if (!v.is_integer() || v.ref<int64_t>() <= 0 || v.ref<int64_t>() > (1 << 20))
          fail(v.source(), "'" + full + "' must be a number of bytes from 1 to 1048576");
        p.size = Decided<uint64_t>{static_cast<uint64_t>(v.ref<int64_t>()), o};
      } else if (key == "path") p.path = Decided<bool>{want_bool(v, full), o};
      else if (key == "out") {
        if (want_bool(v, full)) p.direction = Decided<model::Direction>{model::Direction::Out, o};
      } else if (key == "inout") {
        if (want_bool(v, full)) p.direction = Decided<model::Direction>{model::Direction::InOut, o};
      } else if (key == "in") {
        if (want_bool(v, full)) p.direction = Decided<model::Direction>{model::Direction::In, o};
      } else if (key == "handle") p.handle = Decided<std::string>{want_string(v, full), o};
      else if (key == "range") {
        const toml::array* a = v.as_array();
        if (!a || a->size() != 2 || !(*a)[0].is_number() || !(*a)[1].is_number())
          fail(v.source(), "'" + full + "' must be [min, max] with two numbers");
        if ((*a)[0].is_integer() && (*a)[1].is_integer()) {
          model::IntRange r{(*a)[0].ref<int64_t>(), (*a)[1].ref<int64_t>()};
          if (r.min > r.max) fail(v.source(), "'" + full + "': min is greater than max");
          p.range = Decided<model::IntRange>{r, o};
        } else {
          // [0.0, 1.0]: a float or double parameter's values.
          auto real = [](const toml::node& n) { return n.is_integer() ? static_cast<double>(n.ref<int64_t>()) : n.ref<double>(); };
          model::RealRange r{real((*a)[0]), real((*a)[1])};
          if (!(r.min <= r.max)) fail(v.source(), "'" + full + "': min is greater than max");
          if (param_type && api_.type(*param_type).kind != model::TypeKind::Float)
            fail(v.source(), "'" + full + "' has a fractional bound: only a float or double parameter takes one");
          p.real_range = Decided<model::RealRange>{r, o};
        }
      } else if (key == "value") {
        p.value = Decided<std::string>{want_expression(v, full), o};
      } else if (key == "initializes") {
        p.initializes = Decided<bool>{want_bool(v, full), o};
      } else if (key == "owned_by") {
        p.out_owned_by = Decided<std::string>{want_function_name(v, full, true), o};
      } else if (key == "adopted_by") {
        const std::string& other = want_string(v, full);
        // "return": the function's result keeps this object (docs/contracts.md).
        if (f && other != "return") want_param(*f, other, v.source(), full);
        p.adopted_by = Decided<std::string>{other, o};
      } else if (key == "made_by") {
        p.made_by = Decided<std::vector<std::string>>{want_function_names(v, full), o};
      } else {
        fail(k.source(), "unknown key '" + full +
                             "'; expected nonnull, nullable, len, len_unit, cstring, size, path, in, out, inout, handle, range, "
                             "value, initializes, owned_by, adopted_by or made_by");
      }
    });
    if (unit) {
      if (!p.len) fail(unit_where, "'" + prefix + ".len_unit' needs 'len' in the same table");
      p.len->value.unit = *unit;
    }
  }

  void read_function(const toml::table& t, const std::string& prefix, const model::Function& f,
                     model::FunctionContract& fc) const {
    for (auto&& [k, v] : t) guarded([&, &k = k, &v = v] {
      const std::string key(k.str());
      const std::string full = prefix + "." + key;
      const Origin o = origin(k.source());
      if (key == "returns") {
        read_returns(want_table(v, full), full, f, fc.ret);
      } else if (key == "params") {
        for (auto&& [pk, pv] : want_table(v, full)) guarded([&, &pk = pk, &pv = pv] {
          const std::string pname(pk.str());
          want_param(f, pname, pk.source(), full + "." + pname);
          read_param(want_table(pv, full + "." + pname), full + "." + pname, &f, fc.params[pname]);
        });
      } else if (key == "requires") {
        fc.requires_calls = Decided<std::vector<std::string>>{want_function_names(v, full), o};
      } else if (key == "releases") {
        const std::string& p = want_string(v, full);
        want_param(f, p, v.source(), full);
        fc.params[p].releases = Decided<bool>{true, o};
      } else if (key == "releases_nothing") {
        // Not a releaser, whatever its name says (yaml_emitter_close finishes a stream). A
        // parameter this same table says it releases or steals keeps it, whichever key the
        // table lists first (yajl_free_error(hand, str) frees str, not the handle).
        if (want_bool(v, full))
          for (size_t i = 0; i < f.params.size(); ++i) {
            // (One file's contracts are read here: a `true` already set is this table's.)
            std::optional<Decided<bool>>& r = fc.params[param_key(f, i)].releases;
            if (!(r && r->value)) r = Decided<bool>{false, o};
          }
      } else if (key == "steals") {
        // Takes over the caller's reference (json_object_set_new): for the harness, the same
        // as releasing it; the object may live on inside another. Several parameters as an
        // array (gcry_mpi_point_snatch_set takes x, y and z over).
        for (const std::string& p : want_param_names(v, full)) {
          want_param(f, p, v.source(), full);
          fc.params[p].releases = Decided<bool>{true, o};
        }
      } else if (key == "retains") {
        // Adds a reference to the caller's object (exif_data_ref): one more release owed.
        const std::string& p = want_string(v, full);
        want_param(f, p, v.source(), full);
        fc.params[p].retains = Decided<bool>{true, o};
      } else if (key == "initializes") {
        const std::string& p = want_string(v, full);
        want_param(f, p, v.source(), full);
        fc.params[p].initializes = Decided<bool>{true, o};
      } else if (key == "init_once") {
        fc.init_once = Decided<bool>{want_bool(v, full), o};
      } else if (key == "excludes") {
        fc.excludes = Decided<std::vector<std::string>>{want_function_names(v, full), o};
      } else if (key == "once") {
        fc.once = Decided<bool>{want_bool(v, full), o};
      } else if (key == "released_on_failure") {
        fc.released_on_failure = Decided<bool>{want_bool(v, full), o};
      } else if (key == "skip") {
        fc.skip = Decided<std::string>{want_string(v, full), o};
      } else {
        fail(k.source(), "unknown key '" + full +
                             "'; expected returns, params, requires, releases, releases_nothing, steals, retains, initializes, init_once, once, "
                             "excludes, released_on_failure or skip");
      }
    });
  }

  model::Contracts read(const toml::table& root, bool config_sections) const {
    model::Contracts out;
    for (auto&& [k, v] : root) guarded([&, &k = k, &v = v] {
      const std::string key(k.str());
      if (key == "functions") {
        for (auto&& [fk, fv] : want_table(v, key)) guarded([&, &fk = fk, &fv = fv] {
          const model::Function& f = want_function(fk);
          const std::string prefix = "functions." + f.name;
          read_function(want_table(fv, prefix), prefix, f, out.functions[f.name]);
        });
      } else if (key == "params") {
        for (auto&& [pk, pv] : want_table(v, key)) guarded([&, &pk = pk, &pv = pv] {
          const std::string pname(pk.str());
          read_param(want_table(pv, "params." + pname), "params." + pname, nullptr, out.params_by_name[pname]);
        });
      } else if (key == "types") {
        for (auto&& [tk, tv] : want_table(v, key)) guarded([&, &tk = tk, &tv = tv] {
          const std::string tname(tk.str());
          const model::Type& type = want_record(tk);
          read_type(want_table(tv, "types." + tname), "types." + tname, type, out.types[tname]);
        });
      } else if (!(config_sections && is_config_section(key))) {
        fail(k.source(), "unknown key '" + key + "'; a contract file holds [functions.NAME], [params.NAME] and [types.NAME] tables");
      }
    });
    throw_errors();
    return out;
  }

 private:
  std::string path_;
  const model::ApiModel& api_;
  model::ContractSource source_;
  mutable std::vector<KeyError> errors_;
};

}  // namespace

bool is_config_section(const std::string& key) {
  return key == "target" || key == "fuzz" || key == "check" || key == "ci" || key == "report";
}

model::Contracts read_contract_text(const std::string& text, const std::string& path,
                                    const model::ApiModel& api, bool config_sections) {
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    throw InputError(path + ":" + std::to_string(e.source().begin.line) + ": not valid TOML: " +
                     std::string(e.description()));
  }
  const bool learned = text.rfind(kLearnedHeader, 0) == 0;
  return Reader(path, api, learned ? model::ContractSource::Learned : model::ContractSource::TomlFile)
      .read(root, config_sections);
}

model::Contracts read_contract_file(const std::string& path, const model::ApiModel& api, bool config_sections) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw InputError(path + ": no such contract file; check --contract");
  if (std::filesystem::is_directory(path, ec)) throw InputError(path + ": is a directory, not a contract file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read the contract file (permissions?)");
  std::ostringstream s;
  s << in.rdbuf();
  return read_contract_text(s.str(), path, api, config_sections);
}

}  // namespace ffifuzz::contract
