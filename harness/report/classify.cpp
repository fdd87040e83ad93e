#include "report/classify.h"

#include "program/call_trace.h"

#include "report/finding_classes.h"
#include "report/frames.h"

#include <cctype>
#include <regex>
#include <sstream>

namespace ffifuzz::report {
namespace {

bool contains(const std::string& s, const char* needle) { return s.find(needle) != std::string::npos; }

// The first line containing `needle`, trimmed.
std::string line_with(const std::string& text, const std::string& needle) {
  size_t at = text.find(needle);
  if (at == std::string::npos) return "";
  size_t begin = text.rfind('\n', at);
  begin = begin == std::string::npos ? 0 : begin + 1;
  size_t end = text.find('\n', at);
  std::string line = text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

// The frames of the first stack after `from` ("    #N 0xADDR in FUNC LOCATION").
std::vector<StackFrame> frames_after(const std::string& text, size_t from) {
  static const std::regex frame_re(R"(^\s*#(\d+) 0x[0-9a-f]+ in (.+?)(?: (\S+))?$)");
  static const std::regex bare_re(R"(^\s*#(\d+) 0x[0-9a-f]+\s+\((.+)\)$)");
  static const std::regex build_id_re(R"( \(BuildId: [0-9a-f]+\)$)");
  std::vector<StackFrame> frames;
  std::istringstream in(text.substr(std::min(from, text.size())));
  std::string line;
  bool started = false;
  while (std::getline(in, line)) {
    // "... (libc.so.6+0x3c04f) (BuildId: 93ac...)": the build ID is not part of the frame.
    line = std::regex_replace(line, build_id_re, "");
    std::smatch m;
    if (std::regex_match(line, m, frame_re)) {
      StackFrame f;
      f.index = std::stoi(m[1]);
      f.function = m[2];
      f.location = m[3];
      if (started && f.index == 0) break;  // a second stack starts
      size_t paren = f.location.find('(');
      if (paren != std::string::npos) f.module = f.location.substr(paren + 1, f.location.find('+', paren) - paren - 1);
      frames.push_back(f);
      started = true;
    } else if (std::regex_match(line, m, bare_re)) {
      StackFrame f;
      f.index = std::stoi(m[1]);
      f.location = "(" + std::string(m[2]) + ")";
      f.module = std::string(m[2]).substr(0, std::string(m[2]).find('+'));
      if (started && f.index == 0) break;
      frames.push_back(f);
      started = true;
    } else if (started && line.find_first_not_of(" \t") != std::string::npos) {
      break;
    }
  }
  return frames;
}

// The exported function the frames came through: the outermost frame whose name is one
// of the driven functions (the library's own entry point, below libffi).
std::string exported_function(const std::vector<StackFrame>& frames, const ClassifyContext& ctx) {
  std::string found;
  for (const StackFrame& f : frames) {
    if (contains(f.function, "ffi_call")) break;
    std::string name = short_name(f.function);
    if (ctx.exported_functions.count(f.function)) found = f.function;
    else if (ctx.exported_functions.count(name)) found = name;
  }
  return found;
}

// Whether `function` has a frame in the stack above the harness's ffi_call.
bool on_stack(const std::vector<StackFrame>& frames, const std::string& function) {
  for (const StackFrame& f : frames) {
    if (contains(f.function, "ffi_call")) break;
    if (f.function == function || short_name(f.function) == function) return true;
  }
  return false;
}

std::string first_library_frame(const std::vector<StackFrame>& frames, const ClassifyContext& ctx) {
  for (const StackFrame& f : frames) {
    if (contains(f.function, "ffi_call")) break;  // below it is the harness
    if (in_library(f, ctx)) return f.function + (f.location.empty() ? "" : " at " + f.location);
  }
  return "";
}

// The class of UBSan's check on `message` (its "runtime error:" line), from the class table:
// a NULL pointer about to be dereferenced is the NULL dereference whichever of UBSan or the
// SEGV that follows reports it; an index past an array is the overflow ASan would report.
std::string ubsan_class(const std::string& message) {
  for (const FindingClass& fc : finding_classes())
    for (std::string_view check : fc.ubsan_checks)
      if (message.find(check) != std::string::npos) return fc.name;
  return "undefined-behavior";
}

bool is_signal_kind(std::string_view kind) {
  return !kind.empty() && std::isupper(static_cast<unsigned char>(kind.front()));
}

// "READ"/"WRITE" and the size, from the report's access line (see Classification::access).
void read_access(const std::string& text, size_t from, Classification& c) {
  static const std::regex asan_re(R"(\b(READ|WRITE) of size (\d+) at )");
  static const std::regex signal_re(R"(The signal is caused by a (READ|WRITE) memory access)");
  const std::string rest = text.substr(std::min(from, text.size()));
  std::smatch m;
  if (std::regex_search(rest, m, asan_re)) {
    c.access = m[1];
    c.access_size = std::stoull(m[2]);
  } else if (std::regex_search(rest, m, signal_re)) {
    c.access = m[1];
  } else if (contains(c.message, "runtime error: store to ")) {
    c.access = "WRITE";
  } else if (contains(c.message, "runtime error: load of ")) {
    c.access = "READ";
  }
}

// The faulting frame is Rust code: the innermost frame that is not machinery (Rust's own
// library inlined into it is) has a .rs location or a Rust symbol.
bool faulted_in_rust(const std::vector<StackFrame>& frames) {
  for (const StackFrame& f : frames) {
    if (is_machinery(f)) continue;
    return contains(f.location, ".rs:") || f.function.find("::") != std::string::npos;
  }
  return false;
}

// The report's own location of the fault (see Classification::site).
std::string report_site(const std::string& text, const std::string& finding_class) {
  std::smatch m;
  if (finding_class == "rust-panic") {
    // Rust >= 1.73: "thread 'x' (tid) panicked at FILE:LINE:COL:\nMESSAGE";
    // older: "thread 'x' panicked at 'MESSAGE', FILE:LINE:COL".
    static const std::regex now_re(R"(panicked at ([^\n]+?:\d+:\d+):\n([^\n]*))");
    static const std::regex old_re(R"(panicked at '([^\n]*)', ([^\n]+?:\d+:\d+))");
    size_t first = text.find("panicked at");
    std::string from = text.substr(first == std::string::npos ? 0 : first);
    // The first panic is the bug; "panic in a function that cannot unwind" only follows it.
    if (std::regex_search(from, m, now_re) && m.position(0) == 0) return m[1].str() + ": " + m[2].str();
    if (std::regex_search(from, m, old_re) && m.position(0) == 0) return m[2].str() + ": " + m[1].str();
    return "";
  }
  static const std::regex ubsan_re(R"((\S+:\d+:\d+): runtime error: ([^\n]*))");
  const bool ubsan_class = finding_class == "undefined-behavior" || finding_class == "null-deref" ||
                           finding_class == "index-out-of-bounds";
  if (ubsan_class && std::regex_search(text, m, ubsan_re))
    return m[1].str() + ": runtime error: " + m[2].str();
  return "";
}

// glibc's "PROG: FILE:LINE: FUNCTION: Assertion `EXPR' failed." as "FILE:LINE: FUNCTION:
// Assertion `EXPR' failed." (the program's name is the harness's or the reproducer's).
std::string assertion_line(const std::string& text) {
  static const std::regex re(R"(([^\s:]+:\d+): ([^\n]*?): Assertion `([^\n]*)' failed\.)");
  std::smatch m;
  if (!std::regex_search(text, m, re)) return "";
  return m[1].str() + ": " + m[2].str() + ": Assertion `" + m[3].str() + "' failed.";
}

uint64_t fault_address(const std::string& text) {
  static const std::regex addr_re(R"(on unknown address (0x[0-9a-f]+))");
  std::smatch m;
  if (std::regex_search(text, m, addr_re)) return std::stoull(m[1], nullptr, 16);
  return UINT64_MAX;
}

}  // namespace

void read_worker_lines(const std::string& log, ClassifyContext& context) {
  static const std::regex arena_re(R"(ffifuzz: arena (0x[0-9a-f]+)-(0x[0-9a-f]+))");
  std::smatch m;
  if (std::regex_search(log, m, arena_re)) {
    context.arena_begin = std::stoull(m[1], nullptr, 16);
    context.arena_end = std::stoull(m[2], nullptr, 16);
  }
  std::string last = program::last_traced_function(log);
  if (!last.empty()) context.last_traced_call = last;
}

const std::vector<ReportRule>& report_rules() {
  static const std::vector<ReportRule> rules = [] {
    // Most specific first: the harness's own findings, Rust panics (which end in an abort), the
    // sanitizers' reports, then libFuzzer's generic ones.
    std::vector<ReportRule> r = {
        {"==ffifuzz== ERROR: layout-mismatch", "layout-mismatch"},
        {"==ffifuzz== ERROR: heap-overflow", "heap-overflow"},
        {"==ffifuzz== ERROR: contract-violation", "contract-violation"},
        {"==ffifuzz== ERROR: timeout", "timeout"},  // emit-c programs' own alarm
        {"==ffifuzz== ERROR: exit", "exit"},  // the exit guard (exec/process_guard.h), emit-c programs
        {"==ffifuzz== ERROR: out-of-memory", "out-of-memory"},  // driver/heap_growth.h
        {"panicked at", "rust-panic"},
        {"panic in a function that cannot unwind", "rust-panic"},
        {"ERROR: LeakSanitizer: detected memory leaks", "leak"},
    };
    auto asan_kinds = [&r](bool signals) {
      for (const FindingClass& fc : finding_classes())
        for (std::string_view kind : fc.asan_kinds)
          if (is_signal_kind(kind) == signals) r.push_back({"AddressSanitizer: " + std::string(kind), fc.name});
    };
    asan_kinds(false);  // ASan's memory errors
    r.push_back({"ERROR: libFuzzer: out-of-memory", "out-of-memory"});
    r.push_back({"ERROR: libFuzzer: timeout", "timeout"});
    // UBSan stops before the access a signal would then report: its report is the bug. Its
    // check refines the class (ubsan_class).
    r.push_back({"runtime error:", "undefined-behavior"});
    asan_kinds(true);   // the signals ASan caught: SEGV, BUS, FPE, ABRT
    r.push_back({"ERROR: libFuzzer: deadly signal", "abort"});
    r.push_back({"ERROR: libFuzzer: fuzz target exited", "exit"});
    // A sanitizer report of a kind not listed: still a finding, never "ran clean".
    r.push_back({"ERROR: AddressSanitizer:", "wild-access"});
    r.push_back({"ERROR: LeakSanitizer:", "leak"});
    return r;
  }();
  return rules;
}

Classification classify(const std::string& text, const ClassifyContext& ctx) {
  Classification c;
  size_t at = std::string::npos;
  for (const ReportRule& r : report_rules()) {
    at = text.find(r.needle);
    if (at != std::string::npos) {
      c.finding_class = r.finding_class;
      c.message = line_with(text, r.needle);
      break;
    }
  }
  if (c.finding_class.empty()) return c;
  if (c.finding_class == "undefined-behavior") c.finding_class = ubsan_class(c.message);
  c.site = report_site(text, c.finding_class);
  const std::string_view fault = fault_of(c.finding_class);
  for (const char* touches : {"out-of-bounds", "use-after-free", "stack-use-after-return", "null-deref", "wild-access"})
    if (fault == touches) read_access(text, at, c);
  // The library's own assert: the headline is the assertion, and its function and expression
  // key it (two asserts are two findings, whatever abort's stack looks like).
  if (c.finding_class == "abort") {
    std::string assertion = assertion_line(text);
    if (!assertion.empty()) {
      c.message = assertion;
      c.site = assertion;
    }
  }

  // The stack that matters: the leak's allocation stack, the sanitizer's crash stack, or for
  // a panic the stack of the abort that follows it.
  size_t stack_from = at;
  if (c.finding_class == "leak") stack_from = text.find("leak of", at);
  c.frames = frames_after(text, stack_from == std::string::npos ? at : stack_from);
  if (c.finding_class == "wild-access") {
    uint64_t addr = fault_address(text);
    // The first page is a NULL pointer plus an offset, except in Rust code: Rust never
    // makes a NULL pointer for an empty buffer, its dangling pointer is the alignment (0x1
    // for bytes), so a fault there is reading past an empty Vec or slice: the overflow the
    // same code shows as heap-buffer-overflow when the buffer is not empty.
    if (addr != 0 && addr < 4096 && faulted_in_rust(c.frames)) c.finding_class = "heap-overflow";
    else if (addr < 4096) c.finding_class = "null-deref";
    else if (addr >= ctx.arena_begin && addr < ctx.arena_end) c.finding_class = "guard-page-overflow";
  }
  c.function = exported_function(c.frames, ctx);
  c.called = ctx.last_traced_call;
  // The call the harness made is on the stack unless it tail-called another exported function
  // (libcbor's cbor_array_get ends in `return cbor_incref(...)`): its frame is gone, and the
  // fault is where the user's call went wrong, so the finding is named after that call. A
  // leak's stack is where the memory was allocated, not the call running at exit: not so.
  if (c.finding_class != "leak" && !c.called.empty() && ctx.exported_functions.count(c.called) &&
      !c.function.empty() && !on_stack(c.frames, c.called))
    c.function = c.called;
  if (c.function.empty()) {
    c.function = ctx.last_traced_call;
    c.function_from_trace = !c.function.empty();
  }
  // The harness's own checks name the function they checked ("F returned a ..."): with no trace
  // (a replay without it), that is the function.
  if (c.function.empty() && c.finding_class == "layout-mismatch") {
    const std::string tag = "layout-mismatch: ";
    const size_t from = c.message.find(tag);
    if (from != std::string::npos) {
      const std::string rest = c.message.substr(from + tag.size());
      const std::string lead = rest.substr(0, rest.find(' '));
      if (ctx.exported_functions.count(lead)) c.function = lead;
    }
  }
  c.first_library_frame = first_library_frame(c.frames, ctx);
  return c;
}

}  // namespace ffifuzz::report
