#include "cli/target_options.h"

namespace ffifuzz::cli {

void add_target_options(CLI::App* app, TargetOptions& o, bool need_lib) {
  o.lib_required = need_lib;
  app->add_option("--config", o.config, "ffifuzz.toml holding these settings (docs/config.md)");
  app->add_option("--lib", o.lib, "The shared library under test (libfoo.so)");
  // List options take one value per occurrence (repeat them): a greedy list would swallow
  // what follows, such as the "--" before libFuzzer's flags.
  app->add_option("--header", o.headers, "The library's public header (repeat for several)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app->add_option("--contract", o.contract, "A TOML contract file (docs/contracts.md)");
  app->add_option("--lang", o.lang, "Parse the header as c or c++ (extern \"C\" declarations)")
      ->check(CLI::IsMember({"c", "c++"}));
  app->add_option("-I", o.include_dirs, "Add an include directory for the header")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app->add_option("-D", o.defines, "Define a macro (NAME or NAME=VALUE) for the header")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app->add_option("--include", o.pre_includes, "Include this file before the header")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app->add_option("--target", o.target, "Parse for this target triple (default: the host)");
}

}  // namespace ffifuzz::cli
