// The options that name a library under test, shared by inspect, check, fuzz, ci and export:
// --lib, --header, --contract, --config, --lang, -I, -D, --include, --target.
// A --config ffifuzz.toml holds the same settings (docs/config.md); command-line values win.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "model/api_model.h"
#include "model/contract.h"

namespace ffifuzz::cli {

struct TargetOptions {
  std::string config;
  std::string lib;
  std::vector<std::string> headers;
  std::string contract;
  std::string lang = "c";
  std::vector<std::string> include_dirs;
  std::vector<std::string> defines;
  std::vector<std::string> pre_includes;
  std::string target;
  bool lib_required = false;  // set by add_target_options: the command needs a library
};

// Adds the options to a subcommand. `need_lib`: the command cannot run without --lib.
void add_target_options(CLI::App* app, TargetOptions& options, bool need_lib);

struct LoadedTarget {
  TargetOptions options;        // after merging --config
  model::ApiModel api;
  model::Contracts contracts;   // merged from every source, with conflicts recorded
};

// Applies --config, checks that the files exist, parses the header, merges the contracts.
// Throws InputError on bad input.
LoadedTarget load_target(const TargetOptions& options);

}  // namespace ffifuzz::cli
