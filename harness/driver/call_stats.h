// driver/call_stats: how often each exported function was called during a fuzz run.
// Job: in each worker process (libFuzzer's -fork jobs are processes of their own), count the
// calls per plan function in a file mapped shared into memory, STATS_DIR/calls-<pid>.bin (one
// 64-bit counter per plan function, in plan order; STATS_DIR/functions.txt names them). The
// counts live in the page cache, so a job that dies on a finding or is killed keeps every call
// it made; in the supervisor, add up the files. A call that does not return (the crash
// itself) is not counted.
// May depend on: report (atomic writes).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ffifuzz::driver {

// Worker side. `names`: the plan's functions, by plan index. Best effort: when the file
// cannot be made, nothing is counted.
void start_call_stats(const std::string& dir, const std::vector<std::string>& names);
void count_call(uint32_t plan_function);  // the hot path: one increment

// Supervisor side: the sum over every process's file; missing folder: empty.
std::map<std::string, uint64_t> read_call_stats(const std::string& dir);

}  // namespace ffifuzz::driver
