// program/mutate: program-level mutations and crossover, for LLVMFuzzerCustomMutator.
// Job: insert, remove, duplicate and swap calls; rewire a handle; change a value within its
// type; resize a buffer or string; toggle NULL where allowed; splice two programs. Bytes
// inside buffers, strings and struct images go through `ByteMutator` (libFuzzer's own
// LLVMFuzzerMutate in the fuzz loop), so its dictionary and comparison tables apply there.
// May depend on: program.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

#include "program/generate.h"

namespace ffifuzz::program {

// Mutates data[0, size) in place within max_size bytes; returns the new size.
using ByteMutator = std::function<size_t(uint8_t* data, size_t size, size_t max_size)>;

class Mutator {
 public:
  Mutator(const ApiPlan& plan, const model::ApiModel& api, ByteMutator bytes);

  // Applies one to three mutations; the result is normalized.
  void mutate(Random& rng, Program& p) const;
  // A prefix of `a` followed by a suffix of `b` (handles in the suffix rebind by index).
  Program crossover(Random& rng, const Program& a, const Program& b) const;
  // The same into `out`, reusing its storage.
  void crossover_into(Random& rng, const Program& a, const Program& b, Program& out) const;
  Generator& generator() { return gen_; }

 private:
  bool mutate_value(Random& rng, Program& p) const;
  void mutate_bytes(Random& rng, std::vector<uint8_t>& bytes, bool resize) const;

  const ApiPlan& plan_;
  const model::ApiModel& api_;
  Generator gen_;
  ByteMutator bytes_;
};

}  // namespace ffifuzz::program
