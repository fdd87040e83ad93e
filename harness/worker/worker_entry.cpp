// worker: ffifuzz-worker, the process every campaign fuzzes and replays in.
// Job: be campaign/worker_main and nothing else. The supervisor (`ffifuzz fuzz`, `ci`, the
// replays of `repro`, `minimize`, `regress`) parses the header, merges the contracts and reads
// the ELF/DWARF once, and hands the session over as a file (campaign/session_file.h); the
// worker plans from it. Linked without libclang and LLVM, it does not carry their pages for
// the whole run (docs/ARCHITECTURE.md, "Speed").
#include "campaign/worker_args.h"
#include "campaign/worker_main.h"

#include <cstdio>

int main(int argc, char** argv) {
  if (ffifuzz::campaign::worker_kind(argc, argv).empty()) {
    std::fprintf(stderr, "ffifuzz-worker: the process 'ffifuzz fuzz' and its replays run the library in; run 'ffifuzz' instead\n");
    return 2;
  }
  return ffifuzz::campaign::worker_main(argc, argv);
}
