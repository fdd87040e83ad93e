#include "campaign/replay.h"

#include <unistd.h>

#include <cstdio>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "binary/elf_file.h"
#include "binary/instrumentation.h"
#include "campaign/exit_codes.h"
#include "campaign/folder_contracts.h"
#include "campaign/leak_origin.h"
#include "campaign/libfuzzer_output.h"
#include "campaign/load_probe.h"
#include "campaign/session_file.h"
#include "campaign/worker_args.h"
#include "contract/config_file.h"
#include "model/error.h"
#include "program/codec.h"
#include "report/write_file.h"

namespace ffifuzz::campaign {
namespace fs = std::filesystem;

namespace {

report::ClassifyContext context_of(const FuzzSession& s) {
  report::ClassifyContext ctx;
  for (const model::Function& f : s.target.api.functions) ctx.exported_functions.insert(f.name);
  ctx.library_path = s.target.options.lib;
  return ctx;
}

// A replay gets libFuzzer's -timeout plus this much for starting (the header is parsed, the
// library loaded) and for a leak check at its end, before the watchdog ends it.
constexpr int kReplayOverheadSeconds = 30;

}  // namespace

ReplayTarget resolve_replay_target(const TargetOptions& given, const std::vector<std::string>& given_functions,
                                   const std::string& input) {
  if (!given.lib.empty() || !given.config.empty()) return {with_absolute_paths(given), given_functions};
  fs::path folder = fs::path(input).parent_path();
  fs::path summary = folder / report::kSummaryFile;
  std::ifstream in(summary);
  if (!in)
    throw InputError(input + ": which library? pass --lib and --header (as for 'ffifuzz fuzz'), or give an input "
                     "inside a finding folder (it has " + std::string(report::kSummaryFile) + ")");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const report::FindingTarget recorded = report::summary_from_json(text, summary.string()).target;
  // The folder's own copies of its contracts; a --contract given replaces its copy (said, never
  // silently ignored).
  FolderTargetOptions options = folder_target_options(recorded, folder.empty() ? "." : folder, given.contract);
  for (const std::string& note : options.notes) std::fprintf(stderr, "ffifuzz: %s\n", note.c_str());
  ReplayTarget t{std::move(options.options), recorded.functions};
  if (!given_functions.empty()) t.functions = given_functions;
  return t;
}

report::FindingTarget to_finding_target(const ReplayTarget& r) {
  const TargetOptions& o = r.options;
  report::FindingTarget t;
  t.lib = o.lib;
  t.headers = o.headers;
  t.contract = o.contract;
  t.learned = o.learned;
  t.config = o.config;
  t.lang = o.lang;
  t.include_dirs = o.include_dirs;
  t.defines = o.defines;
  t.pre_includes = o.pre_includes;
  t.target = o.target;
  t.functions = r.functions;
  return t;
}

Replayer::Replayer(ReplayTarget target, const Workspace* workspace, bool probe) : target_(std::move(target)) {
  if (!workspace) {
    own_workspace_ = std::make_unique<Workspace>(Workspace::temporary());
    workspace = own_workspace_.get();
  }
  workspace_ = workspace;
  // The library's constructors run in a child first: one that crashes or hangs is one line.
  if (probe) probe_target_library(target_.options, workspace_);
  session_ = FuzzSession::open(target_.options, {.only_functions = target_.functions});
  session_file_ = write_session_file(*session_, target_.functions, workspace_->root());
  // The same placement as fuzzing used: ASan heap for an ASan library (see fuzz).
  heap_buffers_ = binary::read_instrumentation(session_->target.options.lib).address_sanitizer;
}

Replayer::~Replayer() {
  std::error_code ec;
  std::filesystem::remove(session_file_, ec);
}

report::ClassifyContext Replayer::context() const { return context_of(*session_); }

void Replayer::classify(ReplayOutcome& o) const {
  report::ClassifyContext ctx = context();
  report::read_worker_lines(o.log, ctx);
  o.finding = report::classify(o.log, ctx);
  if (o.finding.finding_class.empty() && !o.ran_to_end && o.end.exit_code != kExitUsage) {
    // It ended before the end of its input and said nothing we know: the library ended the
    // process quietly (a raw exit system call, a handler of its own), or it hung past every
    // limit. Either way a finding, not a clean run.
    report::Classification& c = o.finding;
    c.function = ctx.last_traced_call;
    c.function_from_trace = !c.function.empty();
    const std::string during = c.function.empty() ? "" : " during a call of " + c.function;
    if (o.end.deadline_passed) {
      c.finding_class = "timeout";
      c.message = "the replay did not end within its time limit" + during + " (killed by the supervisor)";
    } else if (o.end.term_signal) {
      c.finding_class = "abort";
      c.message = "the process was killed by signal " + std::to_string(o.end.term_signal) + during +
                  " without a report";
    } else {
      c.finding_class = "exit";
      c.message = "the process ended quietly with exit status " + std::to_string(o.end.exit_code) + during +
                  ", without a report";
    }
  }
  if (o.reproduced()) o.key = report::dedup_key(o.finding, ctx), o.site = report::leak_site_key(o.finding, ctx);
}

unsigned folder_repeat(const std::string& input) {
  fs::path summary = fs::path(input).parent_path() / report::kSummaryFile;
  std::error_code ec;
  if (!fs::exists(summary, ec)) return 1;
  try {
    return report::summary_from_json(report::read_whole_file(summary.string()), summary.string()).finding.repeat;
  } catch (const InputError&) {
    return 1;
  }
}

ReplayOutcome Replayer::replay_file(const std::string& path, unsigned runs) {
  ++replays_;
  if (runs == 0) runs = repeat_;
  WorkerFlags flags{.heap_buffers = heap_buffers_, .trace = true, .only_functions = target_.functions};
  flags.scratch_dir = workspace_->scratch().string();
  flags.set_aside_file = set_aside_file_;
  flags.session_file = session_file_;
  flags.writable = {workspace_->root().string()};
  WorkerSpec spec;
  spec.scratch = flags.scratch_dir;
  spec.argv = {worker_executable(), kWorkerMarker};
  for (const std::string& a : worker_option_args(session_->target.options, flags)) spec.argv.push_back(a);
  for (const std::string& f : worker_limit_flags(timeout_)) spec.argv.push_back(f);
  if (runs > 1) spec.argv.push_back("-runs=" + std::to_string(runs));
  // Absolute: the worker works in its scratch folder once its first program runs, and
  // libFuzzer reads the file again for each of `runs`.
  spec.argv.push_back(std::filesystem::absolute(path).string());
  spec.env = {"TMPDIR=" + workspace_->tmp().string()};
  Clock::time_point bound = Clock::now() + std::chrono::seconds(timeout_ + kReplayOverheadSeconds);
  const bool campaign_bound = deadline_ && *deadline_ < bound;
  spec.deadline = campaign_bound ? *deadline_ : bound;
  ReplayOutcome o;
  LibFuzzerRun run;
  o.end = run_worker(spec, [&](std::string_view line) { run.read(line); });
  o.log = o.end.log;
  if (o.end.exit_code == kExitUsage && o.log.find("ffifuzz: error: ") != std::string::npos) {
    // The worker refused the target: its one line says why.
    std::string why = o.log.substr(o.log.find("ffifuzz: error: ") + 16);
    throw InputError(why.substr(0, why.find('\n')));
  }
  o.ran_to_end = !run.executed_inputs.empty();
  o.cut_short = campaign_bound && o.end.deadline_passed;
  if (!o.cut_short) classify(o);
  return o;
}

ReplayOutcome Replayer::replay(const InputFile& input) {
  // An input of a finding that shows only when repeated is replayed so.
  const unsigned before = repeat_;
  if (repeat_ == 1) repeat_ = folder_repeat(input.path);
  ReplayOutcome o = input.text ? replay(input.program) : replay_file(fs::absolute(input.path).string());
  repeat_ = before;
  if (name_leaking_call(*this, input.program, o.finding)) o.key = report::dedup_key(o.finding, context());
  return o;
}

ReplayOutcome Replayer::replay(const program::Program& p) {
  std::vector<uint8_t> bytes = program::encode(session_->plan, session_->target.api, p);
  fs::path tmp = workspace_->tmp() / ("replay-" + std::to_string(getpid()) + "-" + std::to_string(replays_) + ".bin");
  {
    std::ofstream out(tmp, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  }
  ReplayOutcome o;
  try {
    o = replay_file(tmp.string());
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

}  // namespace ffifuzz::campaign
