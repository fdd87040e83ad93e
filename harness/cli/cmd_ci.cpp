// `ffifuzz ci`: the nightly job in one command (docs/ci.md).
// Phases, in order: check (header against binary), regress (earlier findings and every
// corpus input, replayed), fuzz (libFuzzer -fork on all cores for the time budget, going on
// after findings; then every saved input is classified and keyed), merge (the corpus and
// what fuzzing found, -set_cover_merge, swapped in whole; then the coverage per function),
// minimize (the new findings). Findings in the baseline are listed, not failed on.
// Reports in OUT: summary.md (+ coverage.svg), summary.json, junit.xml, results.sarif,
// baseline.json (this run's findings, to accept them).
// SIGTERM/SIGINT: forwarded to the running worker's process group; the run stops at once with
// the corpus whole and the new inputs kept for the next run's merge (ci_corpus.h), exit 3.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <thread>

#include "binary/instrumentation.h"
#include "driver/call_stats.h"
#include "cli/ci_corpus.h"
#include "cli/ci_findings.h"
#include "cli/ci_workers.h"
#include "cli/duration.h"
#include "cli/interrupt.h"
#include "cli/passthrough.h"
#include "cli/seed_programs.h"
#include "cli/static_check.h"
#include "cli/subcommand.h"
#include "cli/version.h"
#include "contract/config_file.h"
#include "model/error.h"
#include "program/text_form.h"
#include "report/write_file.h"

namespace ffifuzz::cli {
namespace {
namespace fs = std::filesystem;

struct CiOptions {
  TargetOptions target;
  std::string time;
  int jobs = 0;
  std::string out;
  std::string corpus;
  std::vector<std::string> seed_corpora;
  std::string known_findings;
  std::string baseline;
  std::string write_baseline;
  int minimize_budget = -1;
  long seed = -1;
  std::vector<std::string> functions;
  std::vector<std::string> libfuzzer_flags;  // after --
};

constexpr int kPhases = 5;
// Saved inputs classified after fuzzing, at most: each costs a replay. Rare kinds go first.
constexpr size_t kMaxArtifacts = 300;

// The command line wins over the config's [ci] table; then the defaults.
void apply_ci_config(CiOptions& o) {
  contract::CiSettings ci;
  if (!o.target.config.empty()) ci = contract::read_config_file(o.target.config).ci;
  if (o.time.empty()) o.time = ci.time;
  if (o.time.empty()) throw InputError("no time budget: pass --time 30m (or 90s, 1h, seconds), or set ci.time in --config");
  if (o.jobs <= 0) o.jobs = ci.jobs > 0 ? ci.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (o.out.empty()) o.out = ci.out.empty() ? "ffifuzz-ci" : ci.out;
  if (o.corpus.empty()) o.corpus = ci.corpus.empty() ? (fs::path(o.out) / "corpus").string() : ci.corpus;
  if (o.seed_corpora.empty()) o.seed_corpora = ci.seed_corpora;
  if (o.known_findings.empty()) o.known_findings = ci.known_findings;
  if (o.baseline.empty()) o.baseline = ci.baseline;
  if (o.minimize_budget < 0) o.minimize_budget = ci.minimize_budget >= 0 ? ci.minimize_budget : 100;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// One line when a phase starts and one when it ends, in the CI log.
class PhaseLog {
 public:
  explicit PhaseLog(report::CiResult& r) : result_(r) {}
  void start(const std::string& name, const std::string& what) {
    ++index_;
    name_ = name;
    start_ = std::chrono::steady_clock::now();
    std::fprintf(stderr, "ffifuzz ci: [%d/%d] %s: %s\n", index_, kPhases, name.c_str(), what.c_str());
  }
  void end(const std::string& status, const std::string& detail) {
    double s = seconds_since(start_);
    result_.phases.push_back({name_, status, s, detail});
    std::fprintf(stderr, "ffifuzz ci: [%d/%d] %s: %s, %s (%.1f s)\n", index_, kPhases, name_.c_str(), status.c_str(),
                 detail.c_str(), s);
  }

 private:
  report::CiResult& result_;
  int index_ = 0;
  std::string name_;
  std::chrono::steady_clock::time_point start_;
};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

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
// Returns the failing inputs.
std::set<fs::path> regress_corpus(const CiWorkerTarget& t, const fs::path& corpus, const fs::path& out,
                                  CiFindings& findings) {
  std::set<fs::path> failing;
  fs::path artifacts = out / ".regress-artifacts";
  for (int round = 0; round < 32 && !stop_requested(); ++round) {
    fs::remove_all(artifacts);
    fs::create_directories(artifacts);
    fs::path dir = failing.empty() ? corpus : corpus_view(corpus, failing, out / ".regress-view");
    PassResult r = run_corpus_pass(t, {dir}, artifacts, out / "logs" / "regress.log");
    if (stop_requested()) break;
    if (r.artifact.empty()) {
      if (r.exit.exit_code == 0) break;
      throw std::runtime_error("the corpus replay ended without saying why (exit " + std::to_string(r.exit.exit_code) +
                               ", signal " + std::to_string(r.exit.term_signal) + "); see " +
                               (out / "logs" / "regress.log").string());
    }
    findings.add_input(r.artifact, report::kFromCorpus);
    // Which corpus file it was: libFuzzer saved its bytes.
    std::string bytes = read_file(r.artifact);
    bool found = false;
    for (const fs::path& f : input_files(corpus))
      if (!failing.count(f) && read_file(f) == bytes) {
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
void regress_known(const fs::path& dir, CiFindings& findings, int& reproduced, int& fixed) {
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
    if (stop_requested()) return;
    const fs::path& p = it->path();
    if (!it->is_directory() || !fs::exists(p / report::kSummaryFile)) continue;
    it.disable_recursion_pending();
    if (!fs::exists(p / report::kInputFile)) continue;
    report::FindingSummary s = report::summary_from_json(read_file(p / report::kSummaryFile), (p / report::kSummaryFile).string());
    if (!findings.add_input(p / report::kInputFile, report::kFromKnown).empty()) ++reproduced;
    else {
      findings.add_fixed(s, p);
      ++fixed;
    }
  }
}

// The inputs fuzzing saved, rare kinds first (leaks, timeouts, out-of-memory before the crash
// that every job may hit again), oldest first within a kind; slow units are not findings.
std::vector<fs::path> saved_inputs(const fs::path& artifacts) {
  std::vector<fs::path> files;
  for (const fs::path& f : input_files(artifacts))
    if (f.filename().string().rfind("slow-unit-", 0) != 0) files.push_back(f);
  auto rank = [](const fs::path& p) { return p.filename().string().rfind("crash-", 0) == 0 ? 1 : 0; };
  std::stable_sort(files.begin(), files.end(), [&](const fs::path& a, const fs::path& b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    return fs::last_write_time(a) < fs::last_write_time(b);
  });
  return files;
}

void write_seeds(const FuzzSession& s, const fs::path& corpus) {
  for (const auto& [name, p] : seed_programs(s.plan, s.target.api))
    report::write_file_atomically((corpus / (name + ".txt")).string(), program::to_text(s.plan, s.target.api, p));
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
  write("coverage.svg", report::coverage_svg(r.coverage_over_time));
  write("summary.md", report::ci_markdown(r, "coverage.svg"));
  write("summary.json", report::ci_json(r));
  write("junit.xml", report::ci_junit(r));
  write("results.sarif", report::ci_sarif(r));
  report::Baseline b;
  for (const report::CiFinding& f : r.findings)
    if (f.state != report::kStateFixed) b.entries.push_back({f.key, f.finding_class, f.function, ""});
  write("baseline.json", report::baseline_to_json(b));
  if (!write_baseline.empty()) report::write_file_atomically(write_baseline, report::baseline_to_json(b));
}

int stopped(const char* phase, const CorpusFolders& corpus) {
  std::fprintf(stderr,
               "ffifuzz ci: stopped by signal %d during %s: the corpus %s is whole; inputs found so far are kept in "
               "%s for the next run's merge. No reports written.\n",
               stop_signal(), phase, corpus.corpus.c_str(), corpus.incoming.c_str());
  return kExitInternal;
}

int run_ci(CiOptions& o) {
  install_stop_handlers();
  apply_ci_config(o);
  long budget = parse_duration(o.time, "--time");
  report::Baseline baseline;
  if (!o.baseline.empty()) baseline = report::read_baseline(o.baseline);
  for (const std::string& s : o.seed_corpora)
    if (!fs::is_directory(s)) throw InputError(s + ": seed corpus folder does not exist");
  if (!o.known_findings.empty() && !fs::is_directory(o.known_findings))
    throw InputError(o.known_findings + ": no such findings folder (--findings)");

  report::CiResult result;
  result.tool_version = std::string(FFIFUZZ_VERSION) + " (git " + FFIFUZZ_GIT_REVISION + ")";
  result.started = report::iso_time_now();
  result.time_budget_seconds = budget;
  result.jobs = o.jobs;
  result.static_checks = static_check_classes();
  PhaseLog phase(result);

  // The target first: bad input is one line, before any phase starts.
  TargetOptions target = with_absolute_paths(o.target);
  Replayer replayer({target, o.functions});
  const FuzzSession& session = replayer.session();
  target = session.target.options;  // the config applied
  fs::path out = fs::absolute(o.out).lexically_normal();
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) throw InputError(out.string() + ": cannot create the output folder: " + ec.message());
  // OUT holds one run: what an earlier run left there would be mistaken for this one's.
  for (const char* stale : {"findings", "artifacts", "logs", ".stats", ".coverage", ".fuzz-view", ".regress-view",
                            ".regress-artifacts", "summary.md", "summary.json",
                            "junit.xml", "results.sarif", "coverage.svg", "baseline.json"})
    fs::remove_all(out / stale);
  for (const char* dir : {"findings", "artifacts", "logs", ".stats", ".coverage"}) fs::create_directories(out / dir);

  CiFindings findings(replayer, out, baseline);

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
  CiWorkerTarget workers{target, {.api_signal = !inst.sanitizer_coverage,
                                  .heap_buffers = inst.address_sanitizer,
                                  .only_functions = o.functions}};
  CorpusFolders corpus(o.corpus);
  corpus.recover();
  result.corpus = corpus.corpus.string();
  if (input_files(corpus.corpus).empty() && input_files(corpus.incoming).empty() && o.seed_corpora.empty())
    write_seeds(session, corpus.corpus);
  result.corpus_before = static_cast<long>(input_files(corpus.corpus).size());

  // 2. regress
  phase.start("regress", "earlier findings" + (o.known_findings.empty() ? std::string(" (none given)") : " in " + o.known_findings) +
                             " and the " + std::to_string(result.corpus_before) + " corpus inputs");
  int reproduced = 0, fixed = 0;
  if (!o.known_findings.empty()) regress_known(o.known_findings, findings, reproduced, fixed);
  std::set<fs::path> failing;
  if (!stop_requested()) failing = regress_corpus(workers, corpus.corpus, out, findings);
  int regressions = static_cast<int>(failing.size());
  if (stop_requested()) return stopped("regress", corpus);
  phase.end(reproduced || regressions ? "findings" : "ok",
            std::to_string(reproduced) + " earlier finding(s) reproduce, " + std::to_string(fixed) + " fixed, " +
                std::to_string(regressions) + " corpus input(s) fail");

  // 3. fuzz
  phase.start("fuzz", std::to_string(budget) + " s on " + std::to_string(o.jobs) + " job(s) (libFuzzer -fork)");
  FuzzSettings fs_settings;
  fs_settings.jobs = o.jobs;
  fs_settings.seconds = budget;
  fs_settings.seed = o.seed;
  fs_settings.incoming = corpus.incoming;
  // Without the corpus inputs that fail (reported above; each job would die on them again).
  fs_settings.read_only.push_back(failing.empty() ? corpus.corpus : corpus_view(corpus.corpus, failing, out / ".fuzz-view"));
  for (const std::string& s : o.seed_corpora) fs_settings.read_only.push_back(absolute_path(s));
  fs_settings.artifacts = out / "artifacts";
  fs_settings.stats_dir = out / ".stats";
  fs_settings.cwd = out;
  fs_settings.extra_flags = o.libfuzzer_flags;
  FuzzPass fuzz = run_fuzz_pass(workers, fs_settings, out / "logs" / "fuzz.log");
  if (stop_requested()) return stopped("fuzz", corpus);
  if (fuzz.pass.exit.exit_code == kExitUsage) throw InputError("the fuzz worker refused the target; see " + (out / "logs" / "fuzz.log").string());
  result.executions = fuzz.last.executions;
  result.coverage = fuzz.last.coverage;
  result.features = fuzz.last.features;
  result.fuzz_seconds = fuzz.seconds;
  result.coverage_over_time = fuzz.samples;
  std::vector<fs::path> saved = saved_inputs(out / "artifacts");
  std::fprintf(stderr, "ffifuzz ci: classifying %zu saved input(s)\n", saved.size());
  long before = findings.count_new();
  size_t classified = 0;
  for (const fs::path& a : saved) {
    if (classified == kMaxArtifacts || stop_requested()) break;
    findings.add_input(a, report::kFromFuzz);
    ++classified;
  }
  if (stop_requested()) return stopped("fuzz", corpus);
  std::string fuzz_detail = std::to_string(result.executions) + " executions, " + std::to_string(saved.size()) +
                            " saved input(s), " + std::to_string(findings.count_new() - before) + " new finding(s)";
  if (classified < saved.size()) fuzz_detail += "; " + std::to_string(saved.size() - classified) + " saved inputs not classified (limit)";
  phase.end(findings.count_new() > before ? "findings" : "ok", fuzz_detail);

  // 4. merge
  phase.start("merge", "corpus and new inputs into " + corpus.corpus.string() + " (-set_cover_merge)");
  fs::remove_all(out / ".fuzz-view");
  std::vector<fs::path> incoming = input_files(corpus.incoming);
  result.inputs_merged = static_cast<long>(incoming.size());
  corpus.start_merge();
  PassResult merge = run_merge_pass(workers, corpus.merging, {corpus.corpus, corpus.incoming},
                                    out / "logs" / "merge.control", out / "logs" / "merge.log");
  if (stop_requested()) return stopped("merge", corpus);
  bool merged = merge.exit.exit_code == 0;
  if (merged) corpus.install_merge(incoming);
  result.corpus_after = static_cast<long>(input_files(corpus.corpus).size());
  std::map<std::string, FunctionCoverage> coverage;
  if (inst.sanitizer_coverage)
    coverage = run_coverage_pass(workers, corpus.corpus, out / ".coverage", out / "logs" / "coverage.log");
  result.functions = function_stats(session, o.functions, driver::read_call_stats((out / ".stats").string()), coverage);
  phase.end(merged ? "ok" : "failed",
            merged ? std::to_string(result.corpus_before) + " + " + std::to_string(incoming.size()) + " new -> " +
                         std::to_string(result.corpus_after) + " inputs"
                   : "the merge failed (exit " + std::to_string(merge.exit.exit_code) +
                         "): corpus unchanged, new inputs kept in " + corpus.incoming.string());

  // 5. minimize
  phase.start("minimize", "new findings, up to " + std::to_string(o.minimize_budget) + " replays each");
  int minimized = findings.minimize_new(o.minimize_budget);
  if (stop_requested()) return stopped("minimize", corpus);
  phase.end("ok", std::to_string(minimized) + " minimized");

  result.findings = findings.all();
  result.exit_code = findings.count_new() > 0 ? kExitFindings : kExitClean;
  if (!merged && result.exit_code == kExitClean) result.exit_code = kExitInternal;
  write_reports(result, out, o.write_baseline);
  fs::remove_all(out / ".coverage");
  std::fprintf(stderr, "ffifuzz ci: %ld new, %ld known, %ld fixed finding(s); reports in %s (summary.md)\n",
               result.count(report::kStateNew), result.count(report::kStateKnown), result.count(report::kStateFixed),
               out.c_str());
  for (const report::CiFinding& f : result.findings)
    if (f.state != report::kStateFixed)
      std::fprintf(stderr, "  %-9s %s in %s (key %s)%s%s\n", f.state == report::kStateNew ? "NEW" : "known",
                   f.finding_class.c_str(), f.function.empty() ? f.subject.c_str() : f.function.c_str(), f.key.c_str(),
                   f.folder.empty() ? "" : ": ", f.folder.c_str());
  return result.exit_code;
}

}  // namespace

Subcommand add_ci_command(CLI::App& root) {
  auto o = std::make_shared<CiOptions>();
  Subcommand c;
  c.app = root.add_subcommand("ci", "The nightly job: check, regress, fuzz on all cores, merge the corpus, minimize; CI reports");
  c.app->description(
      "The nightly job in one command (docs/ci.md). In order:\n"
      "  1 check     the header against the binary\n"
      "  2 regress   replay earlier findings (--findings) and every corpus input\n"
      "  3 fuzz      libFuzzer -fork on --jobs cores for --time, going on after findings;\n"
      "              every saved input is then classified and keyed (one folder per bug)\n"
      "  4 merge     corpus + new inputs (-set_cover_merge), swapped in whole: a killed run loses nothing\n"
      "  5 minimize  the new findings\n"
      "Reports in OUT: summary.md (+ coverage.svg), summary.json, junit.xml, results.sarif, baseline.json.\n"
      "Findings whose key is in --baseline are listed as known and do not fail the run; to accept this\n"
      "run's findings, use OUT/baseline.json (or --write-baseline FILE) as the next run's baseline.\n"
      "Settings may come from the [ci] table of --config (docs/config.md); the command line wins.\n"
      "libFuzzer flags go after --.");
  add_target_options(c.app, o->target, false);
  c.app->add_option("--time", o->time, "Fuzzing budget: 30m, 90s, 1h, 1h30m or seconds (ci.time)");
  c.app->add_option("--jobs", o->jobs, "Fuzzing processes (libFuzzer -fork); default: all cores (ci.jobs)")
      ->check(CLI::PositiveNumber);
  c.app->add_option("--out", o->out, "Folder for this run's reports, findings and logs; default ffifuzz-ci (ci.out)");
  c.app->add_option("--corpus", o->corpus, "The corpus kept from run to run; default OUT/corpus (ci.corpus)");
  c.app->add_option("--seed-corpus", o->seed_corpora, "Extra input folders, read only; repeatable (ci.seed_corpus)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  c.app->add_option("--findings", o->known_findings,
                    "Finding folders of earlier runs, replayed every run (ci.findings)");
  c.app->add_option("--baseline", o->baseline, "baseline.json: accepted findings, listed but not failed on (ci.baseline)");
  c.app->add_option("--write-baseline", o->write_baseline, "Also write this run's findings as a baseline to FILE");
  c.app->add_option("--minimize-budget", o->minimize_budget,
                    "Replays per new finding when minimizing; 0: do not minimize; default 100 (ci.minimize_budget)")
      ->check(CLI::NonNegativeNumber);
  c.app->add_option("--seed", o->seed, "Random seed for libFuzzer (-seed)");
  c.app->add_option("--function", o->functions,
                    "Drive only this function (repeatable), with the constructors and releasers its handles need")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  c.app->footer(
      "Exit codes: 0 nothing new, 1 new findings or regressions, 2 usage or input error,\n"
      "3 internal error or stopped by a signal (the corpus is whole, new inputs are kept for the next run).");
  c.run = [o] {
    o->libfuzzer_flags = passthrough_args();
    return run_ci(*o);
  };
  return c;
}

}  // namespace ffifuzz::cli
