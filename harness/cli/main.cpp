// ffifuzz entry point: parses the subcommand, runs it, maps errors to exit codes.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include "cli/passthrough.h"
#include "cli/subcommand.h"
#include "campaign/version.h"
#include "campaign/worker_args.h"
#include "campaign/worker_main.h"
#include "model/error.h"

namespace ffifuzz::cli {
// Each subcommand file provides one of these; the list is the whole command set.
std::vector<Subcommand> all_subcommands(CLI::App& root);
}  // namespace ffifuzz::cli

int main(int argc, char** argv) {
  using namespace ffifuzz::cli;
  // libclang otherwise installs crash-recovery signal handlers (SIGABRT, SIGSEGV, ...) that
  // shadow the sanitizers' and libFuzzer's: a panic or abort in the library would then die
  // without a report or a saved input.
  setenv("LIBCLANG_DISABLE_CRASH_RECOVERY", "1", 1);
  // libFuzzer's own children (-fork, -jobs) and the supervisor's workers re-run this binary
  // with the worker marker: straight into libFuzzer, no command-line parsing of ours.
  if (!ffifuzz::campaign::worker_kind(argc, argv).empty()) return ffifuzz::campaign::worker_main(argc, argv);
  CLI::App root{
      "ffifuzz: finds memory bugs at the C ABI boundary of shared libraries.\n"
      "From a .so and its C header: checks symbols and layouts, fuzzes the exported functions\n"
      "under ASan/UBSan/LSan, and turns each finding into a standalone C reproducer.",
      "ffifuzz"};
  root.require_subcommand(0, 1);
  bool show_version = false;
  root.add_flag("--version", show_version, "Print version, git revision, clang and libFuzzer versions");
  root.footer("Exit codes: 0 nothing found, 1 findings, 2 usage or input error, 3 internal error.\n"
              "Run 'ffifuzz <command> --help' for a command's options.");

  std::vector<Subcommand> commands = all_subcommands(root);
  // Everything after the first "--" is libFuzzer's: set it aside before parsing ours.
  int ours = argc;
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]) == "--") {
      ours = i;
      passthrough_args().assign(argv + i + 1, argv + argc);
      break;
    }
  try {
    root.parse(ours, argv);
  } catch (const CLI::CallForHelp& e) {
    return root.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return root.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "ffifuzz: %s (see 'ffifuzz --help')\n", e.what());
    return kExitUsage;
  }
  if (show_version) {
    std::printf("ffifuzz %s (git %s)\nclang %s\nlibFuzzer %s\n", FFIFUZZ_VERSION,
                FFIFUZZ_GIT_REVISION, FFIFUZZ_CLANG_VERSION, FFIFUZZ_LIBFUZZER_VERSION);
    return kExitClean;
  }
  for (Subcommand& c : commands) {
    if (!c.app->parsed()) continue;
    try {
      return c.run();
    } catch (const ffifuzz::InputError& e) {
      std::fprintf(stderr, "ffifuzz %s: error: %s\n", c.app->get_name().c_str(), e.what());
      return kExitUsage;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "ffifuzz %s: internal error: %s\n", c.app->get_name().c_str(), e.what());
      return kExitInternal;
    }
  }
  std::fputs(root.help().c_str(), stdout);
  return kExitUsage;
}
