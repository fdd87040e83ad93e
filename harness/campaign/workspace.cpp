#include "campaign/workspace.h"

#include <unistd.h>

#include <atomic>
#include <fstream>

#include "model/error.h"

namespace ffifuzz::campaign {
namespace fs = std::filesystem;

Workspace::Workspace(fs::path root, bool temporary) : root_(std::move(root)), temporary_(temporary) {
  std::error_code ec;
  fs::remove_all(root_, ec);
  for (const fs::path& d : {root_, inflight(), scratch(), tmp()}) {
    fs::create_directories(d, ec);
    if (ec) throw InputError(d.string() + ": cannot create the folder: " + ec.message());
  }
  // Present from the start: workers are told where they are before anything is written to them.
  std::ofstream(set_aside()) << "# ffifuzz: set aside for the rest of this run (none yet)\n";
  std::ofstream(leak_suppressions()) << "# ffifuzz: leaks already reported in this run\n";
}

Workspace Workspace::temporary() {
  static std::atomic<int> n{0};
  return Workspace(fs::temp_directory_path() / ("ffifuzz-" + std::to_string(getpid()) + "-" + std::to_string(n++)), true);
}

Workspace::Workspace(Workspace&& other) noexcept : root_(std::move(other.root_)), temporary_(other.temporary_) {
  other.temporary_ = false;
  other.root_.clear();
}

Workspace::~Workspace() {
  std::error_code ec;
  if (temporary_ && !root_.empty()) fs::remove_all(root_, ec);
}

}  // namespace ffifuzz::campaign
