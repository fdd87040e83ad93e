// campaign/workspace: the folders a campaign's workers share with their supervisor.
// Job: one place that says where each thing lives —
//   ROOT/inflight/       the input each worker process is running (driver/inflight.h)
//   ROOT/scratch/<pid>/  where path and FILE * parameters point (a folder per process,
//                        emptied after each program that used it)
//   ROOT/tmp/            the workers' TMPDIR (libFuzzer -fork keeps its job folders there)
//   ROOT/set-aside.txt   functions and checks set aside for the rest of the run (set_aside.h)
//   ROOT/leaks.supp      LeakSanitizer suppressions for leaks already reported this run
// ROOT is OUT/.campaign for fuzz and ci; a temporary folder for replays (repro, regress,
// minimize), removed when the Workspace goes. Everything in ROOT is the run's own scratch: it is
// cleared when a run starts.
// May depend on: nothing.
#pragma once

#include <filesystem>

namespace ffifuzz::campaign {

class Workspace {
 public:
  // ROOT = `root`, created (and emptied); `temporary`: removed on destruction.
  Workspace(std::filesystem::path root, bool temporary);
  // A temporary workspace under the system's temporary folder.
  static Workspace temporary();
  Workspace(Workspace&& other) noexcept;
  Workspace& operator=(Workspace&&) = delete;
  Workspace(const Workspace&) = delete;
  ~Workspace();

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path inflight() const { return root_ / "inflight"; }
  std::filesystem::path scratch() const { return root_ / "scratch"; }
  // The workers' working folder: what a library writes to a relative name of its own choosing
  // (a fuzzed file name given to a function nobody said takes a path) lands here, not among
  // the user's results in OUT.
  std::filesystem::path worker_cwd() const { return root_ / "cwd"; }
  std::filesystem::path tmp() const { return root_ / "tmp"; }
  std::filesystem::path set_aside() const { return root_ / "set-aside.txt"; }
  std::filesystem::path leak_suppressions() const { return root_ / "leaks.supp"; }

 private:
  std::filesystem::path root_;
  bool temporary_ = false;
};

}  // namespace ffifuzz::campaign
