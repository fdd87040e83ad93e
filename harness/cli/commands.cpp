// The command set, in the order `ffifuzz --help` lists it. Each add_* lives in its own
// cmd_*.cpp file.
#include <vector>

#include "cli/subcommand.h"

namespace ffifuzz::cli {

std::vector<Subcommand> all_subcommands(CLI::App& root) {
  std::vector<Subcommand> commands;
  commands.push_back(add_inspect_command(root));
  commands.push_back(add_check_command(root));
  commands.push_back(add_fuzz_command(root));
  commands.push_back(add_repro_command(root));
  commands.push_back(add_minimize_command(root));
  commands.push_back(add_emit_c_command(root));
  commands.push_back(add_regress_command(root));
  commands.push_back(add_seeds_command(root));
  commands.push_back(add_export_command(root));
  commands.push_back(add_ci_command(root));
  commands.push_back(add_version_command(root));
  commands.push_back(add_help_command(root));
  return commands;
}

}  // namespace ffifuzz::cli
