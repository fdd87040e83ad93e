// `ffifuzz check`: placeholder until its issue lands; says so and exits 3.
#include <cstdio>

#include "cli/subcommand.h"

namespace ffifuzz::cli {

Subcommand add_check_command(CLI::App& root) {
  Subcommand c;
  c.app = root.add_subcommand("check", "(not built yet)");
  c.run = [] {
    std::fprintf(stderr, "ffifuzz check: not built yet\n");
    return static_cast<int>(kExitInternal);
  };
  return c;
}

}  // namespace ffifuzz::cli
