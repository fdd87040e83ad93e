// program/generate: new programs and new values, biased toward what finds bugs.
// Job: integers at boundaries (0, ±1, min, max, powers of two ±1, sizes of the header's
// structs), special floats, empty/long/non-UTF-8 strings, buffers of telling sizes, and call
// sequences in which constructors come before the users and releasers of their handles.
// May depend on: program.
#pragma once

#include <algorithm>
#include <cstdint>

#include "program/program.h"
#include "program/random.h"

namespace ffifuzz::program {

class Generator {
 public:
  Generator(const ApiPlan& plan, const model::ApiModel& api);

  Program program(Random& rng) const;
  // One program per function calling it once with typical values (after the constructors
  // of the handles it needs): the starting corpus when the user gives none.
  std::vector<Program> seeds() const;
  // Per kind of handle and constructor: construct, use it with every function that takes
  // it, release it. Named by the constructor.
  std::vector<std::pair<std::string, Program>> chains() const;
  // Appends `fn` to the program, preceded by producers of the handles it needs when the
  // program has none yet (bounded depth).
  void append_call(Random& rng, Program& p, uint32_t fn, int depth = 0) const;
  Arg value(Random& rng, const Slot& slot) const;
  // The same into `a`, which must hold the default value (its storage is reused).
  void value_into(Random& rng, const Slot& slot, Arg& a) const;
  uint64_t interesting_int(Random& rng, const Slot& slot) const;
  uint64_t interesting_float(Random& rng, const Slot& slot) const;
  std::vector<uint8_t> interesting_bytes(Random& rng, bool cstring) const;
  // Values the library is known to compare against (from its code): integers are drawn
  // from them too, which is how magic values in an uninstrumented library are reached.
  void set_constants(std::vector<uint64_t> constants) { constants_ = std::move(constants); }
  // Writes one of those constants (little-endian, 4 or 8 bytes) into a buffer, at its start
  // or at an aligned offset: magic numbers are as often checked in data as in arguments.
  bool splice_constant(Random& rng, std::vector<uint8_t>& bytes) const;
  // The most bytes a buffer made now may have: the plan's bound, or less while libFuzzer's
  // length control keeps inputs short (a buffer longer than the input may be is wasted work).
  void bound_buffers(size_t bytes) { buffer_bound_ = bytes; }
  size_t max_buffer_bytes() const { return std::min(plan_.max_buffer_bytes, buffer_bound_); }
  // The most calls a program made or grown now may have: kMaxCalls, or fewer while the
  // driver's length control keeps programs short (driver/length_control.h).
  void bound_calls(size_t calls) { call_bound_ = calls; }
  size_t max_calls() const { return std::min(kMaxCalls, call_bound_); }

 private:
  Call typical_call(uint32_t fn) const;

  const ApiPlan& plan_;
  const model::ApiModel& api_;
  std::vector<uint64_t> struct_sizes_;  // sizeof of every complete struct in the header
  std::vector<uint64_t> constants_;
  size_t buffer_bound_ = SIZE_MAX;
  size_t call_bound_ = SIZE_MAX;
};

}  // namespace ffifuzz::program
