// cli/call_stats: how often each exported function was called during a fuzz run.
// Job: in each worker process (libFuzzer's -fork jobs are processes of their own), count the
// calls per plan function and write them to STATS_DIR/calls-<pid>.txt ("name count" lines,
// cumulative, replaced atomically) every 2 seconds and at exit; in the supervisor, add up the
// files. A process that dies on a finding loses at most its last 2 seconds of counts, so the
// numbers are a close lower bound, not an exact count.
// May depend on: report (atomic writes).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ffifuzz::cli {

// Worker side. `names`: the plan's functions, by plan index.
void start_call_stats(const std::string& dir, std::vector<std::string> names);
void count_call(uint32_t plan_function);  // the hot path: an increment, now and then a clock read

// Supervisor side: the sum over every process's file; missing folder: empty.
std::map<std::string, uint64_t> read_call_stats(const std::string& dir);

}  // namespace ffifuzz::cli
