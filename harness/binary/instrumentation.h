// binary/instrumentation: which sanitizers and coverage a library was built with, from the
// runtime symbols it imports. Fuzzing without SanitizerCoverage is blind, and an
// ASan-instrumented library is best given heap buffers that ASan watches.
#pragma once

#include <string>

namespace ffifuzz::binary {

struct Instrumentation {
  bool sanitizer_coverage = false;  // imports __sanitizer_cov_* (inline 8-bit counters, trace-cmp)
  bool trace_compares = false;      // imports __sanitizer_cov_trace_cmp*
  bool address_sanitizer = false;   // imports __asan_*
  bool undefined_sanitizer = false; // imports __ubsan_*
};

// Throws InputError like read_binary for files that are not loadable ELF libraries.
Instrumentation read_instrumentation(const std::string& path);

}  // namespace ffifuzz::binary
