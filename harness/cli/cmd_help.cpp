// `ffifuzz help [COMMAND]`: the top-level help, or a command's (the same text as
// `ffifuzz COMMAND --help`), for people who type the command before reaching for a flag.
#include <cstdio>

#include "cli/subcommand.h"
#include "cli/unknown_arguments.h"
#include "model/error.h"

namespace ffifuzz::cli {

Subcommand add_help_command(CLI::App& root) {
  auto command = std::make_shared<std::string>();
  Subcommand c;
  c.app = root.add_subcommand("help", "Show this help, or a command's: ffifuzz help COMMAND");
  c.app->add_option("command", *command, "The command to describe");
  CLI::App* top = &root;
  c.run = [top, command] {
    // The formatter directly: App::help() would describe the command selected, this one.
    if (command->empty()) {
      std::fputs(top->get_formatter()->make_help(top, top->get_name(), CLI::AppFormatMode::Normal).c_str(), stdout);
      return static_cast<int>(kExitClean);
    }
    std::vector<std::string> names;
    for (const CLI::App* sub : top->get_subcommands([](const CLI::App*) { return true; })) {
      if (sub->get_name() == *command) {  // as `ffifuzz COMMAND --help` prints it
        const std::string usage = top->get_name() + " " + sub->get_name();
        std::fputs(sub->get_formatter()->make_help(sub, usage, CLI::AppFormatMode::Normal).c_str(), stdout);
        return static_cast<int>(kExitClean);
      }
      names.push_back(sub->get_name());
    }
    const std::string near = closest_name(*command, names);
    throw InputError("no command '" + *command + "'" + (near.empty() ? "" : "; did you mean " + near + "?") +
                     " (see 'ffifuzz help')");
  };
  return c;
}

}  // namespace ffifuzz::cli
