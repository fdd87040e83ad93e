// `ffifuzz minimize FILE`: the smallest program that still shows the same finding.
// Program-level (program/minimize.h): every candidate is replayed in a worker and kept only
// when it reproduces the same dedup key. Writes FILE.min (binary) and FILE.min.txt (text)
// beside the original, which is never touched. The number of replays is bounded (--budget).
#include <cstdio>

#include "cli/replay.h"
#include "cli/subcommand.h"
#include "model/error.h"
#include "program/codec.h"
#include "program/minimize.h"
#include "program/text_form.h"
#include "report/write_file.h"

namespace ffifuzz::cli {
namespace {

struct MinimizeOptions {
  TargetOptions target;
  std::vector<std::string> functions;
  std::string file;
  int budget = 200;
};

int run_minimize(const MinimizeOptions& o) {
  Replayer r(resolve_replay_target(o.target, o.functions, o.file));
  InputFile input = r.read(o.file);
  const FuzzSession& s = r.session();
  ReplayOutcome first = r.replay(input);
  if (!first.reproduced()) {
    std::fprintf(stderr, "ffifuzz: %s reproduces nothing: nothing to minimize\n", o.file.c_str());
    return kExitClean;
  }
  const std::string key = first.key.hex;
  std::fprintf(stderr, "ffifuzz: minimizing %s: %s in %s (key %s), %zu calls, budget %d replays\n", o.file.c_str(),
               first.finding.finding_class.c_str(), first.finding.function.c_str(), key.c_str(),
               input.program.calls.size(), o.budget);
  // A hang costs the whole timeout per replay: give the ones that hang a shorter one.
  if (first.finding.finding_class == "timeout") r.set_timeout(3);
  program::MinimizeStats stats;
  auto same_finding = [&](const program::Program& candidate) {
    ReplayOutcome out = r.replay(candidate);
    return out.reproduced() && out.key.hex == key;
  };
  program::Program small = program::minimize(s.plan, s.target.api, input.program, same_finding, o.budget, stats);

  std::vector<uint8_t> bytes = program::encode(s.plan, s.target.api, small);
  report::write_file_atomically(o.file + ".min", std::string(bytes.begin(), bytes.end()));
  report::write_file_atomically(o.file + ".min.txt", program::to_text(s.plan, s.target.api, small));
  std::printf("%s", program::to_text(s.plan, s.target.api, small).c_str());
  std::printf("ffifuzz: minimized %s: %zu calls -> %zu calls, %zu bytes -> %zu bytes, %d of %d replays%s\n",
              o.file.c_str(), input.program.calls.size(), small.calls.size(), input.bytes.size(), bytes.size(),
              stats.checks, o.budget, stats.out_of_budget ? " (budget used up)" : "");
  std::printf("  wrote %s.min and %s.min.txt (key %s)\n", o.file.c_str(), o.file.c_str(), key.c_str());
  return kExitFindings;
}

}  // namespace

Subcommand add_minimize_command(CLI::App& root) {
  auto o = std::make_shared<MinimizeOptions>();
  Subcommand c;
  c.app = root.add_subcommand("minimize", "Shrink an input to the smallest program that shows the same finding");
  c.app->description(
      "Shrink an input: drop calls and unused handles, shrink buffers and strings, make values plain, keeping each\n"
      "step only when a replay shows the same finding (same dedup key). Writes FILE.min and FILE.min.txt beside FILE.\n"
      "Exit 1 when the minimized input reproduces the finding, 0 when FILE reproduces nothing.");
  add_target_options(c.app, o->target, false);
  c.app->add_option("--function", o->functions, "The --function focus the input was found with (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  c.app->add_option("--budget", o->budget, "At most this many replays")->capture_default_str()->check(CLI::PositiveNumber);
  c.app->add_option("file", o->file, "The input to minimize")->required();
  c.run = [o] { return run_minimize(*o); };
  return c;
}

}  // namespace ffifuzz::cli
