// ffifuzz.toml (docs/config.md): the [target] settings the nightly job would otherwise pass
// on the command line, plus inline contracts under [functions.NAME]. Other commands' tables
// ([fuzz], [check], [report]) are theirs to read; [ci] is read here too (CiSettings).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace ffifuzz::contract {

// [ci]: the nightly job's settings (docs/ci.md); relative paths resolved like [target]'s.
// Empty / negative: not set (the command line or the command's default decides).
struct CiSettings {
  std::string out;            // where the reports go
  std::string corpus;         // the corpus kept from run to run
  std::string known_findings;  // finding folders of earlier runs, replayed every run
  std::string baseline;       // baseline.json: accepted findings
  std::string time;           // "30m", "1h", "1800"
  std::string time_where;     // "ffifuzz.toml:12": where time was set, for its error message
  int jobs = -1;
  int minimize_budget = -1;
  std::vector<std::string> seed_corpora;  // read-only extra inputs
};

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
  CiSettings ci;
  // Where each key was set ("target.lib" -> "ffifuzz.toml:3"): a value found wrong only when
  // it is used (a path that does not exist) is reported there, not as an option's.
  std::map<std::string, std::string> where;
};

// Throws InputError naming file:line and key for a missing file, bad TOML, an unknown key or
// a wrong type.
ConfigFile read_config_file(const std::string& path);

}  // namespace ffifuzz::contract
