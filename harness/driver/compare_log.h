// driver/compare_log: the library's comparisons, call by call, for comparison hints
// (program/hints.h).
// Job: route the library's calls of SanitizerCoverage's trace-cmp callbacks through ffifuzz
// (its imports of them are re-pointed in its GOT, so only the library's comparisons are
// seen, never the harness's), record each one's operands under the program call that made
// it, and go on to the callback the process provides (libFuzzer's value profile and
// comparison tables, AFL++'s cmplog) by a tail call, so that the callback still sees the
// library's call site as its caller and keeps one feature per comparison.
// May depend on: program (Comparison), driver/elf_sections.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "program/hints.h"

namespace ffifuzz::driver {

// Starts recording for the loaded library `lib`. False when it imports no trace-cmp
// callback (built without -fsanitize-coverage=trace-cmp) or its imports cannot be re-pointed.
bool start_compare_log(const std::string& lib);

// A program starts: forgets the last one's comparisons; `input` is its input, so that the
// mutator can tell whether the log is about the input it mutates.
void compare_log_begin(const uint8_t* input, size_t size);
// Around each call the executor makes: its index in the program before, SIZE_MAX after.
void compare_log_call(size_t call_index);
// The comparisons of the last program, when `input` is the input it ran; else none.
std::span<const program::Comparison> compare_log_for(const uint8_t* input, size_t size);

}  // namespace ffifuzz::driver
