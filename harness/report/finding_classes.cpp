#include "report/finding_classes.h"

namespace ffifuzz::report {

const std::vector<FindingClass>& finding_classes() {
  static const std::vector<FindingClass> classes = {
      {"leak", "memory the library allocated during a program is unreachable after it", "LeakSanitizer", "leak", {}, {}},
      {"double-free", "memory freed twice", "AddressSanitizer", "double-free", {"attempting double-free"}, {}},
      {"invalid-free", "free of an address malloc never returned (an interior pointer, a stack address)",
       "AddressSanitizer", "invalid-free",
       {"attempting free on address which was not malloc()-ed", "bad-free", "alloc-dealloc-mismatch",
        "new-delete-type-mismatch"},
       {}},
      {"use-after-free", "heap memory read or written after it was freed", "AddressSanitizer", "use-after-free",
       {"heap-use-after-free"}, {}},
      {"stack-use-after-return", "a function's stack memory used after it returned, or a block's after its scope ended",
       "AddressSanitizer (with detect_stack_use_after_return)", "stack-use-after-return",
       {"stack-use-after-return", "stack-use-after-scope"}, {}},
      {"heap-overflow", "a read or write past a heap buffer (an empty Rust buffer's dangling pointer included); or a "
                        "returned string not terminated in its allocation",
       "AddressSanitizer; ffifuzz's post-call checks", "out-of-bounds",
       {"heap-buffer-overflow", "container-overflow", "negative-size-param"}, {}},
      {"stack-buffer-overflow", "a read or write past a buffer on the stack (a local array)", "AddressSanitizer",
       "out-of-bounds", {"stack-buffer-overflow", "stack-buffer-underflow", "dynamic-stack-buffer-overflow"}, {}},
      {"global-buffer-overflow", "a read or write past a global or static array", "AddressSanitizer", "out-of-bounds",
       {"global-buffer-overflow"}, {}},
      {"index-out-of-bounds", "an array index past the array's end, caught before the access (which memory it is, "
                              "and whether a read or a write, is not said)",
       "UndefinedBehaviorSanitizer (bounds)", "out-of-bounds", {}, {"out of bounds for type"}},
      {"guard-page-overflow", "a read or write past a buffer the harness passed, caught by the guard page behind it "
                              "(libraries without ASan)", "the guarded arena (a SEGV in it)", "out-of-bounds", {}, {}},
      {"stack-overflow", "the stack ran out (unbounded recursion)", "AddressSanitizer", "stack-overflow",
       {"stack-overflow"}, {}},
      {"null-deref", "a read or write through a NULL pointer (or a non-zero offset from one)",
       "AddressSanitizer (SEGV in the first page, not a Rust dangling pointer), UndefinedBehaviorSanitizer",
       "null-deref", {},
       {"load of null pointer", "store to null pointer", "member access within null pointer",
        "reference binding to null pointer", "applying non-zero offset", "null pointer passed as argument"}},
      {"wild-access", "a read or write of an address that is no object at all", "AddressSanitizer (SEGV, BUS)",
       "wild-access", {"SEGV", "BUS", "unknown-crash"}, {}},
      {"undefined-behavior", "C undefined behaviour: signed overflow, misaligned load, bad shift, division by zero, "
                             "arithmetic on a NULL pointer, overlapping copies",
       "UndefinedBehaviorSanitizer", "undefined-behavior",
       {"FPE", "memcpy-param-overlap", "strcpy-param-overlap", "strncpy-param-overlap", "strcat-param-overlap",
        "memmove-param-overlap"},
       {}},
      {"rust-panic", "a Rust panic that reached the C ABI boundary", "the Rust runtime's panic message", "rust-panic",
       {}, {}},
      {"abort", "the library aborted (an assert, abort())", "libFuzzer's deadly-signal handler", "abort", {"ABRT"}, {}},
      {"exit", "the library ended the process during a call (exit, _exit, _Exit, quick_exit, or silently)",
       "ffifuzz's exit guard; the campaign, for a process that vanished mid-input", "exit", {}, {}},
      {"timeout", "a call did not return within the time limit (-timeout, 10 s)", "libFuzzer", "timeout", {}, {}},
      {"out-of-memory", "one allocation over the limit, or the process's memory over its limit",
       "libFuzzer (-malloc_limit_mb, -rss_limit_mb), AddressSanitizer", "out-of-memory",
       {"requested allocation size", "allocation-size-too-big", "out of memory", "allocator is out of memory",
        "calloc-overflow", "reallocarray-overflow", "pvalloc-overflow"},
       {}},
      {"layout-mismatch", "a struct's layout in the binary is not the header's (size, field offsets)",
       "ffifuzz check (DWARF); ffifuzz's post-call check of returned structs", "layout-mismatch", {}, {}},
      {"signature-mismatch", "a function's parameters or result in the binary are not the header's", "ffifuzz check",
       "signature-mismatch", {}, {}},
      {"missing-symbol", "a function the header declares is not exported by the library", "ffifuzz check",
       "missing-symbol", {}, {}},
      {"ffi-unsafe-type", "a Rust type with no C layout crosses the boundary", "ffifuzz check", "ffi-unsafe-type", {},
       {}},
      {"contract-violation", "the library broke its contract (a value it promised, an object it must not keep)",
       "ffifuzz's post-call checks", "contract-violation", {}, {}},
  };
  return classes;
}

const FindingClass* find_finding_class(std::string_view name) {
  for (const FindingClass& c : finding_classes())
    if (name == c.name) return &c;
  return nullptr;
}

std::string_view fault_of(std::string_view name) {
  const FindingClass* c = find_finding_class(name);
  return c ? std::string_view(c->fault) : name;
}

}  // namespace ffifuzz::report
