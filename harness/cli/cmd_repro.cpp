// `ffifuzz repro FILE...`: replay inputs (a crash input, a corpus file, a program.txt, or a
// finding folder for its input: cli/input_argument.h) and
// say what each reproduces. Prints each program and its finding (class, function, dedup
// key). Exit 1 when an input reproduces a finding, 0 when none does; with --expect CLASS,
// 0 only when every input reproduces that class. For scripts and bug reports.
#include <cstdio>

#include "campaign/replay_pool.h"
#include "campaign/stop_signals.h"
#include "cli/input_argument.h"
#include "cli/subcommand.h"
#include "model/error.h"
#include "program/call_trace.h"
#include "program/text_form.h"

namespace ffifuzz::cli {
namespace {

struct ReproOptions {
  TargetOptions target;
  std::vector<std::string> functions;
  std::vector<std::string> files;
  std::string expect;
  bool as_target = false;
  bool trace = false;
};

int run_repro(const ReproOptions& o) {
  install_stop_handlers();
  ReplayPool pool(o.target, o.functions);
  bool any = false, all_expected = true;
  for (const std::string& file : o.files) {
    Replayer& r = pool.for_input(file);
    InputFile input = o.as_target ? r.read_as_target(file) : r.read(file);
    std::printf("== %s\n%s", file.c_str(), program::to_text(r.session().plan, r.session().target.api, input.program).c_str());
    ReplayOutcome out = r.replay(input);
    // What the harness did, call by call (program/call_trace.h): what emit-c's C program prints too.
    if (o.trace)
      for (const std::string& line : program::trace_lines(out.log)) std::printf("ffifuzz: %s\n", line.c_str());
    if (out.reproduced()) {
      any = true;
      const report::Classification& c = out.finding;
      std::printf("ffifuzz: REPRODUCED %s in %s (key %s)\n", c.finding_class.c_str(),
                  c.function.empty() ? "(unknown function)" : c.function.c_str(), out.key.hex.c_str());
      if (!c.message.empty()) std::printf("  report: %s\n", c.message.c_str());
      if (!c.first_library_frame.empty()) std::printf("  first frame in the library: %s\n", c.first_library_frame.c_str());
      std::printf("  signature: %s\n", out.key.signature.c_str());
    } else {
      std::printf("ffifuzz: clean: %s reproduces nothing\n", file.c_str());
    }
    if (!o.expect.empty() && out.finding.finding_class != o.expect) all_expected = false;
    std::fflush(stdout);
    if (stop_requested()) {
      std::fprintf(stderr, "ffifuzz: interrupted by %s\n", stop_signal_name());
      return stop_exit_code();
    }
  }
  if (!o.expect.empty()) return all_expected ? kExitClean : kExitFindings;
  return any ? kExitFindings : kExitClean;
}

}  // namespace

Subcommand add_repro_command(CLI::App& root) {
  auto o = std::make_shared<ReproOptions>();
  Subcommand c;
  c.app = root.add_subcommand("repro", "Replay inputs and say which finding each reproduces");
  c.app->description(
      "Replay inputs (crash inputs, corpus files or program.txt) against the library and print each program and the\n"
      "finding it reproduces (class, function, dedup key). An input inside a finding folder needs no target options:\n"
      "its finding.json names them.  Exit 1 when something reproduces, 0 when nothing does;\n"
      "with --expect CLASS: 0 only when every input reproduces CLASS.");
  add_target_options(c.app, o->target, false);
  c.app->add_option("--function", o->functions, "The --function focus the input was found with (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  c.app->add_option("--expect", o->expect, "Exit 0 only when every input reproduces this finding class");
  c.app->add_flag("--as-target", o->as_target,
                  "Read each file as an exported fuzz target reads any input: for crash files of engines that "
                  "mutate bytes without ffifuzz's mutator (AFL++, honggfuzz)");
  c.app->add_flag("--trace", o->trace,
                  "Print what the harness did: each call made or not made (and why), what it returned, each release");
  c.app->add_option("files", o->files, "Input files, or finding folders (their input)")->required();
  c.run = [o] {
    for (std::string& f : o->files) f = input_argument(f, "repro");  // every one checked before any replay
    return run_repro(*o);
  };
  return c;
}

}  // namespace ffifuzz::cli
