// `ffifuzz minimize FILE`: the smallest program that still shows the same finding.
// Program-level (program/minimize.h, through cli/minimize_input.h): every candidate is
// replayed in a worker and kept only when it reproduces the same dedup key. Writes FILE.min (binary) and FILE.min.txt (text)
// beside the original, which is never touched. The number of replays is bounded (--budget).
// Exit 0 when it wrote them (a script goes on: `minimize F && emit-c F.min`), 1 when FILE
// reproduces nothing (nothing written).
#include <cstdio>

#include "campaign/minimize_input.h"
#include "campaign/stop_signals.h"
#include "cli/input_argument.h"
#include "cli/subcommand.h"
#include "model/error.h"

namespace ffifuzz::cli {
namespace {

struct MinimizeOptions {
  TargetOptions target;
  std::vector<std::string> functions;
  std::string file;
  int budget = 200;
};

int run_minimize(const MinimizeOptions& o) {
  install_stop_handlers();
  Replayer r(resolve_replay_target(o.target, o.functions, o.file));
  r.read(o.file);  // bad input: its one line, before anything else is said
  std::fprintf(stderr, "ffifuzz: minimizing %s, budget %d replays\n", o.file.c_str(), o.budget);
  Minimized m = minimize_input(r, o.file, o.budget);
  if (stop_requested()) {
    std::fprintf(stderr, "ffifuzz: interrupted by %s; %s is untouched\n", stop_signal_name(), o.file.c_str());
    return stop_exit_code();
  }
  if (!m.reproduced) {
    std::fprintf(stderr, "ffifuzz: %s reproduces nothing: nothing to minimize, nothing written\n", o.file.c_str());
    return kExitFindings;  // nothing to hand to emit-c: `minimize && emit-c` stops here
  }
  const std::string& key = m.first.key.hex;
  std::fprintf(stderr, "ffifuzz: %s: %s in %s (key %s), %zu calls\n", o.file.c_str(),
               m.first.finding.finding_class.c_str(), m.first.finding.function.c_str(), key.c_str(), m.calls_before);
  std::printf("%s", m.text.c_str());
  std::printf("ffifuzz: minimized %s: %zu calls -> %zu calls, %zu bytes -> %zu bytes, %d of %d replays%s\n",
              o.file.c_str(), m.calls_before, m.program.calls.size(), m.bytes_before, m.bytes_after, m.stats.checks,
              o.budget, m.stats.out_of_budget ? " (budget used up)" : "");
  std::printf("  wrote %s.min and %s.min.txt (key %s)\n", o.file.c_str(), o.file.c_str(), key.c_str());
  return kExitClean;  // success: `minimize FILE && emit-c FILE.min` goes on
}

}  // namespace

Subcommand add_minimize_command(CLI::App& root) {
  auto o = std::make_shared<MinimizeOptions>();
  Subcommand c;
  c.app = root.add_subcommand("minimize", "Shrink an input to the smallest program that shows the same finding");
  c.app->description(
      "Shrink an input: drop calls and unused handles, shrink buffers and strings, make values plain, keeping each\n"
      "step only when a replay shows the same finding (same dedup key). Writes FILE.min and FILE.min.txt beside FILE.");
  add_target_options(c.app, o->target, false);
  c.app->add_option("--function", o->functions, "The --function focus the input was found with (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  c.app->add_option("--budget", o->budget, "At most this many replays")->capture_default_str()->check(CLI::PositiveNumber);
  c.app->add_option("file", o->file, "The input to minimize, or a finding folder (its input)")->required();
  c.app->footer(
      "Exit codes: 0 minimized (FILE.min and FILE.min.txt written), 1 FILE reproduces nothing (nothing written),\n"
      "2 usage or input error, 3 internal error, 128+N stopped by signal N (FILE untouched).");
  c.run = [o] {
    o->file = input_argument(o->file, "minimize");
    return run_minimize(*o);
  };
  return c;
}

}  // namespace ffifuzz::cli
