// `ffifuzz fuzz`: drive the library's exported functions with generated call programs under
// libFuzzer and the sanitizers, and report what is found. The options are parsed here; the
// run is campaign/fuzz_campaign.h.
#include "campaign/fuzz_campaign.h"
#include "cli/duration.h"
#include "cli/passthrough.h"
#include "cli/subcommand.h"
#include "cli/target_options.h"

namespace ffifuzz::cli {

Subcommand add_fuzz_command(CLI::App& root) {
  auto o = std::make_shared<campaign::FuzzCampaignOptions>();
  auto max_time = std::make_shared<std::string>();
  Subcommand c;
  c.app = root.add_subcommand("fuzz", "Fuzz the library's exported functions under libFuzzer, ASan, UBSan and LSan");
  c.app->description(
      "Fuzz the exported functions of a shared library with generated call programs.\n"
      "Every finding is triaged: a bug (the library's fault) or a contract gap (the harness broke a rule\n"
      "nobody stated). A contract gap teaches a rule, kept in OUT/learned.toml, and the run goes on under it;\n"
      "the run stops at its first bug. --keep-going classifies every finding and goes on; --no-learn stops\n"
      "at the first finding of either kind.\n"
      "libFuzzer flags go after --, e.g.:  ffifuzz fuzz --lib libfoo.so --header foo.h -- -jobs=2 -dict=foo.dict\n"
      "Defaults: -timeout=10 -rss_limit_mb=2560 -malloc_limit_mb=2048 -use_value_profile=1 -max_len=16384");
  add_target_options(c.app, o->target, true);
  c.app->add_option("-o,--out", o->out, "Folder for the corpus, findings, crash inputs and the log")->capture_default_str();
  c.app->add_option("--corpus", o->corpus, "Corpus folder new inputs are added to (default: OUT/corpus)");
  // One value per occurrence (repeat the option for more): a vector option would otherwise
  // swallow the "--" that starts libFuzzer's flags.
  c.app->add_option("--seed-corpus", o->seed_corpora, "Extra input folders, read only (e.g. corpus/<target>)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  c.app->add_option("--runs", o->runs, "Stop after this many executions (libFuzzer -runs)");
  c.app->add_option("--max-time", *max_time,
                    "Stop after this long: seconds, or 90s, 30m, 1h (libFuzzer -max_total_time); the run ends within it "
                    "plus 30 s whatever the library does");
  c.app->add_option("--seed", o->seed, "Random seed, for reproducible runs (libFuzzer -seed)");
  c.app->add_option("--function", o->only_functions,
                    "Drive only this function (repeatable), with the constructors and releasers its handles need")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  c.app->add_flag("--keep-going", o->keep_going,
                  "Do not stop at the first finding: classify every one into its folder and go on until --runs or "
                  "--max-time; a finding that keeps coming back is set aside for the rest of the run");
  c.app->add_flag("--no-learn", [o](std::int64_t) { o->learn = false; },
                  "Do not learn rules from contract gaps (OUT/learned.toml is neither read nor written): "
                  "stop at the first finding, whatever its verdict");
  c.app->footer(
      "Exit codes: 0 no bugs (the run provably ran to its end; contract gaps are listed), 1 bugs (with\n"
      "--no-learn: any finding), 2 usage or input error,\n"
      "3 internal error, 128+N stopped by signal N (130 Ctrl-C, 143 SIGTERM; the corpus is kept).");
  c.run = [o, max_time] {
    o->libfuzzer_flags = libfuzzer_flags();
    if (!max_time->empty()) o->max_time = parse_duration(*max_time, "--max-time");
    return campaign::run_fuzz_campaign(*o);
  };
  return c;
}

}  // namespace ffifuzz::cli
