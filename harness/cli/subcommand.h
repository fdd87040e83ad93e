// cli: the `ffifuzz` subcommands. Nothing depends on this folder.
// Each subcommand lives in its own cmd_*.cpp and registers itself with the root App
// through an add_* function listed in main.cpp.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "campaign/exit_codes.h"
#include "cli/target_options.h"

namespace ffifuzz::cli {

// cli is the campaign's front end (docs/ARCHITECTURE.md): its names are used unqualified here.
using namespace ffifuzz::campaign;

struct Subcommand {
  CLI::App* app = nullptr;
  std::function<int()> run;  // returns an ExitCode; may throw InputError (exit 2)
};

Subcommand add_inspect_command(CLI::App& root);  // cmd_inspect.cpp
Subcommand add_check_command(CLI::App& root);    // cmd_check.cpp
Subcommand add_fuzz_command(CLI::App& root);     // cmd_fuzz.cpp
Subcommand add_repro_command(CLI::App& root);     // cmd_repro.cpp
Subcommand add_minimize_command(CLI::App& root);  // cmd_minimize.cpp
Subcommand add_emit_c_command(CLI::App& root);    // cmd_emit_c.cpp
Subcommand add_regress_command(CLI::App& root);   // cmd_regress.cpp
Subcommand add_seeds_command(CLI::App& root);     // cmd_seeds.cpp
Subcommand add_export_command(CLI::App& root);    // cmd_export.cpp
Subcommand add_ci_command(CLI::App& root);        // cmd_ci.cpp
Subcommand add_version_command(CLI::App& root);  // cmd_version.cpp
Subcommand add_help_command(CLI::App& root);     // cmd_help.cpp

}  // namespace ffifuzz::cli
