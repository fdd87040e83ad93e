#include "cli/replay.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "binary/instrumentation.h"
#include "cli/leak_origin.h"
#include "cli/subcommand.h"
#include "cli/worker_args.h"
#include "model/error.h"
#include "program/codec.h"

namespace ffifuzz::cli {
namespace fs = std::filesystem;

namespace {

report::ClassifyContext context_of(const FuzzSession& s) {
  report::ClassifyContext ctx;
  for (const model::Function& f : s.target.api.functions) ctx.exported_functions.insert(f.name);
  ctx.library_path = s.target.options.lib;
  return ctx;
}


}  // namespace

ReplayTarget resolve_replay_target(const TargetOptions& given, const std::vector<std::string>& given_functions,
                                   const std::string& input) {
  if (!given.lib.empty() || !given.config.empty()) return {with_absolute_paths(given), given_functions};
  fs::path summary = fs::path(input).parent_path() / report::kSummaryFile;
  std::ifstream in(summary);
  if (!in)
    throw InputError(input + ": which library? pass --lib and --header (as for 'ffifuzz fuzz'), or give an input "
                     "inside a finding folder (it has " + std::string(report::kSummaryFile) + ")");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ReplayTarget t = from_finding_target(report::summary_from_json(text, summary.string()).target);
  if (!given_functions.empty()) t.functions = given_functions;
  return t;
}

report::FindingTarget to_finding_target(const ReplayTarget& r) {
  const TargetOptions& o = r.options;
  return {o.lib, o.headers, o.contract, o.config, o.lang, o.include_dirs, o.defines, o.pre_includes, o.target,
          r.functions};
}

ReplayTarget from_finding_target(const report::FindingTarget& t) {
  ReplayTarget r;
  r.options.lib = t.lib;
  r.options.headers = t.headers;
  r.options.contract = t.contract;
  r.options.config = t.config;
  r.options.lang = t.lang.empty() ? "c" : t.lang;
  r.options.include_dirs = t.include_dirs;
  r.options.defines = t.defines;
  r.options.pre_includes = t.pre_includes;
  r.options.target = t.target;
  r.functions = t.functions;
  return r;
}

Replayer::Replayer(ReplayTarget target) : target_(std::move(target)) {
  session_ = FuzzSession::open(target_.options, {.only_functions = target_.functions});
  // The same placement as fuzzing used: ASan heap for an ASan library (see fuzz).
  heap_buffers_ = binary::read_instrumentation(session_->target.options.lib).address_sanitizer;
}

report::ClassifyContext Replayer::context() const { return context_of(*session_); }

void Replayer::classify(ReplayOutcome& o) const {
  report::ClassifyContext ctx = context();
  report::read_worker_lines(o.log, ctx);
  o.finding = report::classify(o.log, ctx);
  if (o.finding.finding_class.empty() && o.exit.exit_code != 0 && o.exit.exit_code != kExitUsage) {
    // It died, and said nothing we know: still a finding (libFuzzer saved it for a reason).
    o.finding.finding_class = "abort";
    o.finding.function = ctx.last_traced_call;
    o.finding.function_from_trace = !o.finding.function.empty();
  }
  if (o.reproduced()) o.key = report::dedup_key(o.finding, ctx), o.site = report::leak_site_key(o.finding, ctx);
}

ReplayOutcome Replayer::run_file(const std::string& path) {
  ++replays_;
  WorkerFlags flags{.heap_buffers = heap_buffers_, .only_functions = target_.functions};
  std::vector<std::string> argv = replay_worker_argv(self_executable(), session_->target.options, flags, path, timeout_);
  ReplayOutcome o;
  o.exit = run_streaming(argv, [&](const std::string& line) { o.log += line + "\n"; });
  if (o.exit.exit_code == kExitUsage) {
    // The worker refused the target: its one line says why.
    std::string why = o.log.substr(o.log.find("error: ") == std::string::npos ? 0 : o.log.find("error: ") + 7);
    throw InputError(why.substr(0, why.find('\n')));
  }
  classify(o);
  return o;
}

ReplayOutcome Replayer::replay(const InputFile& input) {
  ReplayOutcome o = input.text ? replay(input.program) : run_file(fs::absolute(input.path).string());
  if (name_leaking_call(*this, input.program, o.finding)) o.key = report::dedup_key(o.finding, context());
  return o;
}

ReplayOutcome Replayer::replay(const program::Program& p) {
  std::vector<uint8_t> bytes = program::encode(session_->plan, session_->target.api, p);
  fs::path tmp = fs::temp_directory_path() /
                 ("ffifuzz-replay-" + std::to_string(getpid()) + "-" + std::to_string(replays_) + ".bin");
  {
    std::ofstream out(tmp, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  }
  ReplayOutcome o;
  try {
    o = run_file(tmp.string());
  } catch (...) {
    fs::remove(tmp);
    throw;
  }
  fs::remove(tmp);
  return o;
}

report::DedupKey finding_key(const FuzzSession& session, const report::Classification& finding) {
  return report::dedup_key(finding, context_of(session));
}

}  // namespace ffifuzz::cli
