// campaign/worker_main: a worker process, from its first instruction to libFuzzer.
// Job: the other half of worker_process.h. In order —
//  1. tie itself to its supervisor: PR_SET_PDEATHSIG when its parent is the supervisor, and
//     a lifeline thread that waits for end-of-file on the lifeline pipe and then kills the
//     process group (a -fork job behind a shell, whose parent is not the supervisor, too);
//  2. contain itself (containment.h) when the supervisor named writable folders;
//  3. a probe (kProbeMarker) loads the library and says so, nothing more (load_probe.h);
//     a fuzz worker opens the session its supervisor wrote (session_file.h), applies the run's set-aside list, records its inputs
//     (driver/inflight.h) and enters libFuzzer (driver/libfuzzer_glue.h).
// May depend on: containment, session_file, set_aside, worker_args, driver, binary's ELF
// readers; nothing that parses a header (ffifuzz-worker links no libclang).
#pragma once

namespace ffifuzz::campaign {

// argv carries kWorkerMarker or kProbeMarker. Returns the process's exit code.
int worker_main(int argc, char** argv);

}  // namespace ffifuzz::campaign
