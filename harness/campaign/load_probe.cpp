#include "campaign/load_probe.h"

#include <cstdlib>

#include <filesystem>

#include "binary/elf_file.h"
#include "campaign/worker_args.h"
#include "contract/config_file.h"
#include "campaign/worker_process.h"
#include "model/error.h"
#include "report/classify.h"

namespace ffifuzz::campaign {

int load_timeout_seconds() {
  const char* v = std::getenv("FFIFUZZ_LOAD_TIMEOUT");
  int s = v ? std::atoi(v) : 0;
  return s > 0 ? s : 30;
}

void probe_library_load(const std::string& lib, const Workspace& workspace) {
  WorkerFlags flags;
  flags.writable = {workspace.scratch().string()};
  TargetOptions target;
  target.lib = lib;
  WorkerSpec spec;
  spec.argv = {worker_executable(), kProbeMarker};
  for (const std::string& a : worker_option_args(target, flags)) spec.argv.push_back(a);
  const int seconds = load_timeout_seconds();
  spec.deadline = Clock::now() + std::chrono::seconds(seconds);
  spec.env = {"TMPDIR=" + workspace.tmp().string()};
  WorkerEnd end = run_worker(spec);
  if (end.exit_code == 0 && end.log.find("ffifuzz: probe: loaded") != std::string::npos) return;
  if (end.deadline_passed)
    throw InputError(lib + ": the library did not finish loading within " + std::to_string(seconds) +
                     " s: an ELF constructor (its own or a dependency's) does not return; ffifuzz cannot drive it "
                     "(FFIFUZZ_LOAD_TIMEOUT=SECONDS allows more time)");
  if (end.stopped) throw InputError(lib + ": stopped while loading the library");
  // The worker refused it with its own line (a missing dependency, not an ELF file, ...).
  if (end.exit_code == 2) {
    size_t at = end.log.find("error: ");
    if (at != std::string::npos) throw InputError(end.log.substr(at + 7, end.log.find('\n', at) - at - 7));
  }
  report::ClassifyContext ctx;
  ctx.library_path = lib;
  report::Classification c = report::classify(end.log, ctx);
  if (!c.finding_class.empty()) {
    std::string where = c.first_library_frame.empty() ? "" : " in " + c.first_library_frame;
    throw InputError(lib + ": the library crashed while loading (" + c.finding_class + where +
                     ": its ELF constructor runs at dlopen): " + c.message +
                     "; fix the initializer, or fuzz a build without it");
  }
  std::string how = end.term_signal ? "was killed by signal " + std::to_string(end.term_signal)
                                    : "ended the process with exit status " + std::to_string(end.exit_code);
  throw InputError(lib + ": the library " + how + " while loading (an ELF constructor), before ffifuzz could use it");
}

void probe_target_library(const TargetOptions& options, const Workspace* workspace) {
  std::string lib = options.lib;
  if (lib.empty() && !options.config.empty()) lib = contract::read_config_file(options.config).lib;
  std::error_code ec;
  if (lib.empty() || !std::filesystem::is_regular_file(lib, ec)) return;  // the session says what is wrong
  binary::ElfFile elf(lib);  // a file that is no library for this machine: its own clear line
  if (workspace) return probe_library_load(lib, *workspace);
  Workspace scratch = Workspace::temporary();
  probe_library_load(lib, scratch);
}

}  // namespace ffifuzz::campaign
