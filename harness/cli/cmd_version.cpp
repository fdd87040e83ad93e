// `ffifuzz version`: the same facts as `ffifuzz --version`, for scripts that prefer a command.
#include <cstdio>

#include "cli/subcommand.h"
#include "campaign/version.h"

namespace ffifuzz::cli {

Subcommand add_version_command(CLI::App& root) {
  Subcommand c;
  c.app = root.add_subcommand("version", "Print version, git revision, clang and libFuzzer versions");
  c.run = [] {
    std::printf("ffifuzz %s (git %s)\nclang %s\nlibFuzzer %s\n", FFIFUZZ_VERSION,
                FFIFUZZ_GIT_REVISION, FFIFUZZ_CLANG_VERSION, FFIFUZZ_LIBFUZZER_VERSION);
    return static_cast<int>(kExitClean);
  };
  return c;
}

}  // namespace ffifuzz::cli
