#include "cli/ci_workers.h"

#include <chrono>
#include <fstream>
#include <regex>

#include "cli/progress.h"

namespace ffifuzz::cli {
namespace fs = std::filesystem;

namespace {

std::vector<std::string> worker_argv(const CiWorkerTarget& t) {
  std::vector<std::string> argv = {self_executable(), kWorkerMarker};
  for (const std::string& a : worker_option_args(t.options, t.flags)) argv.push_back(a);
  return argv;
}

// Runs argv, writing every line to `log` as it comes (a killed run still leaves its log).
PassResult run_pass(const std::vector<std::string>& argv, const fs::path& log, const std::string& cwd,
                    const std::function<void(const std::string&)>& also = nullptr) {
  static const std::regex artifact_re(R"(Test unit written to (\S+))");
  PassResult r;
  std::ofstream out(log, std::ios::app);
  r.exit = run_streaming(
      argv,
      [&](const std::string& line) {
        out << line << '\n';
        r.log += line;
        r.log += '\n';
        std::smatch m;
        if (r.artifact.empty() && std::regex_search(line, m, artifact_re)) r.artifact = m[1];
        if (also) also(line);
      },
      cwd, /*own_group=*/true);
  return r;
}

}  // namespace

PassResult run_corpus_pass(const CiWorkerTarget& t, const std::vector<fs::path>& dirs, const fs::path& artifacts,
                           const fs::path& log) {
  std::vector<std::string> argv = worker_argv(t);
  for (const std::string& f : worker_limit_flags(10)) argv.push_back(f);
  argv.push_back("-runs=0");
  argv.push_back("-artifact_prefix=" + artifacts.string() + "/");
  for (const fs::path& d : dirs) argv.push_back(d.string());
  return run_pass(argv, log, artifacts.string());
}

FuzzPass run_fuzz_pass(const CiWorkerTarget& t, const FuzzSettings& s, const fs::path& log) {
  CiWorkerTarget counted = t;
  counted.flags.stats_dir = s.stats_dir.string();
  std::vector<std::string> argv = worker_argv(counted);
  for (const std::string& f : fuzzing_libfuzzer_flags(s.artifacts.string() + "/")) argv.push_back(f);
  // Fork mode goes on after a finding: each job is a process, a job that dies is replaced,
  // its input is saved as an artifact, and the run ends when the time is up.
  for (const std::string& f : {"-fork=" + std::to_string(s.jobs), std::string("-ignore_crashes=1"),
                               std::string("-ignore_ooms=1"), std::string("-ignore_timeouts=1"),
                               "-max_total_time=" + std::to_string(s.seconds)})
    argv.push_back(f);
  if (s.seed >= 0) argv.push_back("-seed=" + std::to_string(s.seed));
  for (const std::string& f : s.extra_flags) argv.push_back(f);
  argv.push_back(s.incoming.string());
  for (const fs::path& d : s.read_only) argv.push_back(d.string());

  FuzzPass fuzz;
  ProgressPrinter progress(stderr);
  auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  fuzz.pass = run_pass(argv, log, s.cwd.string(), [&](const std::string& line) {
    progress.line(line);
    if (std::optional<StatusLine> st = parse_status_line(line)) {
      fuzz.last = *st;
      fuzz.samples.push_back({elapsed(), st->executions, st->coverage, st->features});
    }
  });
  progress.finish();
  fuzz.seconds = elapsed();
  return fuzz;
}

PassResult run_merge_pass(const CiWorkerTarget& t, const fs::path& into, const std::vector<fs::path>& inputs,
                          const fs::path& control, const fs::path& log) {
  std::vector<std::string> argv = worker_argv(t);
  for (const std::string& f : worker_limit_flags(10)) argv.push_back(f);
  argv.push_back("-set_cover_merge=1");
  argv.push_back("-merge_control_file=" + control.string());
  argv.push_back(into.string());
  for (const fs::path& d : inputs) argv.push_back(d.string());
  return run_pass(argv, log, into.parent_path().string());
}

std::map<std::string, FunctionCoverage> run_coverage_pass(const CiWorkerTarget& t, const fs::path& corpus,
                                                          const fs::path& scratch, const fs::path& log) {
  std::vector<std::string> argv = worker_argv(t);
  for (const std::string& f : worker_limit_flags(10)) argv.push_back(f);
  argv.push_back("-runs=0");
  argv.push_back("-print_coverage=1");
  argv.push_back("-artifact_prefix=" + scratch.string() + "/");
  argv.push_back(corpus.string());
  PassResult r = run_pass(argv, log, scratch.string());
  return parse_print_coverage(r.log);
}

}  // namespace ffifuzz::cli
