#include "report/finding_classes.h"

namespace ffifuzz::report {

const std::vector<FindingClass>& finding_classes() {
  static const std::vector<FindingClass> classes = {
      {"leak", "memory the library allocated during a program is unreachable after it", "LeakSanitizer"},
      {"double-free", "memory freed twice", "AddressSanitizer"},
      {"invalid-free", "free of an address malloc never returned (an interior pointer, a stack address)",
       "AddressSanitizer"},
      {"use-after-free", "heap memory read or written after it was freed", "AddressSanitizer"},
      {"heap-overflow", "a read or write past a heap, stack or global buffer; or a returned string not terminated in "
                        "its allocation", "AddressSanitizer; ffifuzz's post-call checks"},
      {"guard-page-overflow", "a read or write past a buffer the harness passed, caught by the guard page behind it "
                              "(libraries without ASan)", "the guarded arena (a SEGV in it)"},
      {"stack-overflow", "the stack ran out (unbounded recursion)", "AddressSanitizer"},
      {"null-deref", "a read or write through a NULL pointer (or an offset from one)",
       "AddressSanitizer (SEGV below 4096), UndefinedBehaviorSanitizer"},
      {"wild-access", "a read or write of an address that is no object at all", "AddressSanitizer (SEGV, BUS)"},
      {"undefined-behavior", "C undefined behaviour: signed overflow, misaligned load, bad shift, division by zero, "
                             "out-of-bounds index", "UndefinedBehaviorSanitizer"},
      {"rust-panic", "a Rust panic that reached the C ABI boundary", "the Rust runtime's panic message"},
      {"abort", "the library aborted (an assert, abort())", "libFuzzer's deadly-signal handler"},
      {"exit", "the library ended the process during a call (exit, _exit, _Exit, quick_exit, or silently)",
       "ffifuzz's exit guard; the campaign, for a process that vanished mid-input"},
      {"timeout", "a call did not return within the time limit (-timeout, 10 s)", "libFuzzer"},
      {"out-of-memory", "one allocation over the limit, or the process's memory over its limit",
       "libFuzzer (-malloc_limit_mb, -rss_limit_mb), AddressSanitizer"},
      {"layout-mismatch", "a struct's layout in the binary is not the header's (size, field offsets)",
       "ffifuzz check (DWARF); ffifuzz's post-call check of returned structs"},
      {"signature-mismatch", "a function's parameters or result in the binary are not the header's", "ffifuzz check"},
      {"missing-symbol", "a function the header declares is not exported by the library", "ffifuzz check"},
      {"ffi-unsafe-type", "a Rust type with no C layout crosses the boundary", "ffifuzz check"},
      {"contract-violation", "the library broke its contract (a value it promised, an object it must not keep)",
       "ffifuzz's post-call checks"},
  };
  return classes;
}

const FindingClass* find_finding_class(std::string_view name) {
  for (const FindingClass& c : finding_classes())
    if (name == c.name) return &c;
  return nullptr;
}

}  // namespace ffifuzz::report
