// campaign/session: a driver::RunSession opened from the command line's target options:
// the header parsed, the contracts merged, the library's ELF/DWARF read and checked.
// Shared by the fuzz worker, repro, export and the other commands that run programs.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "campaign/target.h"
#include "driver/run_session.h"

namespace ffifuzz::campaign {

using driver::SessionOptions;

struct FuzzSession : driver::RunSession {
  LoadedTarget target;
  // Functions not to call that only the ELF/DWARF tells (ffifuzz check's signature
  // mismatches and FFI-unsafe types), with the reason: what an exported target must carry,
  // as it cannot read them where it runs.
  std::map<std::string, std::string> checked_unavailable;

  // Throws InputError for bad input, including "nothing left to call".
  static std::unique_ptr<FuzzSession> open(const TargetOptions& options, SessionOptions session);
};

}  // namespace ffifuzz::campaign
