// `ffifuzz export`: turn a library and its header into a fuzz target that OSS-Fuzz,
// ClusterFuzz or ClusterFuzzLite run on many machines (docs/export.md). ffifuzz reads
// everything that needs libclang, libelf and libdw here, once; the target carries the
// result (payload/). By default the target is sources and a build.sh that they compile
// their way (cli/export_source); --prebuilt writes ffifuzz's own runner with the payload
// appended (cli/export_folder), the quick path.
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <regex>

#include "binary/constants.h"
#include "binary/instrumentation.h"
#include "cli/export_folder.h"
#include "cli/export_source.h"
#include "campaign/session.h"
#include "cli/libfuzzer_dict.h"
#include "campaign/worker_process.h"
#include "campaign/seed_programs.h"
#include "campaign/load_probe.h"
#include "cli/subcommand.h"
#include "campaign/worker_args.h"
#include "model/error.h"
#include "program/text_form.h"

namespace ffifuzz::cli {
namespace fs = std::filesystem;

namespace {

struct ExportOptions {
  TargetOptions target;
  std::string out;
  std::string name;    // default: from the library's file name
  std::string runner;  // default: ffifuzz-runner beside this executable
  std::vector<std::string> only_functions;
  bool prebuilt = false;
  std::vector<std::string> library_sources;
};

// "libfoo.so.1" -> "foo", made of the characters fuzz target names may hold.
std::string name_from_library(const std::string& lib) {
  std::string base = fs::path(lib).filename().string();
  if (base.rfind("lib", 0) == 0) base = base.substr(3);
  if (size_t so = base.find(".so"); so != std::string::npos) base = base.substr(0, so);
  for (char& c : base)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') c = '_';
  return base.empty() ? "library" : base;
}

// The runner's sources and the export's templates, built beside ffifuzz (harness/runner).
std::string runner_sources_path() {
  return (fs::path(self_executable()).parent_path().parent_path() / "share" / "ffifuzz" / "runner-src").string();
}

std::string runner_path(const ExportOptions& o) {
  if (!o.runner.empty()) {
    if (!fs::is_regular_file(o.runner)) throw InputError(o.runner + ": no such runner; check --runner");
    return o.runner;
  }
  fs::path beside = fs::path(self_executable()).parent_path() / "ffifuzz-runner";
  if (!fs::is_regular_file(beside))
    throw std::runtime_error(beside.string() + " is missing: install ffifuzz-runner beside ffifuzz (it is built with it)");
  return beside.string();
}

int run_export(ExportOptions& o) {
  if (!o.name.empty() && !std::regex_match(o.name, std::regex("[A-Za-z0-9_-]+")))
    throw InputError("--name " + o.name + ": use letters, digits, '_' and '-' only (it names files)");
  std::error_code ec;
  if (fs::exists(o.out, ec) && !fs::is_directory(o.out, ec))  // before the slow parse, and before any output
    throw InputError(o.out + ": exists and is not a folder; choose another -o");
  if (o.prebuilt && !o.library_sources.empty())
    throw InputError("--library-source is for the source target: a --prebuilt target runs the library it is given");
  if (!o.prebuilt && !o.runner.empty())
    throw InputError("--runner is for a --prebuilt target: the source target is compiled by its build.sh");
  const std::string runner = o.prebuilt ? runner_path(o) : "";
  check_library_sources(o.library_sources);
  o.target = with_absolute_paths(o.target);
  probe_target_library(o.target);  // a constructor that crashes or hangs: one line, not this process
  std::unique_ptr<FuzzSession> session = FuzzSession::open(o.target, {.only_functions = o.only_functions});
  const std::string& lib = session->target.options.lib;
  const binary::Instrumentation inst = binary::read_instrumentation(lib);
  // The compare constants: for the generator when the library does not trace its compares
  // (as the fuzz worker decides), and for the dictionary in any case.
  const std::vector<uint64_t> constants = binary::read_compare_constants(lib);

  ExportRequest r;
  r.folder = o.out;
  r.runner = runner;
  r.library = lib;
  payload::TargetPayload& p = r.payload;
  p.name = o.name.empty() ? name_from_library(lib) : o.name;
  p.library = "lib/" + fs::path(lib).filename().string();
  p.api = session->target.api;
  p.contracts = session->target.contracts;
  p.unavailable = session->checked_unavailable;
  p.only_functions = o.only_functions;
  p.api_signal = !inst.sanitizer_coverage;
  p.heap_buffers = inst.address_sanitizer;
  if (!inst.trace_compares) p.constants = constants;
  r.dictionary = libfuzzer_dictionary(p.api, constants);
  for (const auto& [name, program] : seed_programs(session->plan, session->target.api))
    r.seeds.emplace_back(name, program::to_text(session->plan, session->target.api, program));

  std::fputs(session->describe_plan().c_str(), stderr);
  if (!o.prebuilt) {
    SourceExportRequest sr;
    sr.folder = o.out;
    sr.runner_sources = runner_sources_path();
    sr.library = lib;
    sr.headers = session->target.options.headers;
    sr.library_sources = o.library_sources;
    sr.payload = p;
    // Decided again at run time from the library build.sh built (runner_main.cpp); the
    // constants serve any build whose compares are not traced.
    sr.payload.constants = constants;
    sr.dictionary = r.dictionary;
    sr.seeds = r.seeds;
    const SourceExport written = write_source_export(sr);
    const std::string stem = p.name + "_fuzzer";
    std::printf("ffifuzz export: wrote the source fuzz target %s_fuzzer into %s\n", p.name.c_str(), o.out.c_str());
    std::printf("  build.sh (runner: %zu files), %s.options, %s.dict (%zu entries), %s_seed_corpus/ (%zu seed programs)\n",
                written.runner_files, stem.c_str(), stem.c_str(), r.dictionary.entries, stem.c_str(), r.seeds.size());
    if (written.kind == "prebuilt")
      std::printf("  library: no --library-source: build.sh installs %s as given (not built with $CFLAGS)\n",
                  fs::path(lib).filename().c_str());
    else
      std::printf("  library: %s sources in %s, built by build.sh\n", written.kind == "rust" ? "Rust" : "C",
                  written.library_root.c_str());
    std::printf("  oss-fuzz/ and clusterfuzzlite/ hold the project files; build it:  OUT=DIR %s\n",
                written.build_script.c_str());
    return kExitClean;
  }
  ExportedFiles files = write_export_folder(r);
  if (!inst.sanitizer_coverage)
    std::fprintf(stderr,
                 "ffifuzz export: warning: %s has no SanitizerCoverage: the target sees only ffifuzz's API-level "
                 "signal; export an instrumented build (docs/export.md)\n",
                 lib.c_str());
  std::printf("ffifuzz export: wrote %s\n", files.target.c_str());
  std::printf("  %s.options, %s.dict (%zu entries), %s (%zu seed programs)%s%s\n", files.target.c_str(),
              files.target.c_str(), r.dictionary.entries, files.seed_folder.c_str(), r.seeds.size(),
              files.seed_zip.empty() ? "" : ", ", files.seed_zip.c_str());
  std::printf("  library: %s (%s)\n", (fs::path(r.folder) / p.library).c_str(),
              inst.sanitizer_coverage ? (inst.address_sanitizer ? "SanitizerCoverage and ASan" : "SanitizerCoverage")
                                      : "no coverage");
  std::printf("  run it:  %s CORPUS_DIR %s   (any libFuzzer flag; replay a crash: %s crash-...)\n",
              files.target.c_str(), files.seed_folder.c_str(), files.target.c_str());
  return kExitClean;
}

}  // namespace

Subcommand add_export_command(CLI::App& root) {
  auto o = std::make_shared<ExportOptions>();
  Subcommand c;
  c.app = root.add_subcommand("export", "Write a self-contained libFuzzer fuzz target for OSS-Fuzz / ClusterFuzzLite");
  c.app->description(
      "Write a fuzz target for OSS-Fuzz, ClusterFuzzLite or any libFuzzer/AFL++ build (docs/export.md):\n"
      "by default its sources, a build.sh that compiles it and the library with $CC/$CXX, $CFLAGS and\n"
      "$LIB_FUZZING_ENGINE, its .options, .dict and seed corpus, and the OSS-Fuzz and ClusterFuzzLite project\n"
      "files; with --prebuilt, ffifuzz's own runner with the model embedded, ready to run.");
  add_target_options(c.app, o->target, true);
  c.app->add_option("-o,--out", o->out, "Folder to write the fuzz target into (e.g. $OUT)")->required();
  c.app->add_option("--name", o->name, "Fuzz target name: NAME_fuzzer (default: from the library's file name)");
  c.app->add_option("--function", o->only_functions,
                    "Drive only this function (repeatable), with the constructors and releasers its handles need")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  c.app->add_option("--library-source", o->library_sources,
                    "The library's sources for build.sh: a Rust crate's folder, or C files and folders of them "
                    "(repeatable; default: install the library as given)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  c.app->add_flag("--prebuilt", o->prebuilt,
                  "Write ffifuzz's own prebuilt runner with the model appended (libFuzzer, ASan and UBSan only) "
                  "instead of sources and a build.sh");
  c.app->add_option("--runner", o->runner, "With --prebuilt: the ffifuzz-runner executable (default: the one beside ffifuzz)");
  c.run = [o] { return run_export(*o); };
  return c;
}

}  // namespace ffifuzz::cli
