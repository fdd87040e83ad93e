// ffifuzz entry point: parses the subcommand, runs it, maps errors to exit codes.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include "cli/passthrough.h"
#include "cli/subcommand.h"
#include "cli/unknown_arguments.h"
#include "campaign/version.h"
#include "campaign/worker_args.h"
#include "campaign/worker_main.h"
#include "model/error.h"

namespace ffifuzz::cli {
// Each subcommand file provides one of these; the list is the whole command set.
std::vector<Subcommand> all_subcommands(CLI::App& root);
}  // namespace ffifuzz::cli

namespace {

using namespace ffifuzz::cli;

// The one line for a command line we cannot run: what is wrong with it, and whose help to
// read. `parse_error` is CLI11's message, or empty when only unknown arguments were found.
int usage_error(const CLI::App& root, const std::vector<Subcommand>& commands, const std::string& parse_error) {
  const CLI::App* app = &root;
  std::string who = "ffifuzz";
  for (const Subcommand& c : commands)
    if (c.app->parsed()) app = c.app, who = "ffifuzz " + c.app->get_name();
  std::vector<std::string> extras = app->remaining();
  if (extras.empty() && app != &root) extras = root.remaining();
  std::string what = extras.empty() ? parse_error : unknown_argument_message(*app, extras);
  const std::string help = app == &root ? "ffifuzz help" : who + " --help";
  std::fprintf(stderr, "%s: %s (see '%s')\n", who.c_str(), what.c_str(), help.c_str());
  return kExitUsage;
}

// An error message may hold several lines (a contract file's errors, one a line): each gets
// the command's prefix, so every line says where it comes from.
void print_error(const std::string& command, const char* kind, const std::string& what) {
  size_t start = 0;
  do {
    size_t end = what.find('\n', start);
    if (end == std::string::npos) end = what.size();
    std::fprintf(stderr, "ffifuzz %s: %s: %s\n", command.c_str(), kind, what.substr(start, end - start).c_str());
    start = end + 1;
  } while (start < what.size());
}

}  // namespace

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
              "Run 'ffifuzz help <command>' (or 'ffifuzz <command> --help') for a command's options.");

  std::vector<Subcommand> commands = all_subcommands(root);
  // Everything after the first "--" is libFuzzer's: set it aside before parsing ours.
  int ours = argc;
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]) == "--") {
      ours = i;
      passthrough_args().assign(argv + i + 1, argv + argc);
      break;
    }
  // Unknown arguments are collected, not thrown at once: the line about them names the command
  // and, for a misspelt option, the option meant (cli/unknown_arguments.h).
  root.allow_extras();
  for (Subcommand& c : commands) c.app->allow_extras();
  try {
    root.parse(ours, argv);
  } catch (const CLI::CallForHelp& e) {
    return root.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return root.exit(e);
  } catch (const CLI::ParseError& e) {
    // An unknown option usually explains the error (a value or a required argument missing).
    return usage_error(root, commands, e.what());
  }
  if (!root.remaining().empty() || std::any_of(commands.begin(), commands.end(), [](const Subcommand& c) {
        return c.app->parsed() && !c.app->remaining().empty();
      }))
    return usage_error(root, commands, "");
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
      print_error(c.app->get_name(), "error", e.what());
      return kExitUsage;
    } catch (const std::exception& e) {
      print_error(c.app->get_name(), "internal error", e.what());
      return kExitInternal;
    }
  }
  std::fputs(root.help().c_str(), stdout);
  return kExitUsage;
}
