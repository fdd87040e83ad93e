#include "contract/config_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "contract/toml_contract.h"
#include "model/error.h"

namespace ffifuzz::contract {
namespace {

namespace fs = std::filesystem;

std::string resolve(const fs::path& base, const std::string& p) {
  if (p.empty() || fs::path(p).is_absolute()) return p;
  return (base / p).lexically_normal().string();
}

// A file to include first: beside the config file when it is there, else a header's name
// for the include path (include = ["stdio.h"]), as with clang's -include.
std::string resolve_include(const fs::path& base, const std::string& f) {
  std::string beside = resolve(base, f);
  std::error_code ec;
  return fs::exists(beside, ec) ? beside : f;
}

struct Reader {
  const std::string& path;
  fs::path base;

  [[noreturn]] void fail(const toml::source_region& where, const std::string& what) const {
    throw InputError(path + ":" + std::to_string(where.begin.line) + ": " + what + " (see docs/config.md)");
  }
  std::string string_of(const toml::node& n, const std::string& key) const {
    if (!n.is_string()) fail(n.source(), "'target." + key + "' must be a string");
    return n.ref<std::string>();
  }
  std::vector<std::string> strings_of(const toml::node& n, const std::string& key,
                                      const std::string& section = "target") const {
    if (n.is_string()) return {n.ref<std::string>()};
    const toml::array* a = n.as_array();
    if (!a) fail(n.source(), "'" + section + "." + key + "' must be a string or an array of strings");
    std::vector<std::string> out;
    for (const toml::node& e : *a) {
      if (!e.is_string()) fail(e.source(), "'" + section + "." + key + "' must be an array of strings");
      out.push_back(e.ref<std::string>());
    }
    return out;
  }

  int int_of(const toml::node& n, const std::string& key) const {
    if (!n.is_integer() || n.ref<int64_t>() < 0 || n.ref<int64_t>() > 1000000)
      fail(n.source(), "'ci." + key + "' must be a non-negative integer");
    return static_cast<int>(n.ref<int64_t>());
  }

  void read_ci(const toml::node& v, CiSettings& ci, std::map<std::string, std::string>& where) const {
    const toml::table* t = v.as_table();
    if (!t) fail(v.source(), "'ci' must be a table");
    for (auto&& [tk, value] : *t) {
      const toml::node& tv = value;  // (a structured binding cannot be captured in C++17/clang-14)
      const std::string name(tk.str());
      where["ci." + name] = path + ":" + std::to_string(tv.source().begin.line);
      auto str = [&]() {
        if (!tv.is_string()) fail(tv.source(), "'ci." + name + "' must be a string");
        return tv.ref<std::string>();
      };
      if (name == "out") ci.out = resolve(base, str());
      else if (name == "corpus") ci.corpus = resolve(base, str());
      else if (name == "findings") ci.known_findings = resolve(base, str());
      else if (name == "baseline") ci.baseline = resolve(base, str());
      else if (name == "time") {
        ci.time = tv.is_integer() ? std::to_string(int_of(tv, name)) : str();
        ci.time_where = path + ":" + std::to_string(tv.source().begin.line);
      }
      else if (name == "jobs") ci.jobs = int_of(tv, name);
      else if (name == "minimize_budget") ci.minimize_budget = int_of(tv, name);
      else if (name == "seed_corpus")
        for (const std::string& d : strings_of(tv, name, "ci")) ci.seed_corpora.push_back(resolve(base, d));
      else
        fail(tk.source(), "unknown key 'ci." + name +
                              "'; expected out, corpus, findings, baseline, time, jobs, minimize_budget or seed_corpus");
    }
  }

  void read(const toml::table& root, ConfigFile& c) const {
    for (auto&& [k, v] : root) {
      const std::string key(k.str());
      if (key == "ci") {
        read_ci(v, c.ci, c.where);
        continue;
      }
      if (key == "functions" || (is_config_section(key) && key != "target")) continue;
      if (key != "target")
        fail(k.source(), "unknown key '" + key +
                             "'; expected [target], [functions.NAME] or a command's table ([fuzz], [check], "
                             "[ci], [report])");
      const toml::table* t = v.as_table();
      if (!t) fail(v.source(), "'target' must be a table");
      for (auto&& [tk, tv] : *t) {
        const std::string name(tk.str());
        c.where["target." + name] = path + ":" + std::to_string(tv.source().begin.line);
        if (name == "lib") c.lib = resolve(base, string_of(tv, name));
        else if (name == "header" || name == "headers")
          for (const std::string& h : strings_of(tv, name)) c.headers.push_back(resolve(base, h));
        else if (name == "contract") c.contract = resolve(base, string_of(tv, name));
        else if (name == "lang") {
          c.lang = string_of(tv, name);
          if (c.lang != "c" && c.lang != "c++") fail(tv.source(), "'target.lang' must be \"c\" or \"c++\"");
        } else if (name == "include_dirs")
          for (const std::string& d : strings_of(tv, name)) c.include_dirs.push_back(resolve(base, d));
        else if (name == "defines") c.defines = strings_of(tv, name);
        else if (name == "include")
          for (const std::string& f : strings_of(tv, name)) c.pre_includes.push_back(resolve_include(base, f));
        else if (name == "target") c.target = string_of(tv, name);
        else
          fail(tk.source(), "unknown key 'target." + name +
                                "'; expected lib, header, headers, contract, lang, include_dirs, defines, "
                                "include or target");
      }
    }
  }
};

}  // namespace

ConfigFile read_config_file(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw InputError(path + ": no such config file; check --config");
  if (fs::is_directory(path, ec)) throw InputError(path + ": is a directory, not a config file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read the config file (permissions?)");
  std::ostringstream s;
  s << in.rdbuf();
  ConfigFile c;
  c.path = path;
  c.text = s.str();
  toml::table root;
  try {
    root = toml::parse(c.text, path);
  } catch (const toml::parse_error& e) {
    throw InputError(path + ":" + std::to_string(e.source().begin.line) + ": not valid TOML: " +
                     std::string(e.description()));
  }
  Reader{path, fs::path(path).parent_path()}.read(root, c);
  return c;
}

}  // namespace ffifuzz::contract
