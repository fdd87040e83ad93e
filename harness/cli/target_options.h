// The options that name a library under test, shared by inspect, check, fuzz, ci and export:
// --lib, --header, --contract, --config, --lang, -I, -D, --include, --target.
// A --config ffifuzz.toml holds the same settings (docs/config.md); command-line values win.
// What they mean, and loading the target they name: campaign/target.h.
#pragma once

#include <CLI/CLI.hpp>

#include "campaign/target.h"

namespace ffifuzz::cli {

using campaign::LoadedTarget;
using campaign::TargetOptions;
using campaign::load_target;

// Adds the options to a subcommand. `need_lib`: the command cannot run without --lib.
void add_target_options(CLI::App* app, TargetOptions& options, bool need_lib);

}  // namespace ffifuzz::cli
