// program/program: a call program — a bounded sequence of calls with typed argument values.
// Job: the data every program operation (generate, mutate, codec, text form, minimize) and
// execution share. A program is always interpreted against an ApiPlan: argument i of a call
// fills slot i of its function's plan.
// May depend on: program/plan.
#pragma once

#include <cstdint>
#include <vector>

#include "program/plan.h"

namespace ffifuzz::program {

// Limits that keep every program cheap to run and every decode bounded.
inline constexpr size_t kMaxCalls = 24;
// One buffer or string: at most kMaxBytes (plan.h); generation and mutation stop at the
// plan's max_buffer_bytes.
inline constexpr uint8_t kCodecVersion = 1;

// One argument value. What is meaningful depends on the slot's kind:
//   Int, Float   bits: the value (two's complement / IEEE bits), normalized to the type
//   Record       bytes: the struct's image (sizeof bytes); the executor fixes up bools,
//                enums and pointers inside it so that the value is valid for the type
//   CString      bytes: the characters (no NUL; the executor terminates)
//   Buffer       bytes: the contents; the partner Length slot is derived from its size
//   Length       nothing (derived)
//   Handle       bits: which earlier result of the slot's handle key (an index, taken
//                modulo the number available when the call runs)
//   Object       bytes: the pointee's image, like Record
//   Out          nothing: zeroed storage of the pointee's size
// is_null: pass NULL (only where the slot is nullable).
// program/storage copies Arg and Call field by field: a new field goes there too.
struct Arg {
  bool is_null = false;
  uint64_t bits = 0;
  std::vector<uint8_t> bytes;
  bool operator==(const Arg&) const = default;
};

struct Call {
  uint32_t fn = 0;  // index into ApiPlan::functions
  std::vector<Arg> args;
  bool operator==(const Call&) const = default;
};

struct Program {
  std::vector<Call> calls;
  bool operator==(const Program&) const = default;
};

// Brings a program back within what the plan allows after any edit: function indexes in
// range, one Arg per slot, NULL only where nullable, sizes within limits, values within
// their type. Generation, decoding and mutation all end with it, so execution never sees
// an invalid program.
void normalize(const ApiPlan& plan, const model::ApiModel& api, Program& program);

}  // namespace ffifuzz::program
