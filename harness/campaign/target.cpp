#include "campaign/target.h"

#include <filesystem>

#include "contract/config_file.h"
#include "contract/merge.h"
#include "contract/naming.h"
#include "contract/toml_contract.h"
#include "header/parse_header.h"
#include "model/error.h"

namespace ffifuzz::campaign {
namespace {

namespace fs = std::filesystem;

TargetOptions with_config(const TargetOptions& cli, const contract::ConfigFile& cfg) {
  TargetOptions o = cli;
  if (o.lib.empty()) o.lib = cfg.lib;
  if (o.headers.empty()) o.headers = cfg.headers;
  if (o.contract.empty()) o.contract = cfg.contract;
  if (o.target.empty()) o.target = cfg.target;
  // --lang defaults to "c": the config's value counts unless the command line changed it.
  if (o.lang == "c" && !cfg.lang.empty()) o.lang = cfg.lang;
  auto prepend = [](std::vector<std::string>& into, const std::vector<std::string>& first) {
    into.insert(into.begin(), first.begin(), first.end());
  };
  prepend(o.include_dirs, cfg.include_dirs);
  prepend(o.defines, cfg.defines);
  prepend(o.pre_includes, cfg.pre_includes);
  return o;
}



// Contract `value`s are C expressions ("ZLIB_VERSION", "sizeof(z_stream)"): evaluated once,
// all together, against the header.
void evaluate_values(const header::ParseOptions& po, model::Contracts& contracts) {
  std::vector<std::string> exprs, where;
  std::vector<std::optional<model::FixedValue>*> into;
  auto want = [&](const std::optional<model::Decided<std::string>>& value, std::optional<model::FixedValue>& fixed) {
    if (!value) return;
    exprs.push_back(value->value);
    where.push_back(value->origin.detail);  // "c.toml:12": a bad value is reported there
    into.push_back(&fixed);
  };
  for (auto& [name, fc] : contracts.functions)
    for (auto& [pname, pc] : fc.params) want(pc.value, pc.fixed);
  for (auto& [name, tc] : contracts.types)
    for (auto& [fname, field] : tc.fields) want(field.value, field.fixed);
  std::vector<model::FixedValue> values = header::evaluate_expressions(po, exprs, where);
  for (size_t i = 0; i < values.size(); ++i) *into[i] = values[i];
}

}  // namespace

LoadedTarget load_target(const TargetOptions& given) {
  LoadedTarget out;
  std::optional<contract::ConfigFile> config;
  if (!given.config.empty()) config = contract::read_config_file(given.config);
  out.options = config && !given.config_target_applied ? with_config(given, *config) : given;
  const TargetOptions& o = out.options;

  // A path the config gave that is not there: said at the config's line (docs/config.md).
  if (config && !given.config_target_applied) {
    auto missing = [&](const std::string& key, const std::string& path, const char* what) {
      std::error_code ec;
      auto at = config->where.find(key);
      if (path.empty() || fs::exists(path, ec) || at == config->where.end()) return;
      throw InputError(at->second + ": " + key + " " + path + ": no such " + what +
                       " (a relative path is relative to the config file's folder)");
    };
    if (given.lib.empty()) missing("target.lib", o.lib, "library");
    if (given.contract.empty()) missing("target.contract", o.contract, "contract file");
    if (given.headers.empty())
      for (const std::string& h : o.headers) missing(config->where.count("target.header") ? "target.header" : "target.headers", h, "header");
  }
  if (o.lib.empty() && o.lib_required)
    throw InputError("no library given; pass --lib libfoo.so (or set target.lib in the --config file)");
  if (!o.lib.empty()) {
    std::error_code ec;
    if (!fs::exists(o.lib, ec)) throw InputError(o.lib + ": no such library; pass the built .so with --lib");
    if (fs::is_directory(o.lib, ec)) throw InputError(o.lib + ": is a directory; pass the built .so with --lib");
  }
  if (o.headers.empty())
    throw InputError("no header given; pass the library's header with --header foo.h (or target.header in --config)");
  if (!o.contract.empty() && !fs::exists(o.contract))  // fail before the slow parse
    throw InputError(o.contract + ": no such contract file; check --contract");

  header::ParseOptions po;
  po.headers = o.headers;
  po.lang = o.lang;
  po.include_dirs = o.include_dirs;
  po.defines = o.defines;
  po.pre_includes = o.pre_includes;
  po.target = o.target;
  header::ParsedHeader parsed = header::parse_header(po);

  // Strongest first: the contract file, the config's inline contracts, header attributes,
  // doc-comment tags, naming.
  std::vector<model::Contracts> sources;
  if (!o.contract.empty()) sources.push_back(contract::read_contract_file(o.contract, parsed.model));
  if (config)
    sources.push_back(contract::read_contract_text(config->text, config->path, parsed.model, /*config_sections=*/true));
  sources.push_back(parsed.attributes);
  sources.push_back(parsed.doc_comments);
  std::error_code ec;
  if (!o.learned.empty() && fs::exists(o.learned, ec))
    sources.push_back(contract::read_contract_file(o.learned, parsed.model));
  sources.push_back(contract::infer_from_names(parsed.model));
  out.contracts = contract::merge_contracts(parsed.model, sources);
  evaluate_values(po, out.contracts);
  out.api = std::move(parsed.model);
  return out;
}


std::string absolute_path(const std::string& p) { return p.empty() ? p : std::filesystem::absolute(p).string(); }

TargetOptions with_absolute_paths(TargetOptions t) {
  t.config = absolute_path(t.config);
  t.lib = absolute_path(t.lib);
  t.contract = absolute_path(t.contract);
  t.learned = absolute_path(t.learned);
  for (std::string& h : t.headers) h = absolute_path(h);
  for (std::string& d : t.include_dirs) d = absolute_path(d);
  // A file to include first is a path only when it names a file from here; otherwise it is
  // a header's name for the include path, as with clang's -include (--include stdio.h).
  for (std::string& f : t.pre_includes) {
    std::error_code ec;
    if (std::filesystem::exists(f, ec)) f = absolute_path(f);
  }
  return t;
}

}  // namespace ffifuzz::campaign
