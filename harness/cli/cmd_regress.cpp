// `ffifuzz regress DIR...`: replay every input in the folders and say what each reproduces.
// A finding folder contributes its `input`; any other file (not hidden) is an input too.
// Exit 1 when any input reproduces a finding, 0 when all run clean: a ctest test running
// it over a folder of fixed findings keeps them fixed (docs/findings.md).
#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "campaign/replay_pool.h"
#include "campaign/stop_signals.h"
#include "cli/subcommand.h"
#include "model/error.h"

namespace ffifuzz::cli {
namespace {
namespace fs = std::filesystem;

struct RegressOptions {
  TargetOptions target;
  std::vector<std::string> functions;
  std::vector<std::string> dirs;
};

bool hidden(const fs::path& p) { return p.filename().string().rfind('.', 0) == 0; }

// The inputs under `dir`, in a stable order. Empty files are none: libFuzzer creates a corpus
// file before it writes it, so a run killed in between leaves one (the next fuzz run removes
// them); they are counted in `empty`, not failed.
std::vector<std::string> inputs_under(const std::string& dir, size_t& empty) {
  if (!fs::exists(dir)) throw InputError(dir + ": no such folder");
  if (!fs::is_directory(dir)) return {dir};
  std::vector<std::string> found;
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
    const fs::path& p = it->path();
    if (hidden(p)) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_directory() && fs::exists(p / report::kSummaryFile)) {
      // A finding folder: its input is the finding; the rest describes it.
      if (fs::exists(p / report::kInputFile)) found.push_back((p / report::kInputFile).string());
      it.disable_recursion_pending();
    } else if (it->is_regular_file() && !fs::exists(p.parent_path() / report::kSummaryFile)) {
      if (it->file_size() == 0) ++empty;
      else found.push_back(p.string());
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

int run_regress(const RegressOptions& o) {
  install_stop_handlers();
  ReplayPool pool(o.target, o.functions);
  std::vector<std::string> inputs;
  for (const std::string& d : o.dirs) {
    if (fs::exists(fs::path(d) / report::kSummaryFile)) inputs.push_back((fs::path(d) / report::kInputFile).string());
    else {
      size_t empty = 0;
      for (const std::string& f : inputs_under(d, empty)) inputs.push_back(f);
      if (empty)
        std::fprintf(stderr, "ffifuzz regress: skipped %zu empty file(s) in %s: left by an interrupted run (libFuzzer "
                     "creates a corpus file before writing it)\n", empty, d.c_str());
    }
  }
  if (inputs.empty()) throw InputError("no inputs in " + o.dirs.front() + (o.dirs.size() > 1 ? " ..." : ""));
  int reproduced = 0, clean = 0, bad = 0;
  for (const std::string& file : inputs) {
    try {
      Replayer& r = pool.for_input(file);
      ReplayOutcome out = r.replay(r.read(file));
      if (out.reproduced()) {
        ++reproduced;
        std::printf("%s: %s in %s (key %s)\n", file.c_str(), out.finding.finding_class.c_str(),
                    out.finding.function.empty() ? "(unknown function)" : out.finding.function.c_str(),
                    out.key.hex.c_str());
      } else {
        ++clean;
        std::printf("%s: clean\n", file.c_str());
      }
    } catch (const InputError& e) {
      ++bad;
      std::printf("%s: error: %s\n", file.c_str(), e.what());
    }
    std::fflush(stdout);
    if (stop_requested()) {
      std::printf("ffifuzz regress: interrupted by %s after %d of %zu inputs\n", stop_signal_name(),
                  reproduced + clean + bad, inputs.size());
      return stop_exit_code();
    }
  }
  std::printf("ffifuzz regress: %zu inputs: %d reproduce a finding, %d clean%s\n", inputs.size(), reproduced, clean,
              bad ? (", " + std::to_string(bad) + " not inputs").c_str() : "");
  if (reproduced) return kExitFindings;
  return bad ? kExitUsage : kExitClean;
}

}  // namespace

Subcommand add_regress_command(CLI::App& root) {
  auto o = std::make_shared<RegressOptions>();
  Subcommand c;
  c.app = root.add_subcommand("regress", "Replay every input in folders; exit 1 if any still reproduces a finding");
  c.app->description(
      "Replay every input in the folders (finding folders' inputs, or any files) and say what each reproduces.\n"
      "Exit 1 when any reproduces a finding, 0 when all run clean: keep fixed bugs fixed from ctest.");
  add_target_options(c.app, o->target, false);
  c.app->add_option("--function", o->functions, "The --function focus the inputs were found with (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  c.app->add_option("dirs", o->dirs, "Folders (or files) of inputs")->required();
  c.run = [o] { return run_regress(*o); };
  return c;
}

}  // namespace ffifuzz::cli
