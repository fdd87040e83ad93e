// cli: the `ffifuzz` subcommands. Nothing depends on this folder.
// Each subcommand lives in its own cmd_*.cpp and registers itself with the root App
// through an add_* function listed in main.cpp.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace ffifuzz::cli {

// Exit codes everywhere (DESIGN.md).
enum ExitCode : int { kExitClean = 0, kExitFindings = 1, kExitUsage = 2, kExitInternal = 3 };

struct Subcommand {
  CLI::App* app = nullptr;
  std::function<int()> run;  // returns an ExitCode; may throw InputError (exit 2)
};

Subcommand add_inspect_command(CLI::App& root);  // cmd_inspect.cpp
Subcommand add_check_command(CLI::App& root);    // cmd_check.cpp
Subcommand add_fuzz_command(CLI::App& root);     // cmd_fuzz.cpp
// The fuzz worker's entry (argv carries kWorkerMarker): see worker_args.h.
int fuzz_worker_main(int argc, char** argv);
Subcommand add_repro_command(CLI::App& root);     // cmd_repro.cpp
Subcommand add_minimize_command(CLI::App& root);  // cmd_minimize.cpp
Subcommand add_emit_c_command(CLI::App& root);    // cmd_emit_c.cpp
Subcommand add_regress_command(CLI::App& root);   // cmd_regress.cpp
Subcommand add_seeds_command(CLI::App& root);     // cmd_seeds.cpp
Subcommand add_export_command(CLI::App& root);    // cmd_export.cpp
Subcommand add_ci_command(CLI::App& root);        // cmd_ci.cpp
Subcommand add_version_command(CLI::App& root);  // cmd_version.cpp

}  // namespace ffifuzz::cli
