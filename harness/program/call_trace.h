// program/call_trace: the lines a traced run of a program prints, and reading them back.
// Job: one format for what the executor prints when it replays an input (exec/executor,
// ExecOptions::trace) and what an emit-c program prints (report/emit_c), so that a replay's
// log tells emit-c what the calls gave (NULL results, failed calls, calls not made), the
// classifier which call a report came through, and the differential test whether the two
// made the same calls with the same results (docs/ARCHITECTURE.md, "One lowering").
//   ffifuzz: call #K NAME            before program call K is made
//   ffifuzz: result #K VALUE         after it: void, NULL, non-NULL, an integer, or value
//                                    (floats, structs), with " (failed)" when returns.success
//                                    says the call failed and " (no object)" when the
//                                    parameter that receives its object got none
//   ffifuzz: skip #K NAME (REASON)   program call K is not made
//   ffifuzz: release NAME            a final release (NAME free: the C library's free)
//   ffifuzz: skip release NAME (REASON)
// May depend on: nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ffifuzz::program {

std::string trace_call_line(size_t index, const std::string& name);
std::string trace_release_line(const std::string& name);
std::string trace_skip_line(size_t index, const std::string& name, const std::string& reason);
std::string trace_skip_release_line(const std::string& name, const std::string& reason);
// VALUE as the result line spells it.
std::string trace_result_line(size_t index, const std::string& value, bool failed, bool no_object);
std::string trace_signed_value(int64_t v);
std::string trace_unsigned_value(uint64_t v);
inline const char* trace_pointer_value(const void* p) { return p ? "non-NULL" : "NULL"; }

// What the trace said about one program call.
struct TracedCall {
  bool seen = false;          // a call or skip line for it
  bool made = false;          // a call line (it was made)
  bool returned = false;      // a result line (it returned)
  bool null_result = false;   // the result was NULL
  bool failed = false;        // returns.success said it failed
  bool no_object = false;     // its Init / OutHandle parameter received no object
  std::string value;          // the result line's VALUE (void, NULL, non-NULL, an integer, value)
  std::string skip_reason;    // a skip line's reason
};
// By program call index: what the first run of the program in `log` said (a log may hold
// several runs of one input; they are the same program).
std::vector<TracedCall> read_traced_calls(const std::string& log);

// The function the last call or release line names ("" when none; the C library's free is
// not a library function). The program call index of the last call line, or -1 when the last
// line is a final release or there is none.
std::string last_traced_function(const std::string& log);
long last_traced_call(const std::string& log);

// The call, result, skip and release lines of a log, in order, the first run only: what the
// differential test compares.
std::vector<std::string> trace_lines(const std::string& log);

}  // namespace ffifuzz::program
