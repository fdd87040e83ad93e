// driver/call_stats: how often each exported function was called during a fuzz run, and how
// often it returned zero or NULL.
// Job: in each worker process (libFuzzer's -fork jobs are processes of their own), count the
// calls per plan function in a file mapped shared into memory, STATS_DIR/calls-<pid>.bin (two
// 64-bit counters per plan function, in plan order: calls, then zero/NULL results; then one
// counter of programs run, so "never called" can be told from "not warmed up yet" even when
// nothing is called at all; STATS_DIR/functions.txt names the functions). The
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
// The hot path: one or two increments. `result_class` as exec::CallHook's (1: zero or NULL).
void count_call(uint32_t plan_function, uint32_t result_class);
// One program (one input) run.
void count_program();

struct CallCount {
  uint64_t calls = 0;
  uint64_t zero_results = 0;  // returned 0 or NULL (a constructor that never makes anything)
};

struct CallStats {
  uint64_t programs = 0;
  std::map<std::string, CallCount> functions;  // every plan function, counted or not
};

// Supervisor side: the sum over every process's file; missing folder: empty.
CallStats read_call_stats(const std::string& dir);

}  // namespace ffifuzz::driver
