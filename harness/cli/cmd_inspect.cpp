// `ffifuzz inspect`: shows the interface model and every contract decision with its source,
// as text or as the stable JSON of docs/inspect-json.md.
#include <cstdio>
#include <iostream>

#include "binary/read_binary.h"
#include "cli/inspect_json.h"
#include "cli/subcommand.h"
#include "cli/target_options.h"

namespace ffifuzz::cli {

Subcommand add_inspect_command(CLI::App& root) {
  struct State {
    TargetOptions target;
    std::string format = "text";
  };
  auto state = std::make_shared<State>();
  Subcommand c;
  c.app = root.add_subcommand("inspect", "Show the interface model: functions with contracts and their sources, "
                                         "struct layouts, skipped functions, functions missing from the library");
  add_target_options(c.app, state->target, /*need_lib=*/false);
  c.app->add_option("--format", state->format, "text or json (docs/inspect-json.md)")
      ->check(CLI::IsMember({"text", "json"}));
  c.run = [state] {
    LoadedTarget target = load_target(state->target);
    std::optional<std::set<std::string>> exports;
    if (!target.options.lib.empty()) {
      exports.emplace();
      for (const model::BinarySymbol& s : binary::read_binary(target.options.lib).exports)
        if (s.is_function) exports->insert(s.name);
    }
    nlohmann::json doc = inspect_json(target, exports, campaign::skipped_functions(target));
    if (state->format == "json") std::cout << doc.dump(2) << "\n";
    else std::cout << inspect_text(doc);
    return static_cast<int>(kExitClean);
  };
  return c;
}

}  // namespace ffifuzz::cli
