// report/classify: from the text a dying process left behind to a finding.
// Job: read a sanitizer / libFuzzer / Rust panic report and say which DESIGN.md finding
// class it is, which exported function it came through and the first frame inside the
// library. Pure text processing: the process that died cannot be trusted to say it itself.
// May depend on: model.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace ffifuzz::report {

struct StackFrame {
  int index = 0;
  std::string function;  // as symbolized ("record_new", "rust_leaks::helper::h1a2b")
  std::string location;  // "src/lib.rs:12:5" or "(libfoo.so+0x1234)"
  std::string module;    // the binary the frame is in, when the report says
};

struct Classification {
  std::string finding_class;   // DESIGN.md's name; empty when the text holds no finding
  std::string function;        // the exported function it came through; empty if unknown
  std::string message;         // the report's headline, one line
  std::vector<StackFrame> frames;  // the relevant stack (crash site, or the leak's allocation)
  std::string first_library_frame;  // "function at file:line" of the first frame in the library
  // Where the report itself places the fault when its stack cannot (a Rust panic aborts
  // from the exported function; UBSan prints no stack by default): a panic's
  // "FILE:LINE:COL: message" or UBSan's "FILE:LINE:COL: runtime error: kind". Empty otherwise.
  std::string site;
  // `function` is the call the trace says was running, not a frame of the stack: the stack
  // names no exported function (a stripped library, no frame pointers). For a leak, which
  // LeakSanitizer reports at exit, that call is one of the final releases: a guess to
  // replace (cli/leak_origin.h).
  bool function_from_trace = false;
  // The exported function the harness was calling (the trace's last call), when the report
  // has a trace. `function` is this call too when the stack lost its frame (it tail-called
  // another exported function, which the stack names instead); they differ for a leak, whose
  // stack is the allocation's and whose trace ends with the releases at exit.
  std::string called;
  // How the faulting instruction touched memory, when the report says: "READ" or "WRITE"
  // (ASan's "WRITE of size 1", its SEGV's "caused by a READ memory access", UBSan's "store
  // to"), and how many bytes (0 when not said). Part of a memory fault's identity.
  std::string access;
  uint64_t access_size = 0;
};

struct ClassifyContext {
  std::set<std::string> exported_functions;  // the functions the harness drives
  std::string library_path;                  // the library under test
  uint64_t arena_begin = 0, arena_end = 0;   // the guarded arena, from the worker's banner
  std::string last_traced_call;              // from "ffifuzz: call #k NAME" lines, if any
};

Classification classify(const std::string& report, const ClassifyContext& context);

// The report lines classify looks for, most specific first, each with the class it gives.
// Where a sanitizer names the class (ASan's kinds, UBSan's checks) the rule comes from the
// class table (report/finding_classes.h); every class a rule gives is in that table.
struct ReportRule {
  std::string needle;
  std::string finding_class;
};
const std::vector<ReportRule>& report_rules();

// Parses the worker's "ffifuzz: arena 0x..-0x.." banner and "ffifuzz: call #k NAME" trace
// lines into the context.
void read_worker_lines(const std::string& log, ClassifyContext& context);

}  // namespace ffifuzz::report
