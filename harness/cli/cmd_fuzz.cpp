// `ffifuzz fuzz`: drive the library's exported functions with generated call programs under
// libFuzzer and the sanitizers, and report what is found.
//
// This process is the supervisor: it validates the input, says what it will drive, then runs
// libFuzzer in a worker process (this same binary, see worker_args.h) and reads what the
// worker prints. When the worker dies on a finding, the supervisor replays the saved input
// with call tracing, classifies the report, and prints the finding.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

#include "binary/constants.h"
#include "binary/instrumentation.h"
#include "cli/finding_writer.h"
#include "cli/fuzz_session.h"
#include "cli/leak_origin.h"
#include "cli/passthrough.h"
#include "cli/process.h"
#include "cli/replay.h"
#include "cli/seed_programs.h"
#include "cli/progress.h"
#include "cli/subcommand.h"
#include "cli/worker_args.h"
#include "driver/libfuzzer_defaults.h"
#include "driver/libfuzzer_glue.h"
#include "model/error.h"
#include "program/codec.h"
#include "program/generate.h"
#include "program/text_form.h"
#include "report/classify.h"

namespace ffifuzz::cli {
namespace fs = std::filesystem;

namespace {

struct FuzzOptions {
  TargetOptions target;
  std::string out = "ffifuzz-out";
  std::string corpus;                    // default: <out>/corpus
  std::vector<std::string> seed_corpora;  // read-only extra inputs
  long runs = -1;
  long max_time = -1;
  long seed = -1;
  std::vector<std::string> only_functions;
  std::vector<std::string> libfuzzer_flags;  // after --
};

const char* kRebuildHint =
    "ffifuzz: warning: %s has no SanitizerCoverage: libFuzzer sees only ffifuzz's API-level signal.\n"
    "  Rebuild it for real coverage:\n"
    "    C:    -g -fsanitize=fuzzer-no-link            (add address,undefined for ASan/UBSan)\n"
    "    Rust: RUSTFLAGS=\"-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=3\n"
    "          -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table\n"
    "          -Cllvm-args=-sanitizer-coverage-trace-compares\" cargo build --release   (debug = true in the profile)\n";

// libFuzzer defaults that suit call programs (worker_args.h); every one can be overridden after --.
std::vector<std::string> default_libfuzzer_flags(const FuzzOptions& o, const std::string& artifacts) {
  std::vector<std::string> f = fuzzing_libfuzzer_flags(artifacts);
  if (o.runs >= 0) f.push_back("-runs=" + std::to_string(o.runs));
  if (o.max_time >= 0) f.push_back("-max_total_time=" + std::to_string(o.max_time));
  if (o.seed >= 0) f.push_back("-seed=" + std::to_string(o.seed));
  return f;
}

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

void write_file_atomically(const fs::path& path, const std::string& text) {
  fs::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
  }
  fs::rename(tmp, path);
}

// libFuzzer needs a first input that reaches the library (an empty one calls nothing): a
// program per function and a constructor-use-release chain per handle kind, in text form.
void write_default_seeds(const FuzzSession& s, const fs::path& corpus) {
  for (const auto& [name, p] : seed_programs(s.plan, s.target.api))
    write_file_atomically(corpus / (name + ".txt"), program::to_text(s.plan, s.target.api, p));
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

struct WorkerRun {
  ChildExit exit;
  std::string log;
  std::string artifact;
};

const std::regex& artifact_regex() {
  static const std::regex artifact_re(R"(Test unit written to (\S+))");
  return artifact_re;
}

// Runs a worker in `cwd` (libFuzzer's -jobs writes its fuzz-N.log files there), echoing its
// output through the progress printer when `echo`.
WorkerRun run_worker(const std::vector<std::string>& argv, bool echo, const std::string& cwd = "") {
  WorkerRun run;
  ProgressPrinter progress(stderr);
  run.exit = run_streaming(
      argv,
      [&](const std::string& line) {
        if (echo) progress.line(line);
        run.log += line;
        run.log += '\n';
        std::smatch m;
        if (std::regex_search(line, m, artifact_regex())) run.artifact = m[1];
      },
      cwd);
  progress.finish();
  return run;
}

// With -jobs, each job's output went to <out>/fuzz-N.log instead of the worker's stream.
void read_job_logs(const fs::path& out, WorkerRun& run) {
  for (const fs::directory_entry& e : fs::directory_iterator(out)) {
    std::string name = e.path().filename().string();
    if (name.rfind("fuzz-", 0) != 0 || e.path().extension() != ".log" || name == "fuzz.log") continue;
    std::ifstream in(e.path());
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::smatch m;
    if (run.artifact.empty() && std::regex_search(text, m, artifact_regex())) {
      run.artifact = m[1];
      run.log += text;
    }
  }
}

int run_fuzz(FuzzOptions& o) {
  o.target = with_absolute_paths(o.target);
  std::unique_ptr<FuzzSession> session = FuzzSession::open(o.target, {.only_functions = o.only_functions});
  const std::string& lib = session->target.options.lib;
  binary::Instrumentation inst = binary::read_instrumentation(lib);
  std::fputs(session->describe_plan().c_str(), stderr);
  if (inst.sanitizer_coverage)
    std::fprintf(stderr, "ffifuzz: %s carries SanitizerCoverage%s%s\n", lib.c_str(),
                 inst.trace_compares ? " with comparison tracing" : "", inst.address_sanitizer ? " and ASan" : "");
  else
    std::fprintf(stderr, kRebuildHint, lib.c_str());

  fs::path out = fs::absolute(o.out);
  fs::path corpus = o.corpus.empty() ? out / "corpus" : fs::absolute(o.corpus);
  fs::path artifacts = out / "artifacts";
  std::error_code ec;
  for (const fs::path& d : {out, corpus, artifacts}) {
    fs::create_directories(d, ec);
    if (ec) throw InputError(d.string() + ": cannot create the folder: " + ec.message());
  }
  for (const std::string& s : o.seed_corpora)
    if (!fs::is_directory(s)) throw InputError(s + ": seed corpus folder does not exist");
  if (fs::is_empty(corpus) && o.seed_corpora.empty()) write_default_seeds(*session, corpus);

  WorkerFlags flags{.api_signal = !inst.sanitizer_coverage,
                    .heap_buffers = inst.address_sanitizer,
                    .trace = false,
                    .only_functions = o.only_functions};
  std::vector<std::string> worker = {self_executable(), kWorkerMarker};
  for (const std::string& a : worker_option_args(session->target.options, flags)) worker.push_back(a);
  for (const std::string& f : default_libfuzzer_flags(o, artifacts.string() + "/")) worker.push_back(f);
  for (const std::string& f : o.libfuzzer_flags) worker.push_back(absolute_libfuzzer_arg(f));
  worker.push_back(corpus.string());
  for (const std::string& s : o.seed_corpora) worker.push_back(absolute_path(s));

  WorkerRun run = run_worker(worker, true, out.string());
  if (run.artifact.empty()) read_job_logs(out, run);
  write_file_atomically(out / "fuzz.log", run.log);
  if (run.artifact.empty()) {
    if (run.exit.exit_code == 0) {
      std::fprintf(stderr, "ffifuzz: no findings\n");
      return kExitClean;
    }
    if (run.exit.exit_code == kExitUsage) return kExitUsage;  // the worker already said why
    std::fprintf(stderr, "ffifuzz: the fuzz worker ended without a finding (exit %d, signal %d); see %s\n",
                 run.exit.exit_code, run.exit.term_signal, (out / "fuzz.log").c_str());
    return kExitInternal;
  }

  // Replay the input with call tracing: which call was running when it died.
  WorkerRun again = run_worker(replay_worker_argv(self_executable(), session->target.options, flags, run.artifact), false);

  report::ClassifyContext ctx;
  for (const program::FunctionPlan& f : session->plan.functions) ctx.exported_functions.insert(f.name);
  ctx.library_path = lib;
  report::read_worker_lines(run.log, ctx);
  report::Classification c = report::classify(run.log, ctx);
  report::ClassifyContext replay_ctx = ctx;
  report::read_worker_lines(again.log, replay_ctx);
  report::Classification rc = report::classify(again.log, replay_ctx);
  if (!rc.finding_class.empty() && (c.finding_class.empty() || rc.finding_class == c.finding_class)) c = rc;
  if (c.finding_class.empty()) c.finding_class = "abort";
  if (leak_origin_unknown(c)) {
    // The allocation stack names no exported function: find the call by replaying prefixes.
    Replayer r({session->target.options, o.only_functions});
    name_leaking_call(r, r.read(run.artifact).program, c);
  }

  std::fprintf(stderr, "\nffifuzz: FINDING %s in %s\n", c.finding_class.c_str(),
               c.function.empty() ? "(unknown function)" : c.function.c_str());
  if (c.finding_class == "leak") print_missing_owner_note(*session, c.function);
  if (!c.message.empty()) std::fprintf(stderr, "  report: %s\n", c.message.c_str());
  if (!c.first_library_frame.empty()) std::fprintf(stderr, "  first frame in the library: %s\n", c.first_library_frame.c_str());
  static const std::regex execs_re(R"(stat::number_of_executed_units: (\d+))");
  std::smatch m;
  if (std::regex_search(run.log, m, execs_re)) std::fprintf(stderr, "  found after %s executions\n", m[1].str().c_str());
  std::fprintf(stderr, "  input:  %s\n  log:    %s\n", run.artifact.c_str(), (out / "fuzz.log").c_str());
  // The finding's folder (finding_writer.h): input, program, report, C reproducer, summary.
  WrittenFinding folder = write_finding({.out = out, .session = session.get(), .functions = o.only_functions,
                                         .input = run.artifact, .finding = c,
                                         .report_log = c.finding_class == rc.finding_class ? again.log : run.log});
  std::fprintf(stderr, "  folder: %s (key %s%s)\n", folder.folder.c_str(), folder.key.hex.c_str(),
               folder.first ? "" : (", seen " + std::to_string(folder.hits) + " times").c_str());
  return kExitFindings;
}

}  // namespace

int fuzz_worker_main(int argc, char** argv) {
  TargetOptions target;
  WorkerFlags flags;
  parse_worker_args(argc, argv, target, flags);
  try {
    std::unique_ptr<FuzzSession> session = FuzzSession::open(
        target, {.trace = flags.trace, .heap_buffers = flags.heap_buffers, .only_functions = flags.only_functions});
    std::fputs(session->arena_line().c_str(), stderr);
    // Without comparison tracing, the library's compare immediates stand in for it.
    std::vector<uint64_t> constants;
    // FFIFUZZ_NO_CONSTANTS set: none (bench/fuzz/run_cmp_demo.sh fuzzes without any comparison help).
    if (!std::getenv("FFIFUZZ_NO_CONSTANTS") && !binary::read_instrumentation(session->target.options.lib).trace_compares)
      constants = binary::read_compare_constants(session->target.options.lib);
    return driver::run_fuzz_worker(
        *session, {.api_signal = flags.api_signal, .constants = std::move(constants), .stats_dir = flags.stats_dir},
        argc, argv);
  } catch (const InputError& e) {
    std::fprintf(stderr, "ffifuzz fuzz: error: %s\n", e.what());
    return kExitUsage;
  }
}

Subcommand add_fuzz_command(CLI::App& root) {
  auto o = std::make_shared<FuzzOptions>();
  Subcommand c;
  c.app = root.add_subcommand("fuzz", "Fuzz the library's exported functions under libFuzzer, ASan, UBSan and LSan");
  c.app->description(
      "Fuzz the exported functions of a shared library with generated call programs.\n"
      "libFuzzer flags go after --, e.g.:  ffifuzz fuzz --lib libfoo.so --header foo.h -- -jobs=2 -dict=foo.dict\n"
      "Defaults: -timeout=10 -rss_limit_mb=2560 -malloc_limit_mb=2048 -use_value_profile=1 -max_len=16384");
  add_target_options(c.app, o->target, true);
  c.app->add_option("--out", o->out, "Folder for the corpus, crash inputs and the log")->capture_default_str();
  c.app->add_option("--corpus", o->corpus, "Corpus folder new inputs are added to (default: OUT/corpus)");
  // One value per occurrence (repeat the option for more): a vector option would otherwise
  // swallow the "--" that starts libFuzzer's flags.
  c.app->add_option("--seed-corpus", o->seed_corpora, "Extra input folders, read only (e.g. corpus/<target>)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  c.app->add_option("--runs", o->runs, "Stop after this many executions (libFuzzer -runs)");
  c.app->add_option("--max-time", o->max_time, "Stop after this many seconds (libFuzzer -max_total_time)");
  c.app->add_option("--seed", o->seed, "Random seed, for reproducible runs (libFuzzer -seed)");
  c.app->add_option("--function", o->only_functions,
                    "Drive only this function (repeatable), with the constructors and releasers its handles need")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  c.app->allow_extras(false);
  c.run = [o] {
    o->libfuzzer_flags = passthrough_args();
    return run_fuzz(*o);
  };
  return c;
}

}  // namespace ffifuzz::cli
