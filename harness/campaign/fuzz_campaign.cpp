#include "campaign/fuzz_campaign.h"

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "binary/instrumentation.h"
#include "campaign/budget.h"
#include "campaign/call_health.h"
#include "campaign/corpus_folders.h"
#include "campaign/exit_codes.h"
#include "campaign/finding_store.h"
#include "campaign/input_length.h"
#include "campaign/learning.h"
#include "campaign/passes.h"
#include "campaign/progress.h"
#include "campaign/replay.h"
#include "campaign/run_findings.h"
#include "campaign/saved_inputs.h"
#include "campaign/seed_programs.h"
#include "campaign/set_aside.h"
#include "campaign/stop_signals.h"
#include "campaign/workspace.h"
#include "driver/length_control.h"
#include "model/error.h"
#include "report/write_file.h"

namespace ffifuzz::campaign {
namespace fs = std::filesystem;

namespace {

// A pass that met only a known finding it could not set aside, after fuzzing this long, is
// worth another: the finding is rare enough that the time between is spent testing.
constexpr std::chrono::seconds kWorthAnotherPass{30};

const char* kRebuildHint =
    "ffifuzz: warning: %s has no SanitizerCoverage: libFuzzer sees only ffifuzz's API-level signal.\n"
    "  Rebuild it for real coverage:\n"
    "    C:    -g -fsanitize=fuzzer-no-link            (add address,undefined for ASan/UBSan)\n"
    "    Rust: RUSTFLAGS=\"-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=3\n"
    "          -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table\n"
    "          -Cllvm-args=-sanitizer-coverage-trace-compares\" cargo build --release   (debug = true in the profile)\n";

// The worker runs in the output folder: a relative path given to libFuzzer (an input, a
// folder, -dict=FILE) must keep meaning what it meant where the user typed it.
std::string absolute_libfuzzer_arg(const std::string& arg) {
  if (arg.empty()) return arg;
  if (arg[0] != '-') return absolute_path(arg);
  size_t eq = arg.find('=');
  if (eq == std::string::npos) return arg;
  std::string value = arg.substr(eq + 1);
  std::error_code ec;
  if (!value.empty() && value[0] != '/' && fs::exists(value, ec)) return arg.substr(0, eq + 1) + absolute_path(value);
  return arg;
}

bool has_flag(const std::vector<std::string>& flags, const char* name) {
  for (const std::string& f : flags)
    if (f.rfind(std::string(name) + "=", 0) == 0) return true;
  return false;
}

// A leak of memory that a function returned with no owner in the contract may be the
// contract's gap rather than the library's bug: say which contract would settle it.
void print_missing_owner_note(const FuzzSession& s, const std::string& function) {
  const program::FunctionPlan* f = s.plan.find(function);
  if (!f || (f->ret != program::ReturnKind::CString && f->ret != program::ReturnKind::Borrowed)) return;
  std::fprintf(stderr,
               "  note: %s returns a pointer that no contract gives an owner, so ffifuzz never releases it.\n"
               "        If the caller must release it, say with what: in a contract file\n"
               "          [functions.%s.returns]\n          owned_by = \"<the function that frees it>\"\n"
               "        or in the header's doc comment:  ffifuzz: returns owned_by=<function>\n",
               function.c_str(), function.c_str());
}

void print_finding(const FuzzSession& s, const report::Finding& f, const fs::path& out, uint64_t executions) {
  const char* function = f.function.empty() ? "(unknown function)" : f.function.c_str();
  if (f.is_contract_gap())
    std::fprintf(stderr, "\nffifuzz: CONTRACT GAP %s in %s: the harness broke a rule nobody stated (not a bug)\n",
                 f.klass.c_str(), function);
  else
    std::fprintf(stderr, "\nffifuzz: FINDING %s in %s\n", f.klass.c_str(), function);
  if (f.klass == "leak" && !f.is_contract_gap() && f.verdict.empty()) print_missing_owner_note(s, f.function);
  if (!f.message.empty()) std::fprintf(stderr, "  report: %s\n", f.message.c_str());
  if (!f.evidence.empty()) std::fprintf(stderr, "  verdict: %s: %s\n", f.verdict.c_str(), f.evidence.c_str());
  if (!f.learned.empty()) std::fprintf(stderr, "  learned: %s\n", f.learned.c_str());
  if (!f.first_library_frame.empty()) std::fprintf(stderr, "  first frame in the library: %s\n", f.first_library_frame.c_str());
  if (!f.reproduces)
    std::fprintf(stderr, "  note: its input alone does not show it: it depended on what earlier inputs did (report.txt)\n");
  if (executions) std::fprintf(stderr, "  found after %llu executions\n", static_cast<unsigned long long>(executions));
  std::fprintf(stderr, "  folder: %s (key %s%s)\n", (out / f.folder).c_str(), f.key.c_str(),
               f.hits > 1 ? (", seen " + std::to_string(f.hits) + " times").c_str() : "");
}

// Nothing is learned away silently: every rule, and every contract gap no rule could stop.
void print_learning_summary(const std::vector<report::Finding>& findings, const Learner* learner) {
  if (!learner) return;
  if (!learner->learned().empty()) {
    std::fprintf(stderr, "ffifuzz: learned %zu rule(s) from findings the harness caused, in %s (review them):\n",
                 learner->learned().size(), learner->file().c_str());
    for (const std::string& line : learner->learned()) std::fprintf(stderr, "  %s\n", line.c_str());
  }
  for (const report::Finding& f : findings)
    if (f.is_contract_gap() && f.learned.empty())
      std::fprintf(stderr, "ffifuzz: contract gap, nothing learned: %s in %s (%s): %s\n", f.klass.c_str(),
                   f.function.c_str(), f.folder.c_str(), f.evidence.c_str());
}

}  // namespace

int run_fuzz_campaign(const FuzzCampaignOptions& o) {
  install_stop_handlers();
  TargetOptions target = with_absolute_paths(o.target);
  fs::path out = fs::absolute(o.out).lexically_normal();
  fs::path corpus = o.corpus.empty() ? out / "corpus" : fs::absolute(o.corpus).lexically_normal();
  fs::path artifacts = out / "artifacts";
  std::error_code ec;
  for (const fs::path& d : {out, corpus, artifacts}) {
    fs::create_directories(d, ec);
    if (ec) throw InputError(d.string() + ": cannot create the folder: " + ec.message());
  }
  for (const std::string& s : o.seed_corpora)
    if (!fs::is_directory(s)) throw InputError(s + ": seed corpus folder does not exist");
  Workspace workspace(out / ".campaign", false);
  // What earlier runs into this folder learned holds from the start (learning.h).
  std::optional<Learner> learner;
  if (o.learn) {
    learner.emplace(out / kLearnedFile, ReplayTarget{target, o.only_functions}, workspace);
    target.learned = learner->snapshot();
  }
  // Opens the target (a load probe first) in this process: the replays of what workers save
  // run against it.
  auto replayer = std::make_unique<Replayer>(ReplayTarget{target, o.only_functions}, &workspace);
  const std::string& lib = replayer->session().target.options.lib;
  binary::Instrumentation inst = binary::read_instrumentation(lib);
  std::fputs(replayer->session().describe_plan().c_str(), stderr);
  if (inst.sanitizer_coverage)
    std::fprintf(stderr, "ffifuzz: %s carries SanitizerCoverage%s%s\n", lib.c_str(),
                 inst.trace_compares ? " with comparison tracing" : "", inst.address_sanitizer ? " and ASan" : "");
  else
    std::fprintf(stderr, kRebuildHint, lib.c_str());
  if (learner && !target.learned.empty())
    std::fprintf(stderr, "ffifuzz: using the rules earlier runs learned, in %s\n", learner->file().c_str());

  note_unreadable_seeds(replayer->session().plan, replayer->session().target.api, o.seed_corpora);
  if (size_t n = remove_empty_inputs(corpus))
    std::fprintf(stderr, "ffifuzz: removed %zu empty input(s) an interrupted run left in %s\n", n, corpus.c_str());
  size_t corpus_before = input_files(corpus).size();
  if (corpus_before == 0 && o.seed_corpora.empty())
    write_seed_corpus(replayer->session().plan, replayer->session().target.api, corpus);
  else if (corpus_before) std::fprintf(stderr, "ffifuzz: resuming from %zu input(s) in %s\n", corpus_before, corpus.c_str());

  WorkerTarget worker{target,
                      {.api_signal = !inst.sanitizer_coverage, .heap_buffers = inst.address_sanitizer,
                       .only_functions = o.only_functions, .session_file = replayer->session_file()},
                      &workspace};
  SetAside set_aside(workspace.set_aside(), workspace.leak_suppressions());
  // A contract gap that could not be learned is set aside when it comes back, as with
  // --keep-going: learning goes on past findings too.
  const bool setting_aside = o.keep_going || o.learn;
  RunFindings findings(*replayer, out, {}, setting_aside ? &set_aside : nullptr);
  if (setting_aside) replayer->set_aside_file(workspace.set_aside().string());
  if (learner) {
    findings.set_learner(&*learner);
    learner->set_aside_file(replayer->aside_file());
  }
  SavedInputs saved(artifacts, workspace.inflight());
  const Budget budget(o.max_time);
  std::vector<std::string> user_flags;
  for (const std::string& f : o.libfuzzer_flags) user_flags.push_back(absolute_libfuzzer_arg(f));
  {
    std::vector<fs::path> starting{corpus};
    for (const std::string& d : o.seed_corpora) starting.push_back(absolute_path(d));
    for (const std::string& f : max_len_for_inputs(user_flags, starting, stderr)) user_flags.push_back(f);
  }
  // With -fork or -jobs, libFuzzer's own children go on past findings: classify as they come.
  const bool many = has_flag(user_flags, "-fork") || has_flag(user_flags, "-jobs");

  uint64_t executions = 0;
  std::string death;  // how the last worker ended, when it ended in no known way
  std::string stopped_early;  // why the run ended before its budget, when it did
  std::optional<CallHealth> health;
  std::vector<std::string> not_tested;  // the last pass's (call_health.h)
  fs::path log = out / "fuzz.log";
  std::fprintf(stderr, "ffifuzz: libFuzzer's own output and the library's go to %s\n", log.c_str());
  ProgressPrinter progress(stderr);  // one for the whole run: its clock and counts span restarts
  for (int round = 0;; ++round) {
    long runs_left = o.runs < 0 ? -1 : std::max<long>(0, o.runs - static_cast<long>(executions));
    FuzzSettings s;
    s.seconds = budget.bounded() ? budget.left() : -1;
    s.runs = runs_left;
    s.seed = o.seed < 0 ? -1 : o.seed + round;  // a restart must not retrace the same path
    s.incoming = corpus;
    for (const std::string& d : o.seed_corpora) s.read_only.push_back(absolute_path(d));
    s.artifacts = artifacts;
    s.cwd = workspace.worker_cwd();
    fs::create_directories(s.cwd);
    s.extra_flags = user_flags;
    s.deadline = budget.hard_end();
    s.progress = &progress;
    progress.begin_pass(executions);
    // Calls counted per pass (a restart under learned rules may change the plan's order).
    s.stats_dir = workspace.root() / "stats" / ("pass-" + std::to_string(round + 1));
    fs::create_directories(s.stats_dir);
    // Inputs and programs as long as the last pass had grown them (driver/length_control.h).
    if (round > 0)
      driver::carry_length_control((workspace.root() / "stats" / ("pass-" + std::to_string(round))).string(),
                                   s.stats_dir.string());
    health.emplace(replayer->session().plan, s.stats_dir.string(), workspace.set_aside().string());
    size_t before = findings.all().size();
    bool met_known = false;       // a saved input showed a finding already known
    bool set_aside_more = false;  // and something was set aside because of it
    bool learned = false;         // a rule was learned: the workers' rules are out of date
    // `worker_log`: the single worker's whole output once it has ended ("" while workers run).
    auto classify_new = [&](const std::string& worker_log) {
      for (const fs::path& a : saved.take_new(worker_log.empty())) {
        if (stop_requested()) return;
        std::string report = saved.report_of(a);
        RunFindings::Added added = findings.add_saved_input(a, report::kFromFuzz, report.empty() ? worker_log : report);
        progress.clear();
        if (added.finding && added.new_key) print_finding(replayer->session(), *added.finding, out, executions);
        met_known |= added.finding && !added.new_key;
        learned |= added.learned;
        if (!added.set_aside.empty()) std::fprintf(stderr, "ffifuzz: set aside: %s\n", added.set_aside.c_str());
        set_aside_more |= !added.set_aside.empty();
        progress.set_findings(findings.all().size());
        if (learner) progress.set_learned(learner->learned().size());
      }
    };
    // A learned rule ends the pass: its workers would go on breaking it. A function the run is
    // not really testing is said as soon as it shows.
    auto say_health = [&] {
      for (const std::string& line : health->check()) {
        progress.clear();
        std::fprintf(stderr, "ffifuzz: warning: %s\n", line.c_str());
      }
    };
    const auto pass_start = std::chrono::steady_clock::now();
    FuzzPass pass = run_fuzz_pass(worker, s, log, [&] {
      if (many) classify_new("");
      say_health();
      progress.tick(health->programs());
      return learned;
    });
    say_health();
    not_tested = health->said();
    executions += pass.pass.run.executions();
    if (pass.pass.end.ended_early) saved.drop_inflight();  // stopped by this campaign, not by its input
    if (!stop_requested()) classify_new(pass.pass.end.log.empty() ? std::string("\n") : pass.pass.end.log);
    if (stop_requested()) break;
    bool found = false, found_bug = false;
    for (size_t i = before; i < findings.all().size(); ++i) {
      found = true;
      found_bug |= !learner || !findings.all()[i].is_contract_gap();
    }
    const bool spent =
        (o.runs >= 0 && static_cast<long>(executions) >= o.runs) || (budget.bounded() && budget.left() == 0);
    if (pass.pass.run.finished() && !found) break;
    if (found_bug && !o.keep_going) break;
    if (found || met_known || pass.pass.end.ended_early) {
      if (pass.pass.run.finished() || spent) break;
      // A restart that only met a known finding and could set nothing aside would meet it again:
      // soon, when this pass met it soon (expat's XML_MemRealloc double free, before it was
      // fixed, came back within a second of every restart). One that fuzzed for a while first
      // still tests the rest of the library between two meetings: the run goes on.
      const bool met_soon = std::chrono::steady_clock::now() - pass_start < kWorthAnotherPass;
      if (!found && !set_aside_more && !learned && met_soon && !pass.leak_checks_stopped) {
        stopped_early = "it kept meeting a finding it could not set aside";
        progress.clear();
        std::fprintf(stderr, "ffifuzz: the run keeps meeting a finding it cannot set aside; stopping here\n");
        break;
      }
      if (learned) {
        progress.clear();
        // Workers and the replayer under the new rules; inputs saved so far were read under
        // the old ones (each finding folder keeps the rules it was found under).
        worker.options.learned = target.learned = learner->snapshot();
        const std::string aside = replayer->aside_file();
        replayer = std::make_unique<Replayer>(ReplayTarget{target, o.only_functions}, &workspace, /*probe=*/false);
        worker.flags.session_file = replayer->session_file();
        replayer->set_aside_file(aside);
        findings.set_replayer(*replayer);
        std::fprintf(stderr, "ffifuzz: restarting under %zu learned rule(s) (%s), corpus kept\n",
                     learner->learned().size(), learner->file().c_str());
      } else if (pass.leak_checks_stopped) {
        progress.clear();
        std::fprintf(stderr,
                     "ffifuzz: restarting the worker, corpus kept: libFuzzer had stopped checking each input for "
                     "leaks (1,000 inputs made more allocations than frees and leaked nothing)\n");
      }
      continue;  // a restart, corpus kept: on to what else there is
    }
    const WorkerEnd& e = pass.pass.end;
    if (e.exit_code == kExitUsage) return kExitUsage;  // the worker already said why
    // libFuzzer's -fork parent notices its -max_total_time only when a job ends, and a job may
    // run for minutes: the watchdog ending it at the budget is how such a run ends.
    if (e.deadline_passed && many && pass.pass.run.executions() > 0) break;
    if (e.deadline_passed)
      death = "the fuzz worker did not stop at the end of its time budget and was killed " +
              std::to_string(kGraceSeconds) + " s later";
    else
      death = "the fuzz worker ended without finishing its run and without saving an input (exit " +
              std::to_string(e.exit_code) + ", signal " + std::to_string(e.term_signal) +
              "): something ended the process that ffifuzz could not see";
    break;
  }

  progress.finish();
  long bugs = 0, gaps = 0;
  for (const report::Finding& f : findings.all()) (learner && f.is_contract_gap() ? gaps : bugs) += 1;
  for (const std::string& u : findings.unclassified()) std::fprintf(stderr, "ffifuzz: not classified: %s\n", u.c_str());
  for (const std::string& line : set_aside.said()) std::fprintf(stderr, "ffifuzz: set aside for the rest of the run: %s\n", line.c_str());
  print_learning_summary(findings.all(), learner ? &*learner : nullptr);
  // Every one in OUT/not-tested.txt; on the terminal the first few: a library whose every
  // function needs an object the run cannot make (libpng's png_struct) would print hundreds.
  constexpr size_t kNotTestedShown = 12;
  const fs::path not_tested_file = out / "not-tested.txt";
  fs::remove(not_tested_file, ec);
  if (!not_tested.empty()) {
    std::string all;
    for (const std::string& line : not_tested) all += line + "\n";
    report::write_file_atomically(not_tested_file.string(), all);
  }
  for (size_t i = 0; i < not_tested.size() && i < kNotTestedShown; ++i)
    std::fprintf(stderr, "ffifuzz: not tested: %s\n", not_tested[i].c_str());
  if (not_tested.size() > kNotTestedShown)
    std::fprintf(stderr, "ffifuzz: not tested: %zu more function(s), every one listed in %s\n",
                 not_tested.size() - kNotTestedShown, not_tested_file.c_str());
  if (stop_requested()) {
    // A worker stopped between creating a new input's file and writing it leaves it empty.
    remove_empty_inputs(corpus);
    std::fprintf(stderr, "ffifuzz: interrupted by %s; corpus kept in %s (%zu inputs), %ld finding(s) in %s\n",
                 stop_signal_name(), corpus.c_str(), input_files(corpus).size(), bugs + gaps, (out / "findings").c_str());
    return stop_exit_code();
  }
  if (bugs) {
    if (bugs + gaps > 1 || o.keep_going)
      // Without learning every finding fails the run, whatever its verdict: not all are bugs.
      std::fprintf(stderr, "ffifuzz: %ld %s%s after %llu executions, in %s\n", bugs, learner ? "bug(s)" : "finding(s)",
                   gaps ? (" and " + std::to_string(gaps) + " contract gap(s)").c_str() : "",
                   static_cast<unsigned long long>(executions), (out / "findings").c_str());
    std::fprintf(stderr, "  log:    %s\n", log.c_str());
    return kExitFindings;
  }
  if (!death.empty()) {
    std::fprintf(stderr, "ffifuzz: error: %s; see %s\n", death.c_str(), log.c_str());
    return kExitInternal;
  }
  if (!findings.unclassified().empty()) {
    std::fprintf(stderr, "ffifuzz: error: saved inputs could not be classified (above); see %s\n", log.c_str());
    return kExitInternal;
  }
  if (!stopped_early.empty())
    std::fprintf(stderr, "ffifuzz: warning: the run ended before its budget: %s\n", stopped_early.c_str());
  // "No findings" is a claim about what was tested: the functions the run never really
  // tested are counted in the same line.
  const std::string untested = not_tested.empty() ? ""
                               : "; " + std::to_string(not_tested.size()) + " function(s) not tested, listed above" +
                                     (not_tested.size() > kNotTestedShown ? " and in " + not_tested_file.string() : "");
  if (gaps)
    std::fprintf(stderr, "ffifuzz: no bugs in %llu executions (%ld contract gap(s), listed above: not the library's fault%s)\n",
                 static_cast<unsigned long long>(executions), gaps, untested.c_str());
  else
    std::fprintf(stderr, "ffifuzz: no findings in %llu executions%s\n", static_cast<unsigned long long>(executions),
                 untested.c_str());
  return kExitClean;
}

}  // namespace ffifuzz::campaign
