#include "campaign/ci_campaign.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "binary/instrumentation.h"
#include "campaign/budget.h"
#include "campaign/call_health.h"
#include "campaign/corpus_folders.h"
#include "campaign/exit_codes.h"
#include "campaign/finding_store.h"
#include "campaign/input_length.h"
#include "campaign/learning.h"
#include "campaign/passes.h"
#include "campaign/replay.h"
#include "campaign/run_findings.h"
#include "campaign/saved_inputs.h"
#include "campaign/seed_programs.h"
#include "campaign/set_aside.h"
#include "campaign/static_check.h"
#include "campaign/stop_signals.h"
#include "campaign/version.h"
#include "campaign/workspace.h"
#include "driver/call_stats.h"
#include "driver/length_control.h"
#include "driver/library_edges.h"
#include "model/error.h"
#include "report/ci_result.h"
#include "report/write_file.h"

namespace ffifuzz::campaign {
namespace {
namespace fs = std::filesystem;

constexpr int kPhases = 5;

// One line when a phase starts and one when it ends, in the CI log.
class PhaseLog {
 public:
  explicit PhaseLog(report::CiResult& r) : result_(r) {}
  void start(const std::string& name, const std::string& what) {
    ++index_;
    name_ = name;
    start_ = Clock::now();
    std::fprintf(stderr, "ffifuzz ci: [%d/%d] %s: %s\n", index_, kPhases, name.c_str(), what.c_str());
  }
  void end(const std::string& status, const std::string& detail) {
    double s = std::chrono::duration<double>(Clock::now() - start_).count();
    result_.phases.push_back({name_, status, s, detail});
    std::fprintf(stderr, "ffifuzz ci: [%d/%d] %s: %s, %s (%.1f s)\n", index_, kPhases, name_.c_str(), status.c_str(),
                 detail.c_str(), s);
  }
  const std::string& current() const { return name_; }

 private:
  report::CiResult& result_;
  int index_ = 0;
  std::string name_;
  Clock::time_point start_;
};

// A folder holding the corpus without the inputs already found to fail, so the next pass
// gets past them (hard links; copies where the filesystem has none).
fs::path corpus_view(const fs::path& corpus, const std::set<fs::path>& excluded, const fs::path& view) {
  fs::remove_all(view);
  fs::create_directories(view);
  size_t i = 0;
  for (const fs::path& f : input_files(corpus)) {
    if (excluded.count(f)) continue;
    fs::path to = view / (std::to_string(i++) + "-" + f.filename().string());
    std::error_code ec;
    fs::create_hard_link(f, to, ec);
    if (ec) fs::copy_file(f, to);
  }
  return view;
}

// Every corpus input once; each one that fails is a regression (it was clean when kept).
// libFuzzer stops at the first failing input: the pass is repeated without it.
// Returns the failing inputs; `complete` is false when the pass could not be finished.
std::set<fs::path> regress_corpus(const WorkerTarget& t, const fs::path& corpus, const fs::path& out,
                                  RunFindings& findings, std::optional<Clock::time_point> deadline, bool& complete) {
  std::set<fs::path> failing;
  complete = false;
  fs::path artifacts = out / ".regress-artifacts";
  for (int round = 0; round < 32 && !stop_requested(); ++round) {
    fs::remove_all(artifacts);
    fs::create_directories(artifacts);
    fs::path dir = failing.empty() ? corpus : corpus_view(corpus, failing, out / ".regress-view");
    PassResult r = run_corpus_pass(t, {dir}, artifacts, out / "logs" / "regress.log", deadline);
    if (stop_requested() || r.end.deadline_passed) break;
    if (r.run.saved.empty()) {
      complete = r.run.finished();
      break;
    }
    const fs::path saved = r.run.saved.front().path;
    findings.add_saved_input(saved, report::kFromCorpus, r.end.log);
    // Which corpus file it was: libFuzzer saved its bytes.
    std::string bytes = report::read_whole_file(saved);
    bool found = false;
    for (const fs::path& f : input_files(corpus))
      if (!failing.count(f) && report::read_whole_file(f) == bytes) {
        failing.insert(f);
        found = true;
        break;
      }
    if (!found) break;
  }
  fs::remove_all(artifacts);
  fs::remove_all(out / ".regress-view");
  return failing;
}

// Earlier finding folders: each one reproduces (a finding again, new or known) or is fixed.
void regress_known(const fs::path& dir, RunFindings& findings, int& reproduced, int& fixed,
                   std::optional<Clock::time_point> deadline) {
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
    if (stop_requested() || (deadline && Clock::now() >= *deadline)) return;
    const fs::path& p = it->path();
    if (!it->is_directory() || !fs::exists(p / report::kSummaryFile)) continue;
    it.disable_recursion_pending();
    if (!fs::exists(p / report::kInputFile)) continue;
    report::FindingSummary s;
    try {
      s = report::summary_from_json(report::read_whole_file(p / report::kSummaryFile), (p / report::kSummaryFile).string());
    } catch (const InputError&) {
      continue;
    }
    RunFindings::Added added = findings.add_saved_input(p / report::kInputFile, report::kFromKnown);
    if (added.out_of_time) return;  // not replayed: neither reproduced nor fixed
    if (added.finding) ++reproduced;
    else {
      findings.add_fixed(s, p);
      ++fixed;
    }
  }
}

// The calls of every fuzz pass (each counted in its own folder), by function name.
std::map<std::string, uint64_t> calls_of_every_pass(const fs::path& stats) {
  std::map<std::string, uint64_t> total;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(stats, ec))
    for (const auto& [name, c] : driver::read_call_stats(e.path().string()).functions) total[name] += c.calls;
  return total;
}

std::vector<report::FunctionStats> function_stats(const FuzzSession& s, const std::vector<std::string>& focus,
                                                  const std::map<std::string, uint64_t>& calls,
                                                  const std::map<std::string, FunctionCoverage>& coverage) {
  std::vector<report::FunctionStats> out;
  for (const model::Function& f : s.target.api.functions) {
    report::FunctionStats st;
    st.name = f.name;
    if (auto c = calls.find(f.name); c != calls.end()) st.calls = c->second;
    if (auto c = coverage.find(f.name); c != coverage.end()) {
      st.edges_covered = c->second.covered;
      st.edges_total = c->second.total;
    }
    if (s.plan.index_of(f.name) < 0) {
      st.skipped = focus.empty() ? "not callable" : "outside the --function focus";
      for (const program::SkippedFunction& k : s.plan.skipped)
        if (k.name == f.name) st.skipped = k.reason;
      for (const std::string& n : s.not_exported)
        if (n == f.name) st.skipped = "not exported by the library";
    }
    out.push_back(st);
  }
  return out;
}

void write_reports(const report::CiResult& r, const fs::path& out, const std::string& write_baseline) {
  auto write = [&](const char* name, const std::string& text) { report::write_file_atomically((out / name).string(), text); };
  write("coverage.svg", report::coverage_svg(r.coverage_over_time, r.library_edges_total));
  write("summary.md", report::ci_markdown(r, "coverage.svg"));
  write("summary.json", report::ci_json(r));
  write("junit.xml", report::ci_junit(r));
  write("results.sarif", report::ci_sarif(r));
  report::Baseline b;
  for (const report::Finding& f : r.findings)
    if (f.state != report::kStateFixed) b.entries.push_back({f.key, f.klass, f.function, ""});
  write("baseline.json", report::baseline_to_json(b));
  if (!write_baseline.empty()) report::write_file_atomically(write_baseline, report::baseline_to_json(b));
}

// Saved inputs the run had no time to classify: kept beside the corpus for the next run.
size_t keep_pending(const std::vector<fs::path>& inputs, const fs::path& pending) {
  std::error_code ec;
  fs::create_directories(pending, ec);
  size_t n = 0;
  for (const fs::path& p : inputs) {
    fs::copy_file(p, pending / p.filename(), fs::copy_options::overwrite_existing, ec);
    n += !ec;
  }
  return n;
}

}  // namespace

int run_ci_campaign(const CiCampaignOptions& o) {
  install_stop_handlers();
  const Budget budget(o.seconds);
  for (const std::string& s : o.seed_corpora)
    if (!fs::is_directory(s)) throw InputError(s + ": seed corpus folder does not exist");
  if (!o.known_findings.empty() && fs::exists(o.known_findings) && !fs::is_directory(o.known_findings))
    throw InputError(o.known_findings + ": not a folder (--findings names the folder that keeps earlier finding "
                                        "folders)");

  report::CiResult result;
  result.command_line = o.command_line;
  result.source_root = o.source_root;
  result.tool_version = std::string(FFIFUZZ_VERSION) + " (git " + FFIFUZZ_GIT_REVISION + ")";
  result.started = report::iso_time_now();
  result.time_budget_seconds = o.seconds;
  result.jobs = o.jobs;
  result.static_checks = static_check_classes();
  PhaseLog phase(result);

  fs::path out = fs::absolute(o.out).lexically_normal();
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) throw InputError(out.string() + ": cannot create the output folder: " + ec.message());
  // OUT holds one run: what an earlier run left there would be mistaken for this one's.
  for (const char* stale : {"findings", "artifacts", "logs", ".stats", ".coverage", ".fuzz-view", ".regress-view",
                            ".regress-artifacts", "summary.md", "summary.json", "junit.xml", "results.sarif",
                            "coverage.svg", "baseline.json"})
    fs::remove_all(out / stale);
  for (const char* dir : {"findings", "artifacts", "logs", ".stats", ".coverage"}) fs::create_directories(out / dir);
  Workspace workspace(out / ".campaign", false);

  // The target first (a load probe, the header, the library): bad input is one line, before
  // any phase starts.
  TargetOptions target = with_absolute_paths(o.target);
  std::optional<Learner> learner;
  if (o.learn) {
    learner.emplace(out / kLearnedFile, ReplayTarget{target, o.functions}, workspace);
    target.learned = learner->snapshot();
    result.learning = true;
    result.learned_file = learner->file().string();
  }
  auto replayer = std::make_unique<Replayer>(ReplayTarget{target, o.functions}, &workspace);
  target = replayer->session().target.options;  // the config applied
  SetAside set_aside(workspace.set_aside(), workspace.leak_suppressions());
  RunFindings findings(*replayer, out, o.baseline, &set_aside);
  replayer->set_aside_file(workspace.set_aside().string());
  if (learner) {
    findings.set_learner(&*learner);
    learner->set_aside_file(replayer->aside_file());
  }
  // Every rule learned, in the reports: nothing is learned away silently.
  auto record_learned = [&] {
    if (learner) result.learned = learner->learned();
  };
  CorpusFolders corpus(o.corpus.empty() ? out / "corpus" : fs::path(o.corpus));
  corpus.recover();
  const fs::path pending = fs::path(corpus.corpus.string() + ".pending");
  result.corpus = corpus.corpus.string();
  if (size_t n = remove_empty_inputs(corpus.corpus) + remove_empty_inputs(corpus.incoming))
    result.notes.push_back("removed " + std::to_string(n) + " empty input(s) an interrupted run left in the corpus");

  // What a stop signal leaves: the reports of what the run had, and one line.
  auto stopped = [&] {
    result.interrupted = true;
    record_learned();
    result.findings = findings.all();
    result.exit_code = stop_exit_code();
    result.notes.push_back(std::string("interrupted by ") + stop_signal_name() + " during the " + phase.current() +
                           " phase");
    write_reports(result, out, "");
    std::fprintf(stderr,
                 "ffifuzz ci: interrupted by %s during %s; corpus kept in %s (%zu inputs; new inputs kept in %s for the "
                 "next run's merge), %ld finding(s); partial reports in %s\n",
                 stop_signal_name(), phase.current().c_str(), corpus.corpus.c_str(), input_files(corpus.corpus).size(),
                 corpus.incoming.c_str(), findings.count_new(), out.c_str());
    return stop_exit_code();
  };

  // What a first night lacks is normal (docs/ci.md, "The first night"): said once the input is
  // known to be good, so that bad input stays one line. The findings folder is made for the
  // nights to come.
  std::vector<std::string> first_run = o.first_run_notes;
  if (!o.known_findings.empty() && !fs::is_directory(o.known_findings)) {
    fs::create_directories(o.known_findings, ec);
    if (ec) throw InputError(o.known_findings + ": cannot create the findings folder (--findings): " + ec.message());
    first_run.push_back("findings folder " + o.known_findings +
                        " did not exist (a first run?): created it, empty; no earlier finding to replay");
  }
  for (const std::string& n : first_run) {
    std::fprintf(stderr, "ffifuzz ci: note: %s\n", n.c_str());
    result.notes.push_back(n);
  }

  // 1. check
  phase.start("check", "header against binary");
  StaticCheck check = run_static_check(target, false);
  result.library = check.report.library;
  result.headers = check.report.headers;
  for (const report::Finding& f : check.report.findings) findings.add_check(f);
  phase.end(check.report.findings.empty() ? "ok" : "findings",
            std::to_string(check.report.findings.size()) + " finding(s) in " +
                std::to_string(check.result.functions_declared) + " declared function(s)");

  binary::Instrumentation inst = binary::read_instrumentation(target.lib);
  result.instrumented = inst.sanitizer_coverage;
  WorkerTarget workers{target,
                       {.api_signal = !inst.sanitizer_coverage, .heap_buffers = inst.address_sanitizer,
                        .only_functions = o.functions, .session_file = replayer->session_file()},
                       &workspace};
  note_unreadable_seeds(replayer->session().plan, replayer->session().target.api, o.seed_corpora);
  if (input_files(corpus.corpus).empty() && input_files(corpus.incoming).empty() && o.seed_corpora.empty())
    write_seed_corpus(replayer->session().plan, replayer->session().target.api, corpus.corpus);
  result.corpus_before = static_cast<long>(input_files(corpus.corpus).size());

  // The budget is the run's (docs/ci.md, "The budget"): the fuzz phase leaves the later work a
  // fifth (at least 2 s); the first half of that classifies what fuzzing saved and had no time
  // for, the second half merges, measures and minimizes. Classifying, learning, minimizing and
  // the regress replays stop at the end; the merge and the coverage pass may overrun it by
  // kCiOverrunSeconds (a corpus swapped whole, its coverage measured); the grace covers that.
  const long reserve = std::max(2L, o.seconds / 5);
  const Clock::time_point run_end = *budget.end();
  const Clock::time_point fuzz_end = run_end - std::chrono::seconds(reserve);
  const Clock::time_point classify_end = run_end - std::chrono::seconds(reserve - reserve / 2);
  const Clock::time_point overrun_end = run_end + std::chrono::seconds(kCiOverrunSeconds);
  result.budget_split = "fuzzing until " + std::to_string(o.seconds - reserve) +
                        " s, classifying what it saved until " + std::to_string(o.seconds - (reserve - reserve / 2)) +
                        " s, merging, measuring coverage and minimizing until " + std::to_string(o.seconds) +
                        " s (the merge and the coverage pass may take " + std::to_string(kCiOverrunSeconds) +
                        " s more); the run ends within " + std::to_string(o.seconds + kCiGraceSeconds) + " s";
  // A learned rule is tried only within the phase's time, like every replay.
  auto set_deadlines = [&](std::optional<Clock::time_point> d) {
    replayer->set_deadline(d);
    if (learner) learner->set_deadline(d);
  };

  // 2. regress
  std::vector<fs::path> pending_inputs = input_files(pending);
  phase.start("regress", "earlier findings" +
                             (o.known_findings.empty() ? std::string(" (none given)") : " in " + o.known_findings) +
                             ", " + std::to_string(pending_inputs.size()) + " unclassified input(s) of the last run" +
                             " and the " + std::to_string(result.corpus_before) + " corpus inputs");
  int reproduced = 0, fixed = 0;
  set_deadlines(budget.end());
  if (!o.known_findings.empty()) regress_known(o.known_findings, findings, reproduced, fixed, budget.end());
  for (const fs::path& p : pending_inputs) {
    if (stop_requested() || Clock::now() >= *budget.end()) break;
    if (findings.add_saved_input(p, report::kFromFuzz).out_of_time) break;  // stays pending
    fs::remove(p, ec);
  }
  std::set<fs::path> failing;
  bool regress_complete = false;
  // Regressions matter more than fuzzing: the corpus replay may take the fuzz phase's time.
  if (!stop_requested())
    failing = regress_corpus(workers, corpus.corpus, out, findings, budget.end(), regress_complete);
  set_deadlines(std::nullopt);
  if (stop_requested()) return stopped();
  int regressions = static_cast<int>(failing.size());
  std::string regress_detail = std::to_string(reproduced) + " earlier finding(s) reproduce, " + std::to_string(fixed) +
                               " fixed, " + std::to_string(regressions) + " corpus input(s) fail";
  if (!regress_complete) regress_detail += "; the corpus replay did not finish (see logs/regress.log)";
  phase.end(reproduced || regressions ? "findings" : regress_complete ? "ok" : "incomplete", regress_detail);

  // 3. fuzz
  // At least a second (libFuzzer reads -max_total_time=0 as "no limit").
  const long fuzz_seconds = std::max(1L, static_cast<long>(std::chrono::duration_cast<std::chrono::seconds>(
                                                               fuzz_end - Clock::now()).count()));
  phase.start("fuzz", std::to_string(fuzz_seconds) + " s on " + std::to_string(o.jobs) + " job(s) (libFuzzer -fork)");
  FuzzSettings s;
  s.fork_jobs = o.jobs;
  s.seconds = fuzz_seconds;
  s.seed = o.seed;
  s.incoming = corpus.incoming;
  // Without the corpus inputs that fail (reported above; each job would die on them again).
  s.read_only.push_back(failing.empty() ? corpus.corpus : corpus_view(corpus.corpus, failing, out / ".fuzz-view"));
  for (const std::string& d : o.seed_corpora) s.read_only.push_back(absolute_path(d));
  s.artifacts = out / "artifacts";
  // One folder per pass: a restart under learned rules may change the plan's order.
  s.stats_dir = out / ".stats" / "pass-1";
  s.cwd = workspace.worker_cwd();
  fs::create_directories(s.cwd);
  s.extra_flags = o.libfuzzer_flags;
  {
    std::vector<fs::path> starting{corpus.corpus};
    for (const std::string& d : o.seed_corpora) starting.push_back(absolute_path(d));
    for (const std::string& f : max_len_for_inputs(s.extra_flags, starting, stderr)) s.extra_flags.push_back(f);
  }
  s.echo = false;  // libFuzzer's lines go to the log; ffifuzz ci says its own (status_line)
  SavedInputs saved(s.artifacts, workspace.inflight());
  long before = findings.count_new();
  size_t classified = 0;
  bool learned = false;  // this pass's workers run under rules that are out of date
  std::vector<fs::path> backlog;
  // Classified as they appear: a finding that comes back is set aside for the jobs that start
  // after it (set_aside.h).
  auto classify = [&](std::optional<Clock::time_point> until, bool running) {
    for (const fs::path& a : saved.take_new(running)) backlog.push_back(a);
    while (!backlog.empty() && !stop_requested() && (!until || Clock::now() < *until)) {
      fs::path a = backlog.front();
      backlog.erase(backlog.begin());
      set_deadlines(until);
      RunFindings::Added added = findings.add_saved_input(a, report::kFromFuzz, saved.report_of(a));
      set_deadlines(std::nullopt);
      if (added.out_of_time) {  // back in the queue: the next call (or the next run) has it
        backlog.insert(backlog.begin(), a);
        break;
      }
      ++classified;
      learned |= added.learned;
      if (!added.set_aside.empty()) std::fprintf(stderr, "ffifuzz ci: set aside: %s\n", added.set_aside.c_str());
    }
  };
  // The library's edges reached so far, every worker's (driver/library_edges.h): the plot's
  // points, a new one when the count rises and at least every 10 s.
  const fs::path stats_root = out / ".stats";
  Clock::time_point pass_start = Clock::now(), last_sample;
  auto sample_edges = [&](bool force) {
    const Clock::time_point now = Clock::now();
    driver::LibraryEdges e = driver::read_library_edges(stats_root.string());
    if (e.total == 0) return;
    bool rose = result.coverage_over_time.empty() || e.covered > result.coverage_over_time.back().library_edges;
    if (!force && !rose && now - last_sample < std::chrono::seconds(10)) return;
    last_sample = now;
    double at = result.fuzz_seconds + std::chrono::duration<double>(now - pass_start).count();
    uint64_t runs = result.executions + driver::read_call_stats(s.stats_dir.string()).programs;
    result.coverage_over_time.push_back({at, runs, e.covered});
    result.library_edges_reached = e.covered;
  };
  // The fuzz phase's lines on stderr are ffifuzz's own: libFuzzer's output, every fork job's
  // report and NEW_FUNC line among it, goes to logs/fuzz.log only (s.echo), and a status line
  // comes at the first executions and then every 30 s.
  std::optional<Clock::time_point> last_status;
  auto status_line = [&] {
    const Clock::time_point now = Clock::now();
    if (last_status && now - *last_status < std::chrono::seconds(30)) return;
    uint64_t runs = result.executions + driver::read_call_stats(s.stats_dir.string()).programs;
    if (runs == 0) return;
    last_status = now;
    double at = result.fuzz_seconds + std::chrono::duration<double>(now - pass_start).count();
    std::string edges = result.library_edges_reached ? ", " + std::to_string(result.library_edges_reached) +
                                                           " library edges reached"
                                                     : "";
    std::fprintf(stderr, "ffifuzz ci: fuzzing %.0f s: %llu executions%s, %zu saved input(s), %ld new finding(s)\n", at,
                 static_cast<unsigned long long>(runs), edges.c_str(), saved.seen(), findings.count_new() - before);
  };
  // A learned rule ends the pass (its jobs would go on breaking it) and the next one runs under
  // it, with the corpus so far, until the phase's time is up.
  FuzzPass fuzz;
  bool fuzz_ran = false;
  std::vector<std::string> not_tested;  // the last pass's (call_health.h)
  for (int round = 0;; ++round) {
    const fs::path log = out / "logs" / (round ? "fuzz-" + std::to_string(round + 1) + ".log" : "fuzz.log");
    s.seconds = std::max(1L, static_cast<long>(std::chrono::duration_cast<std::chrono::seconds>(
                                                 fuzz_end - Clock::now()).count()));
    s.seed = o.seed < 0 ? -1 : o.seed + round;
    // -fork notices -max_total_time only when a job ends: the watchdog ends the pass on time.
    s.deadline = fuzz_end + std::chrono::seconds(2);
    s.stats_dir = out / ".stats" / ("pass-" + std::to_string(round + 1));
    fs::create_directories(s.stats_dir);
    // Inputs and programs as long as the last pass had grown them (driver/length_control.h).
    if (round > 0)
      driver::carry_length_control((out / ".stats" / ("pass-" + std::to_string(round))).string(), s.stats_dir.string());
    CallHealth health(replayer->session().plan, s.stats_dir.string(), workspace.set_aside().string());
    learned = false;
    pass_start = Clock::now();
    fuzz = run_fuzz_pass(workers, s, log, [&] {
      sample_edges(false);
      status_line();
      classify(fuzz_end, true);
      for (const std::string& line : health.check()) std::fprintf(stderr, "ffifuzz ci: warning: %s\n", line.c_str());
      return learned;
    });
    for (const std::string& line : health.check()) std::fprintf(stderr, "ffifuzz ci: warning: %s\n", line.c_str());
    not_tested = health.said();
    if (fuzz.pass.end.ended_early) saved.drop_inflight();  // stopped by this campaign, not by its input
    if (stop_requested()) return stopped();
    if (fuzz.pass.end.exit_code == kExitUsage)
      throw InputError("the fuzz worker refused the target; see " + log.string());
    // Executions: libFuzzer's count, or the workers' own (driver/call_stats.h) when the watchdog
    // ended the -fork parent before its first status line.
    const uint64_t pass_executions =
        std::max<uint64_t>(fuzz.pass.run.executions(), driver::read_call_stats(s.stats_dir.string()).programs);
    fuzz_ran |= fuzz.pass.run.finished() || pass_executions > 0;
    sample_edges(true);
    for (report::CoverageSample sample : fuzz.samples) {
      sample.seconds += result.fuzz_seconds;
      sample.executions += static_cast<uint64_t>(result.executions);
      result.libfuzzer_status.push_back(sample);
    }
    result.executions += pass_executions;
    if (fuzz.pass.run.last_status) {
      result.libfuzzer_cov = std::max(result.libfuzzer_cov, fuzz.pass.run.last_status->coverage);
      result.features = std::max(result.features, fuzz.pass.run.last_status->features);
    }
    result.fuzz_seconds += fuzz.seconds;
    if (!learned || Clock::now() + std::chrono::seconds(2) >= fuzz_end) break;
    workers.options.learned = target.learned = learner->snapshot();
    // Inputs the last pass saved were made under the old rules: read them so.
    classify(fuzz_end, false);
    const std::string aside = replayer->aside_file();
    replayer = std::make_unique<Replayer>(ReplayTarget{target, o.functions}, &workspace, /*probe=*/false);
    workers.flags.session_file = replayer->session_file();
    replayer->set_aside_file(aside);
    findings.set_replayer(*replayer);
    std::fprintf(stderr, "ffifuzz ci: restarting the fuzz phase under %zu learned rule(s) (%s)\n",
                 learner->learned().size(), learner->file().c_str());
  }
  // What is left is classified within its share of the budget; the rest waits for the next run.
  classify(classify_end, false);
  if (stop_requested()) return stopped();
  size_t left = keep_pending(backlog, pending);
  std::string fuzz_detail = std::to_string(result.executions) + " executions, " + std::to_string(saved.seen()) +
                            " saved input(s), " + std::to_string(findings.count_new() - before) + " new finding(s)";
  if (left) {
    fuzz_detail += "; " + std::to_string(left) + " saved input(s) not classified in time, kept in " + pending.string();
    result.notes.push_back(std::to_string(left) + " saved input(s) not classified within the budget: kept in " +
                           pending.string() + ", classified first by the next run");
  }
  if (!fuzz_ran) {
    fuzz_detail += "; the fuzz worker ended without running (exit " + std::to_string(fuzz.pass.end.exit_code) +
                   "; see logs/fuzz.log)";
    result.notes.push_back("the fuzz phase did not run: the worker ended without executing an input (logs/fuzz.log)");
  }
  phase.end(findings.count_new() > before ? "findings" : fuzz_ran ? "ok" : "failed", fuzz_detail);
  for (const std::string& line : set_aside.said()) result.notes.push_back("set aside for the rest of the run: " + line);
  for (const std::string& line : not_tested) result.notes.push_back("not tested: " + line);
  for (const std::string& u : findings.unclassified()) result.notes.push_back("not classified: " + u);

  // 4. merge
  phase.start("merge", "corpus and new inputs into " + corpus.corpus.string() + " (-set_cover_merge)");
  fs::remove_all(out / ".fuzz-view");
  std::vector<fs::path> incoming = input_files(corpus.incoming);
  result.inputs_merged = static_cast<long>(incoming.size());
  corpus.start_merge();
  PassResult merge = run_merge_pass(workers, corpus.merging, {corpus.corpus, corpus.incoming},
                                    out / "logs" / "merge.control", out / "logs" / "merge.log", overrun_end);
  if (stop_requested()) return stopped();
  bool merged = merge.end.exit_code == 0 && merge.run.merge_done;
  if (merged) corpus.install_merge(incoming);
  result.corpus_after = static_cast<long>(input_files(corpus.corpus).size());
  std::map<std::string, FunctionCoverage> coverage;
  // A -runs=0 pass over the merged corpus takes about a second: worth part of the grace when
  // the budget is spent, since without it there is no count of library edges at all.
  if (inst.sanitizer_coverage && Clock::now() < run_end)
    coverage = run_coverage_pass(workers, corpus.corpus, out / ".coverage", out / "logs" / "coverage.log",
                                 overrun_end);
  else if (inst.sanitizer_coverage)
    result.notes.push_back("library edges not measured over the final corpus: the budget was spent before the coverage "
                           "pass could start");
  result.functions = function_stats(replayer->session(), o.functions, calls_of_every_pass(out / ".stats"), coverage);
  if (!coverage.empty()) {
    // The headline: every function of the library; the table's rows, and one for the rest.
    std::set<std::string> listed;
    for (const report::FunctionStats& f : result.functions) listed.insert(f.name);
    result.library_edges_covered = result.library_edges_total = 0;
    result.other_edges_covered = result.other_edges_total = 0;
    for (const auto& [name, c] : coverage) {
      result.library_edges_covered += c.covered;
      result.library_edges_total += c.total;
      if (!listed.count(name)) {
        result.other_edges_covered += c.covered;
        result.other_edges_total += c.total;
      }
    }
  }
  phase.end(merged ? "ok" : "failed",
            merged ? std::to_string(result.corpus_before) + " + " + std::to_string(incoming.size()) + " new -> " +
                         std::to_string(result.corpus_after) + " inputs"
                   : "the merge did not finish (exit " + std::to_string(merge.end.exit_code) +
                         (merge.end.deadline_passed ? ", out of time" : "") + "): corpus unchanged, new inputs kept in " +
                         corpus.incoming.string());

  // 5. minimize
  phase.start("minimize", "new findings, up to " + std::to_string(o.minimize_budget) + " replays each, within the budget");
  int minimized = findings.minimize_new(o.minimize_budget, budget.end());
  if (stop_requested()) return stopped();
  long to_minimize = 0;
  for (const report::Finding& f : findings.all())
    to_minimize += f.state == report::kStateNew && f.source != report::kFromCheck && f.reproduces;
  std::string minimize_detail = std::to_string(minimized) + " minimized";
  if (o.minimize_budget > 0 && Clock::now() >= run_end && minimized < to_minimize) {
    minimize_detail += "; the budget's end stopped it (" + std::to_string(to_minimize - minimized) +
                       " new finding(s) not minimized, or minimized only in part)";
    result.notes.push_back("minimizing stopped at the budget's end: " + std::to_string(to_minimize - minimized) +
                           " new finding(s) not minimized (ffifuzz minimize does it by hand)");
  }
  phase.end("ok", minimize_detail);

  result.findings = findings.all();
  record_learned();
  // Contract gaps are the harness's, not the library's: they never fail the run.
  result.exit_code = (learner ? findings.count_new_bugs() : findings.count_new()) > 0 ? kExitFindings : kExitClean;
  if ((!merged || !fuzz_ran) && result.exit_code == kExitClean) result.exit_code = kExitInternal;
  write_reports(result, out, o.write_baseline);
  fs::remove_all(out / ".coverage");
  std::fprintf(stderr, "ffifuzz ci: %ld new, %ld known, %ld fixed finding(s) in %.0f s; reports in %s (summary.md)\n",
               result.count(report::kStateNew), result.count(report::kStateKnown), result.count(report::kStateFixed),
               budget.elapsed(), out.c_str());
  for (const report::Finding& f : result.findings)
    if (f.state != report::kStateFixed)
      std::fprintf(stderr, "  %-9s %s in %s (key %s)%s%s\n",
                   f.is_contract_gap() ? "GAP" : f.state == report::kStateNew ? "NEW" : "known",
                   f.klass.c_str(), f.function.empty() ? f.subject.c_str() : f.function.c_str(), f.key.c_str(),
                   f.folder.empty() ? "" : ": ", f.folder.c_str());
  for (const std::string& n : result.notes) std::fprintf(stderr, "  note: %s\n", n.c_str());
  if (!result.learned.empty()) {
    std::fprintf(stderr, "  learned %zu rule(s) from contract gaps, in %s (review them):\n", result.learned.size(),
                 result.learned_file.c_str());
    for (const std::string& l : result.learned) std::fprintf(stderr, "    %s\n", l.c_str());
  }
  return result.exit_code;
}

}  // namespace ffifuzz::campaign
