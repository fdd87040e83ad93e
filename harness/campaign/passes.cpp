#include "campaign/passes.h"

#include "campaign/progress.h"

namespace ffifuzz::campaign {
namespace fs = std::filesystem;

namespace {

// The worker's command line and environment, contained to `writable` (plus the workspace).
WorkerSpec worker_spec(const WorkerTarget& t, WorkerFlags flags, std::vector<fs::path> writable) {
  WorkerSpec spec;
  if (t.workspace) {
    flags.inflight_dir = t.workspace->inflight().string();
    flags.set_aside_file = t.workspace->set_aside().string();
    flags.scratch_dir = t.workspace->scratch().string();
    spec.scratch = flags.scratch_dir;
    writable.push_back(t.workspace->root());
    spec.env.push_back("TMPDIR=" + t.workspace->tmp().string());
    // Leaks already reported in this run (set_aside.h); read by each process at its first check.
    spec.env.push_back("LSAN_OPTIONS=suppressions=" + t.workspace->leak_suppressions().string() +
                       ":print_suppressions=0");
  }
  for (const fs::path& w : writable) {
    std::error_code ec;
    fs::create_directories(w, ec);
    flags.writable.push_back(fs::absolute(w).lexically_normal().string());
  }
  spec.argv = {worker_executable(), kWorkerMarker};
  for (const std::string& a : worker_option_args(t.options, flags)) spec.argv.push_back(a);
  return spec;
}

PassResult run_pass(WorkerSpec spec, const fs::path& log, const std::string& cwd,
                    std::optional<Clock::time_point> deadline,
                    const std::function<void(std::string_view)>& also = nullptr,
                    const TickAction& on_tick = nullptr) {
  spec.cwd = cwd;
  spec.deadline = deadline;
  spec.log_path = log.string();
  PassResult r;
  r.end = run_worker(
      spec,
      [&](std::string_view line) {
        r.run.read(line);
        if (also) also(line);
      },
      on_tick);
  return r;
}

}  // namespace

PassResult run_corpus_pass(const WorkerTarget& t, const std::vector<fs::path>& dirs, const fs::path& artifacts,
                           const fs::path& log, std::optional<Clock::time_point> deadline) {
  WorkerSpec spec = worker_spec(t, t.flags, {artifacts});
  for (const std::string& f : worker_limit_flags(10)) spec.argv.push_back(f);
  for (const char* f : {"-runs=0", "-print_final_stats=1"}) spec.argv.push_back(f);
  spec.argv.push_back("-artifact_prefix=" + artifacts.string() + "/");
  for (const fs::path& d : dirs) spec.argv.push_back(fs::absolute(d).string());
  return run_pass(spec, log, artifacts.string(), deadline);
}

// libFuzzer's line when it gives up checking each input for leaks (FuzzerLoop.cpp,
// TryDetectingAMemoryLeak). A -fork job's output goes to a file of its own, not to this pipe:
// a known limit (docs/findings.md), bounded by the job's own end (at most 300 s).
constexpr std::string_view kLeakChecksStopped = "INFO: libFuzzer disabled leak detection";

FuzzPass run_fuzz_pass(const WorkerTarget& t, const FuzzSettings& s, const fs::path& log,
                       const TickAction& on_tick) {
  WorkerFlags flags = t.flags;
  flags.stats_dir = s.stats_dir.string();
  std::vector<fs::path> writable = {s.incoming, s.artifacts, s.cwd};
  if (!s.stats_dir.empty()) writable.push_back(s.stats_dir);
  WorkerSpec spec = worker_spec(t, flags, writable);
  for (const std::string& f : fuzzing_libfuzzer_flags(s.artifacts.string() + "/")) spec.argv.push_back(f);
  if (s.fork_jobs > 0) {
    // Fork mode goes on after a finding: each job is a process, a job that dies is replaced,
    // its input is saved as an artifact, and the run ends when the time is up.
    for (const std::string& f : {"-fork=" + std::to_string(s.fork_jobs), std::string("-ignore_crashes=1"),
                                 std::string("-ignore_ooms=1"), std::string("-ignore_timeouts=1")})
      spec.argv.push_back(f);
  }
  if (s.seconds >= 0) spec.argv.push_back("-max_total_time=" + std::to_string(s.seconds));
  if (s.runs >= 0) spec.argv.push_back("-runs=" + std::to_string(s.runs));
  if (s.seed >= 0) spec.argv.push_back("-seed=" + std::to_string(s.seed));
  for (const std::string& f : s.extra_flags) spec.argv.push_back(f);
  spec.argv.push_back(fs::absolute(s.incoming).string());
  for (const fs::path& d : s.read_only) spec.argv.push_back(fs::absolute(d).string());

  FuzzPass fuzz;
  std::optional<ProgressPrinter> own;
  ProgressPrinter& progress = s.progress ? *s.progress : own.emplace(stderr);
  auto start = Clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  fuzz.pass = run_pass(
      spec, log, s.cwd.string(), s.deadline,
      [&](std::string_view line) {
        if (s.echo) progress.line(line);
        if (s.fork_jobs == 0 && line.rfind(kLeakChecksStopped, 0) == 0) fuzz.leak_checks_stopped = true;
        if (line.empty() || line[0] != '#') return;
        if (std::optional<StatusLine> st = parse_status_line(line))
          fuzz.samples.push_back({elapsed(), st->executions, st->coverage, st->features});
      },
      [&] {
        // Both asked: on_tick classifies what was saved whatever the answer.
        const bool asked = on_tick && on_tick();
        return asked || fuzz.leak_checks_stopped;
      });
  if (own) own->finish();  // a run's printer is finished by its run (the line spans restarts)
  fuzz.seconds = elapsed();
  return fuzz;
}

PassResult run_merge_pass(const WorkerTarget& t, const fs::path& into, const std::vector<fs::path>& inputs,
                          const fs::path& control, const fs::path& log, std::optional<Clock::time_point> deadline) {
  WorkerSpec spec = worker_spec(t, t.flags, {into, control.parent_path()});
  for (const std::string& f : worker_limit_flags(10)) spec.argv.push_back(f);
  spec.argv.push_back("-set_cover_merge=1");
  spec.argv.push_back("-merge_control_file=" + control.string());
  spec.argv.push_back(fs::absolute(into).string());
  for (const fs::path& d : inputs) spec.argv.push_back(fs::absolute(d).string());
  return run_pass(spec, log, into.parent_path().string(), deadline);
}

std::map<std::string, FunctionCoverage> run_coverage_pass(const WorkerTarget& t, const fs::path& corpus,
                                                          const fs::path& scratch, const fs::path& log,
                                                          std::optional<Clock::time_point> deadline) {
  WorkerSpec spec = worker_spec(t, t.flags, {scratch});
  for (const std::string& f : worker_limit_flags(10)) spec.argv.push_back(f);
  spec.argv.push_back("-runs=0");
  spec.argv.push_back("-print_coverage=1");
  spec.argv.push_back("-artifact_prefix=" + scratch.string() + "/");
  spec.argv.push_back(fs::absolute(corpus).string());
  PassResult r = run_pass(spec, log, scratch.string(), deadline);
  return parse_print_coverage(r.end.log);
}

}  // namespace ffifuzz::campaign
