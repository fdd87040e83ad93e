// program/hints: comparison hints — the library's own comparisons steer argument values.
// Job: given the operands of the comparisons the library made during each call of a program
// (SanitizerCoverage's trace-cmp callbacks, recorded by driver/compare_log), find the call's
// slots whose value was one operand — an integer argument, a buffer's derived length or
// element count, an integer field of a struct the harness built (nested ones included), a
// magic number in a buffer's head — and put the other operand there (resizing the buffer when
// the slot is a derived length). A comparison reaches the calls before its own by distinctive
// values (a destructor, run at the final releases, checks a flag its constructor was given). The model is syzkaller's
// "hints": `if (len != expected) return error` teaches `len = expected` in one step, where
// value-profile feedback cannot, because no byte of the encoded program is a derived length.
// May depend on: program.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "program/program.h"
#include "program/random.h"

namespace ffifuzz::program {

// One comparison the library made: operands `a` and `b`, `size` bytes wide, during the
// call at index `call` of the program that ran (the program's length: its final releases).
struct Comparison {
  uint32_t call = 0;
  uint8_t size = 8;
  uint64_t a = 0;
  uint64_t b = 0;
};

// One way to apply a hint: slot `slot` of call `call` takes `value` (for a Length slot: its
// buffer is resized to `value` units; for a struct slot: bytes [offset, offset+width) of its
// image are set).
struct Hint {
  uint32_t call = 0;
  uint32_t slot = 0;
  uint64_t value = 0;
  uint32_t offset = 0;
  uint8_t width = 0;  // struct images only; 0 otherwise
};

// Every hint `comparisons` offer for `p`. A buffer grows at most to `max_bytes`.
std::vector<Hint> find_hints(const ApiPlan& plan, const model::ApiModel& api, std::span<const Comparison> comparisons,
                             const Program& p, size_t max_bytes);

// Applies one hint (its call and slot must be in `p`); the caller normalizes.
void apply_hint(const ApiPlan& plan, const Hint& hint, Program& p);

// Applies one hint of a comparison picked at random (a few comparisons are tried); false when
// none of those tried offers one.
bool apply_random_hint(const ApiPlan& plan, const model::ApiModel& api, Random& rng,
                       std::span<const Comparison> comparisons, Program& p, size_t max_bytes);

}  // namespace ffifuzz::program
