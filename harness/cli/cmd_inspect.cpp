// `ffifuzz inspect`: placeholder until its issue lands; says so and exits 3.
#include <cstdio>

#include "cli/subcommand.h"

namespace ffifuzz::cli {

Subcommand add_inspect_command(CLI::App& root) {
  Subcommand c;
  c.app = root.add_subcommand("inspect", "(not built yet)");
  c.run = [] {
    std::fprintf(stderr, "ffifuzz inspect: not built yet\n");
    return static_cast<int>(kExitInternal);
  };
  return c;
}

}  // namespace ffifuzz::cli
