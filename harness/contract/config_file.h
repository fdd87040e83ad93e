// ffifuzz.toml (docs/config.md): the [target] settings the nightly job would otherwise pass
// on the command line, plus inline contracts under [functions.NAME]. Other commands' tables
// ([fuzz], [check], [ci], [report]) are theirs to read.
#pragma once

#include <string>
#include <vector>

namespace ffifuzz::contract {

struct ConfigFile {
  std::string path;
  std::string text;  // the whole file, for reading its [functions] as contracts
  // [target]; relative paths already resolved against the config file's folder.
  std::string lib;
  std::vector<std::string> headers;
  std::string contract;
  std::string lang;  // empty: not set
  std::vector<std::string> include_dirs;
  std::vector<std::string> defines;
  std::vector<std::string> pre_includes;
  std::string target;
};

// Throws InputError naming file:line and key for a missing file, bad TOML, an unknown key or
// a wrong type.
ConfigFile read_config_file(const std::string& path);

}  // namespace ffifuzz::contract
