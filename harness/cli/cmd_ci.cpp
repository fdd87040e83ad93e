// `ffifuzz ci`: the nightly job in one command (docs/ci.md). The options are parsed here (the
// command line wins over the config's [ci] table); the run is campaign/ci_campaign.h.
#include <filesystem>
#include <thread>

#include "campaign/ci_campaign.h"
#include "cli/duration.h"
#include "cli/passthrough.h"
#include "cli/subcommand.h"
#include "cli/target_options.h"
#include "contract/config_file.h"
#include "model/error.h"

namespace ffifuzz::cli {
namespace {
namespace fs = std::filesystem;

struct CiOptions {
  TargetOptions target;
  std::string time;
  int jobs = 0;
  std::string out;
  std::string corpus;
  std::vector<std::string> seed_corpora;
  std::string known_findings;
  std::string baseline;
  std::string write_baseline;
  int minimize_budget = -1;
  long seed = -1;
  std::vector<std::string> functions;
  std::vector<std::string> libfuzzer_flags;  // after --
};

// The command line wins over the config's [ci] table; then the defaults.
void apply_ci_config(CiOptions& o) {
  contract::CiSettings ci;
  if (!o.target.config.empty()) ci = contract::read_config_file(o.target.config).ci;
  if (o.time.empty()) o.time = ci.time;
  if (o.time.empty()) throw InputError("no time budget: pass --time 30m (or 90s, 1h, seconds), or set ci.time in --config");
  if (o.jobs <= 0) o.jobs = ci.jobs > 0 ? ci.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (o.out.empty()) o.out = ci.out.empty() ? "ffifuzz-ci" : ci.out;
  if (o.corpus.empty()) o.corpus = ci.corpus.empty() ? (fs::path(o.out) / "corpus").string() : ci.corpus;
  if (o.seed_corpora.empty()) o.seed_corpora = ci.seed_corpora;
  if (o.known_findings.empty()) o.known_findings = ci.known_findings;
  if (o.baseline.empty()) o.baseline = ci.baseline;
  if (o.minimize_budget < 0) o.minimize_budget = ci.minimize_budget >= 0 ? ci.minimize_budget : 100;
}

int run_ci(CiOptions& o) {
  apply_ci_config(o);
  campaign::CiCampaignOptions c;
  c.seconds = parse_duration(o.time, "--time");
  if (!o.baseline.empty()) c.baseline = report::read_baseline(o.baseline);
  c.target = o.target;
  c.jobs = o.jobs;
  c.out = o.out;
  c.corpus = o.corpus;
  c.seed_corpora = o.seed_corpora;
  c.known_findings = o.known_findings;
  c.write_baseline = o.write_baseline;
  c.minimize_budget = o.minimize_budget;
  c.seed = o.seed;
  c.functions = o.functions;
  c.libfuzzer_flags = o.libfuzzer_flags;
  return campaign::run_ci_campaign(c);
}

}  // namespace

Subcommand add_ci_command(CLI::App& root) {
  auto o = std::make_shared<CiOptions>();
  Subcommand c;
  c.app = root.add_subcommand("ci", "The nightly job: check, regress, fuzz on all cores, merge the corpus, minimize; CI reports");
  c.app->description(
      "The nightly job in one command (docs/ci.md). In order:\n"
      "  1 check     the header against the binary\n"
      "  2 regress   replay earlier findings (--findings) and every corpus input\n"
      "  3 fuzz      libFuzzer -fork on --jobs cores, going on after findings; every saved input is\n"
      "              classified and keyed as it appears (one folder per bug), and a finding that comes\n"
      "              back is set aside for the rest of the run, so one shallow bug cannot starve the others\n"
      "  4 merge     corpus + new inputs (-set_cover_merge), swapped in whole: a killed run loses nothing\n"
      "  5 minimize  the new findings\n"
      "Reports in OUT: summary.md (+ coverage.svg), summary.json, junit.xml, results.sarif, baseline.json.\n"
      "Findings whose key is in --baseline are listed as known and do not fail the run; to accept this\n"
      "run's findings, use OUT/baseline.json (or --write-baseline FILE) as the next run's baseline.\n"
      "Settings may come from the [ci] table of --config (docs/config.md); the command line wins.\n"
      "libFuzzer flags go after --.");
  add_target_options(c.app, o->target, false);
  c.app->add_option("--time", o->time,
                    "The whole run's budget: 30m, 90s, 1h, 1h30m or seconds (ci.time); it ends within it plus 30 s");
  c.app->add_option("--jobs", o->jobs, "Fuzzing processes (libFuzzer -fork); default: all cores (ci.jobs)")
      ->check(CLI::PositiveNumber);
  c.app->add_option("--out", o->out, "Folder for this run's reports, findings and logs; default ffifuzz-ci (ci.out)");
  c.app->add_option("--corpus", o->corpus, "The corpus kept from run to run; default OUT/corpus (ci.corpus)");
  c.app->add_option("--seed-corpus", o->seed_corpora, "Extra input folders, read only; repeatable (ci.seed_corpus)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  c.app->add_option("--findings", o->known_findings,
                    "Finding folders of earlier runs, replayed every run (ci.findings)");
  c.app->add_option("--baseline", o->baseline, "baseline.json: accepted findings, listed but not failed on (ci.baseline)");
  c.app->add_option("--write-baseline", o->write_baseline, "Also write this run's findings as a baseline to FILE");
  c.app->add_option("--minimize-budget", o->minimize_budget,
                    "Replays per new finding when minimizing; 0: do not minimize; default 100 (ci.minimize_budget)")
      ->check(CLI::NonNegativeNumber);
  c.app->add_option("--seed", o->seed, "Random seed for libFuzzer (-seed)");
  c.app->add_option("--function", o->functions,
                    "Drive only this function (repeatable), with the constructors and releasers its handles need")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  c.app->footer(
      "Exit codes: 0 nothing new, 1 new findings or regressions, 2 usage or input error, 3 internal error,\n"
      "128+N stopped by signal N (130 Ctrl-C, 143 SIGTERM; partial reports written, the corpus is whole, new inputs\n"
      "are kept for the next run).");
  c.run = [o] {
    o->libfuzzer_flags = passthrough_args();
    return run_ci(*o);
  };
  return c;
}

}  // namespace ffifuzz::cli
