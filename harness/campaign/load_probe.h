// campaign/load_probe: can the library be loaded at all? Asked in a child first.
// Job: a library's ELF constructors run inside dlopen. One that crashes would kill the
// supervisor itself (a raw sanitizer report, no finding, no reports); one that loops would
// hang every command past every limit. So before a campaign loads the library in its own
// process, a probe worker (worker_main.h) loads it under a deadline, and what went wrong is
// one clear line naming the library and what its initializer did: an InputError (exit 2,
// "the library cannot be used as it is"), never a finding and never a hang.
// May depend on: worker_process, worker_args, workspace, report (classification).
#pragma once

#include <string>

#include "campaign/target.h"
#include "campaign/workspace.h"

namespace ffifuzz::campaign {

// Seconds a library may take to load (FFIFUZZ_LOAD_TIMEOUT overrides).
int load_timeout_seconds();

// Throws InputError when the probe crashed, hung or ended early.
void probe_library_load(const std::string& lib, const Workspace& workspace);

// The library of `options` (or of its --config), checked to be an ELF library for this machine
// and loaded by a probe (in a temporary workspace) before this process loads it. Every command
// that loads the library in its own process calls this first (or goes through a Replayer).
void probe_target_library(const TargetOptions& options, const Workspace* workspace = nullptr);

}  // namespace ffifuzz::campaign
