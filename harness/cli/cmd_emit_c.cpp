// `ffifuzz emit-c FILE -o repro.c`: an input as a standalone C program that reproduces its
// finding without ffifuzz (report/emit_c.h). Prints the line that builds it.
#include <cstdio>

#include "binary/instrumentation.h"
#include "campaign/replay.h"
#include "campaign/load_probe.h"
#include "cli/input_argument.h"
#include "cli/subcommand.h"
#include "report/emit_c.h"
#include "report/write_file.h"

namespace ffifuzz::cli {
namespace {

struct EmitCOptions {
  TargetOptions target;
  std::vector<std::string> functions;
  std::string file;
  std::string output = "repro.c";
};

int run_emit_c(const EmitCOptions& o) {
  ReplayTarget t = resolve_replay_target(o.target, o.functions, o.file);
  Replayer replayer(t);  // probes the library first: a constructor that crashes or hangs is one line
  const FuzzSession* s = &replayer.session();
  InputFile input = replayer.read(o.file);
  report::EmitOptions emit;
  // What the calls gave when the harness ran them (NULL results, failed calls, calls it could
  // not make): the C program passes the objects the harness passed (program/lowering.h).
  replayer.set_repeat(folder_repeat(o.file));
  emit.replay_log = replayer.replay(input).log;
  emit.headers = s->target.options.headers;
  emit.include_dirs = s->target.options.include_dirs;
  emit.library = s->target.options.lib;
  emit.heap_buffers = binary::read_instrumentation(s->target.options.lib).address_sanitizer;
  emit.title = "from " + o.file;
  emit.repeat = folder_repeat(o.file);  // a finding that shows only when its input is repeated
  report::write_file_atomically(o.output, report::emit_c(s->plan, s->target.api, input.program, emit));
  std::printf("ffifuzz: wrote %s; build and run it with:\n  %s && ./repro\n", o.output.c_str(),
              report::compile_command(emit, o.output, "repro").c_str());
  return kExitClean;
}

}  // namespace

Subcommand add_emit_c_command(CLI::App& root) {
  auto o = std::make_shared<EmitCOptions>();
  Subcommand c;
  c.app = root.add_subcommand("emit-c", "Write an input as a standalone C program that reproduces its finding");
  c.app->description(
      "Write an input as a C program that includes the library's header and makes the same calls with the same\n"
      "values (ASan heap or guard pages, as ffifuzz placed them), releasing what is left in reverse order.\n"
      "Its first comment holds the clang command that builds it.");
  add_target_options(c.app, o->target, false);
  c.app->add_option("--function", o->functions, "The --function focus the input was found with (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  c.app->add_option("-o,--output", o->output, "Where to write the C program")->capture_default_str();
  c.app->add_option("file", o->file, "The input, or a finding folder (its input)")->required();
  c.run = [o] {
    o->file = input_argument(o->file, "emit-c");
    return run_emit_c(*o);
  };
  return c;
}

}  // namespace ffifuzz::cli
