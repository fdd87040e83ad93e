// driver/inflight: the input a worker process is running, kept where its supervisor can
// read it after the process is gone.
// Job: libFuzzer saves the input that killed it when it sees the death (a sanitizer report,
// a signal it handles, a timeout); a library that ends the process behind its back (a raw
// exit_group system call, SIGKILL to itself, a handler of its own that _exits) leaves no
// saved input and no report. Each worker process keeps its current input in a file of its own,
// DIR/<pid>.inflight, mapped shared: the kernel keeps what was written when the process dies,
// and the record says whether an input was running at that moment.
// Worker side: start_inflight_record, then inflight_begin/inflight_end around each input
// (a copy of the input: cheap next to running it). Supervisor side: collect_inflight.
// May depend on: nothing.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ffifuzz::driver {

// Worker side. Best effort: when the file cannot be made, nothing is recorded.
void start_inflight_record(const std::string& dir);
void inflight_begin(const uint8_t* data, size_t size);
void inflight_end();
// The worker's own report of the running input, kept beside its record (DIR/<pid>.report):
// for a finding its input does not show alone (memory grown over many programs), whose
// report the supervisor could not otherwise read (a -fork job's output is not kept).
// Returns the file descriptor to write it to, or -1.
int inflight_report_fd();

// Supervisor side: an input that was running when its process ended.
struct InflightInput {
  pid_t pid = 0;
  std::string bytes;
  bool truncated = false;  // longer than the record holds: the start of it
  uint64_t executions = 0;  // inputs that process had run before this one
  std::string report;       // what the process said about it (inflight_report_fd), if anything
};

// Reads and removes the records in `dir` of processes that are gone; returns the inputs that
// were running when they ended. Records of live processes are left alone.
std::vector<InflightInput> collect_inflight(const std::string& dir);

}  // namespace ffifuzz::driver
