// `ffifuzz ci`: the nightly job in one command (docs/ci.md). The options are parsed here (the
// command line wins over the config's [ci] table); the run is campaign/ci_campaign.h.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
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

// What the command line gives: the campaign's options, filled in place, and the two that
// still need reading (the budget as written, the baseline file).
struct CiOptions {
  campaign::CiCampaignOptions run;
  std::string time;
  std::string time_option = "--time";  // where the budget came from, for its error message
  std::string baseline;
};

// The command line wins over the config's [ci] table; then the defaults.
void apply_ci_config(CiOptions& o) {
  campaign::CiCampaignOptions& r = o.run;
  contract::CiSettings ci;
  if (!r.target.config.empty()) ci = contract::read_config_file(r.target.config).ci;
  if (o.time.empty()) {
    o.time = ci.time;
    o.time_option = ci.time_where + ": ci.time";  // a bad value is reported where it was written
  }
  if (o.time.empty()) throw InputError("no time budget: pass --time 30m (or 90s, 1h, seconds), or set ci.time in --config");
  if (r.jobs <= 0) r.jobs = ci.jobs > 0 ? ci.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (r.out.empty()) r.out = ci.out.empty() ? "ffifuzz-ci" : ci.out;
  if (r.corpus.empty()) r.corpus = ci.corpus.empty() ? (fs::path(r.out) / "corpus").string() : ci.corpus;
  if (r.seed_corpora.empty()) r.seed_corpora = ci.seed_corpora;
  if (r.known_findings.empty()) r.known_findings = ci.known_findings;
  if (o.baseline.empty()) o.baseline = ci.baseline;
  if (r.minimize_budget < 0) r.minimize_budget = ci.minimize_budget >= 0 ? ci.minimize_budget : 100;
}

// The command as it was run, shell-quoted, for the reports (SARIF's commandLine): the kernel's
// copy of argv, so it is the real one whichever way the command was started.
std::string command_line() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()), line, arg;
  auto quoted = [](const std::string& a) {
    if (!a.empty() && a.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=:,+@%") ==
                          std::string::npos)
      return a;
    std::string q = "'";
    for (char c : a) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
  };
  std::istringstream args(all);
  while (std::getline(args, arg, '\0')) line += (line.empty() ? "" : " ") + quoted(arg);
  return line;
}

int run_ci(CiOptions& o) {
  apply_ci_config(o);
  o.run.seconds = parse_duration(o.time, o.time_option);
  if (!o.baseline.empty()) {
    // No baseline yet is a first night, not an error: nothing is known.
    if (fs::exists(o.baseline)) o.run.baseline = report::read_baseline(o.baseline);
    else
      o.run.first_run_notes.push_back("baseline " + o.baseline +
                                      " does not exist yet (a first run?): no finding is known; to accept this "
                                      "run's findings, copy OUT/baseline.json there");
  }
  // SARIF locations relative to the repository's root: --source-root, else the config's
  // folder, else where the command runs.
  if (o.run.source_root.empty() && !o.run.target.config.empty())
    o.run.source_root = fs::absolute(o.run.target.config).parent_path().string();
  if (o.run.source_root.empty()) o.run.source_root = fs::current_path().string();
  o.run.source_root = fs::weakly_canonical(fs::absolute(o.run.source_root)).string();
  o.run.command_line = command_line();
  return campaign::run_ci_campaign(o.run);
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
      "The budget (--time) is the whole run's: fuzzing until a fifth is left; classifying the inputs it saved\n"
      "until a tenth is left; merging, measuring coverage and minimizing until the end. What was left undone\n"
      "(inputs not classified, findings not minimized) is said in the summary; the run ends within --time + 10 s.\n"
      "Every finding is triaged: a bug, or a contract gap (the harness broke a rule nobody stated). A gap\n"
      "teaches a rule, kept in OUT/learned.toml (read again by the next run into OUT), and fuzzing goes on\n"
      "under it; gaps and learned rules are listed in every report and never fail the run (--no-learn: off).\n"
      "Findings whose key is in --baseline are listed as known and do not fail the run; to accept this\n"
      "run's findings, use OUT/baseline.json (or --write-baseline FILE) as the next run's baseline.\n"
      "Settings may come from the [ci] table of --config (docs/config.md); the command line wins.\n"
      "libFuzzer flags go after --.");
  add_target_options(c.app, o->run.target, false);
  c.app->add_option("--time", o->time,
                    "The whole run's budget: 30m, 90s, 1h, 1h30m or seconds (ci.time). Fuzzing gets four fifths; the "
                    "last fifth classifies what it saved (first half), then merges, measures and minimizes (second "
                    "half); the run ends within the budget plus 10 s");
  c.app->add_option("--jobs", o->run.jobs, "Fuzzing processes (libFuzzer -fork); default: all cores (ci.jobs)")
      ->check(CLI::PositiveNumber);
  c.app->add_option("-o,--out", o->run.out, "Folder for this run's reports, findings and logs; default ffifuzz-ci (ci.out)");
  c.app->add_option("--corpus", o->run.corpus, "The corpus kept from run to run; default OUT/corpus (ci.corpus)");
  c.app->add_option("--seed-corpus", o->run.seed_corpora, "Extra input folders, read only; repeatable (ci.seed_corpus)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  c.app->add_option("--findings", o->run.known_findings,
                    "Finding folders of earlier runs, replayed every run (ci.findings); created empty when it "
                    "does not exist yet");
  c.app->add_option("--baseline", o->baseline,
                    "baseline.json: accepted findings, listed but not failed on (ci.baseline); none yet: nothing is known");
  c.app->add_option("--write-baseline", o->run.write_baseline, "Also write this run's findings as a baseline to FILE");
  c.app->add_option("--minimize-budget", o->run.minimize_budget,
                    "Replays per new finding when minimizing; 0: do not minimize; default 100 (ci.minimize_budget)")
      ->check(CLI::NonNegativeNumber);
  c.app->add_option("--source-root", o->run.source_root,
                    "Root of the source tree: results.sarif gives files under it relative to SRCROOT, so code "
                    "scanning links them; default: the --config file's folder, else the working directory");
  c.app->add_option("--seed", o->run.seed, "Random seed for libFuzzer (-seed)");
  c.app->add_option("--function", o->run.functions,
                    "Drive only this function (repeatable), with the constructors and releasers its handles need")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  c.app->add_flag("--no-learn", [o](std::int64_t) { o->run.learn = false; },
                  "Do not triage findings into rules: contract gaps fail the run like any finding, nothing is learned");
  c.app->footer(
      "Exit codes: 0 nothing new, 1 new bugs or regressions, 2 usage or input error, 3 internal error,\n"
      "128+N stopped by signal N (130 Ctrl-C, 143 SIGTERM; partial reports written, the corpus is whole, new inputs\n"
      "are kept for the next run).");
  c.run = [o] {
    o->run.libfuzzer_flags = libfuzzer_flags();
    return run_ci(*o);
  };
  return c;
}

}  // namespace ffifuzz::cli
