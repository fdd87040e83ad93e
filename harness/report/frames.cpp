#include "report/frames.h"

#include <cctype>

namespace ffifuzz::report {
namespace {

bool contains(const std::string& s, const std::string& needle) { return s.find(needle) != std::string::npos; }

}  // namespace

bool is_machinery(const StackFrame& f) {
  static const char* kMachinery[] = {"__asan", "__interceptor", "__sanitizer", "__lsan", "__ubsan", "malloc", "calloc",
                                     "realloc", "free", "abort", "raise", "core::panicking", "std::panicking",
                                     "core::panic", "std::panic", "rust_panic", "__rust", "alloc::alloc",
                                     "__GI_", "__libc", "__pthread", "ffifuzz::", "fuzzer::", "ffi_call",
                                     // libc's assert and its way to abort
                                     "__assert_fail", "__assert_perror_fail", "pthread_kill", "gsignal",
                                     // the harness's C checks and an emitted reproducer's runtime
                                     "ffz_"};
  for (const char* m : kMachinery)
    if (f.function.rfind(m, 0) == 0 || contains(f.function, std::string(" ") + m)) return true;
  // Rust's standard library, inlined into the library's own code, is not the library's code.
  if (f.location.rfind("/rustc/", 0) == 0) return true;
  for (const char* prefix : {"<alloc::", "<core::", "<std::", "alloc::", "core::", "std::", "__rustc::"})
    if (f.function.rfind(prefix, 0) == 0) return true;
  // A program's own entry (the harness, an emitted reproducer) is never the library's, nor
  // are the exit guards of either (exec/process_guard, an emitted reproducer's runtime).
  for (const char* own : {"main", "_start", "exit", "_exit", "_Exit", "quick_exit"})
    if (f.function == own) return true;
  // A stripped library's code symbolizes as the nearest symbol the ELF still has, its
  // _init or _fini: a name that says nothing, and would make every such stack one key.
  if (f.function == "_init" || f.function == "_fini") return true;
  return f.function.empty();
}

bool in_library(const StackFrame& f, const ClassifyContext& ctx) {
  if (is_machinery(f)) return false;
  if (ctx.library_path.empty()) return true;
  if (contains(f.location, ctx.library_path)) return true;
  auto base = [](const std::string& path) { return path.substr(path.rfind('/') + 1); };
  if (!f.module.empty() && base(f.module) == base(ctx.library_path)) return true;
  // Symbolized frames name a source file instead of the module: the harness's own sources
  // are machinery (above), so a .rs or .c file is the library's.
  return contains(f.location, ".rs:") || contains(f.location, ".c:");
}

bool is_allocator_wrapper(const std::string& function) {
  std::string name = short_name(function);
  for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (const char* word : {"malloc", "calloc", "realloc", "strdup", "strndup", "memdup"})
    if (contains(name, word)) return true;
  return name.size() >= 5 && name.compare(name.size() - 5, 5, "alloc") == 0;  // xalloc, pool_alloc
}

std::string stable_name(std::string f) {
  size_t paren = f.find('(');
  if (paren != std::string::npos && paren > 0) f = f.substr(0, paren);
  size_t hash = f.rfind("::h");
  if (hash != std::string::npos && f.size() - hash == 19) f = f.substr(0, hash);
  return f;
}

std::string short_name(std::string f) {
  f = stable_name(std::move(f));
  size_t colon = f.rfind("::");
  return colon == std::string::npos ? f : f.substr(colon + 2);
}

}  // namespace ffifuzz::report
