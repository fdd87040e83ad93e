// campaign/target: the library under test as the command line or a --config names it, and
// loading it: the config applied, the header parsed, the contracts merged.
// (cli/target_options adds the options that fill a TargetOptions to a subcommand.)
// May depend on: header, contract, model.
#pragma once

#include <string>
#include <vector>

#include "model/api_model.h"
#include "model/contract.h"

namespace ffifuzz::campaign {

struct TargetOptions {
  std::string config;
  std::string lib;
  std::vector<std::string> headers;
  std::string contract;
  // What a fuzz run learned (OUT/learned.toml): a contract source between what the header
  // states and naming (docs/contracts.md, "Learning"). Empty, or a file not there yet: none.
  std::string learned;
  std::string lang = "c";
  std::vector<std::string> include_dirs;
  std::vector<std::string> defines;
  std::vector<std::string> pre_includes;
  std::string target;
  // The [target] settings of `config` are in these options already: only its inline contracts
  // are read. A finding folder's copy of the config (folder_contracts.h), whose relative paths
  // would resolve against the folder, is read so.
  bool config_target_applied = false;
  bool lib_required = false;  // the command cannot run without a library
};

struct LoadedTarget {
  TargetOptions options;        // after merging --config
  model::ApiModel api;
  model::Contracts contracts;   // merged from every source, with conflicts recorded
};

// Applies --config, checks that the files exist, parses the header, merges the contracts.
// Command-line values win over the --config file: a scalar given on the command line
// replaces the config's, a list given on the command line is appended to the config's.
// Throws InputError on bad input.
LoadedTarget load_target(const TargetOptions& options);

// The same options with every path made absolute: workers run in other folders, where a
// relative path would be looked up.
TargetOptions with_absolute_paths(TargetOptions options);
std::string absolute_path(const std::string& path);  // empty stays empty

}  // namespace ffifuzz::campaign
