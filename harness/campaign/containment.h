// campaign/containment: what a worker's library can reach outside the harness.
// Job: a worker process calls contain_worker() before it loads the library. It then runs in
// mount and network namespaces of its own (unshare): every mount is read-only except the
// folders the campaign writes (output folder, corpus), and the network is a loopback that
// is down. A library whose function writes to a path it is given, or to one of its own
// choosing, cannot write any other file of the user's; one that connects somewhere fails at
// once. Where namespaces are not available (no privilege for them), the stated fallback: path
// and FILE * parameters still point into the scratch folder (the plan's `path` contract and
// the File slot), but what the library opens on its own is not confined, and it is said.
// libFuzzer's -fork and -jobs children inherit the namespaces (FFIFUZZ_CONTAINED is set).
// FFIFUZZ_NO_CONTAIN=1 turns it off (to debug a library that needs its files).
// May depend on: nothing.
#pragma once

#include <string>
#include <vector>

namespace ffifuzz::campaign {

struct ContainResult {
  bool contained = false;  // the namespaces are in place (here or inherited)
  std::string how;         // one line: what was done, or why not and what still holds
};

// `writable`: folders that stay writable (they must exist). Must be called while the process
// has a single thread. Never throws: containment that cannot be had is reported, not fatal.
ContainResult contain_worker(const std::vector<std::string>& writable);

// In a contained worker (its own mount namespace), a memory file system over the scratch
// folder `dir` (it must exist): a library given paths (zlib's gzopen) creates and the harness
// deletes files there on every input, which on a disk file system cost the worker more than
// a tenth of its time in the kernel's inode and block bookkeeping. Visible to this worker and
// its -fork children only. False (the folder stays on disk) when it cannot be had.
bool scratch_in_memory(const std::string& dir);

// The largest file a worker may write (RLIMIT_FSIZE), writes past it failing with EFBIG
// (SIGXFSZ ignored): a library asked to write without end (zlib's gzclose compressing the 2^47
// zero bytes a fuzzed gzseek asked for) fills the scratch folder, not the disk.
inline constexpr unsigned long long kWorkerMaxFileBytes = 256ull << 20;
void limit_worker_file_size();

}  // namespace ffifuzz::campaign
