// driver/decoded_inputs: the programs of recent inputs, decoded once.
// Job: libFuzzer hands the custom mutator and the crossover the same corpus inputs again and
// again (with a custom crossover, half of its mutations are crossovers, each reading two
// inputs), and a text-form seed would be parsed anew every time. A small direct-mapped cache
// keyed by the input's bytes keeps their programs: a hit costs a hash and a compare, no
// decode and no allocation. Bytes are compared whole, so a hit is always the input's own
// program (a wrong one would make a finding's input replay as something else).
// May depend on: program.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "program/program.h"

namespace ffifuzz::driver {

class DecodedInputs {
 public:
  using Decode = std::function<void(const uint8_t* data, size_t size, program::Program& out)>;
  explicit DecodedInputs(Decode decode) : decode_(std::move(decode)) {}

  // The program of data[0, size): kept from an earlier call, or decoded now (and kept when
  // the input is short enough). Valid until the next call.
  const program::Program& get(const uint8_t* data, size_t size);
  // The same, leaving `keep` (a program an earlier get returned) valid: when both inputs
  // fall on one entry, this one is decoded outside the cache.
  const program::Program& get_keeping(const uint8_t* data, size_t size, const program::Program& keep);

 private:
  // Inputs longer than this are decoded every time: a few long ones would hold most of the
  // memory a cache of short ones needs.
  static constexpr size_t kLongestKept = 8192;
  struct Entry;
  Entry& entry_for(const uint8_t* data, size_t size, uint64_t& hash);
  static bool holds(const Entry& e, const uint8_t* data, size_t size, uint64_t hash);
  const program::Program& fill(Entry& e, const uint8_t* data, size_t size, uint64_t hash);
  struct Entry {
    bool valid = false;
    uint64_t hash = 0;
    std::vector<uint8_t> bytes;
    program::Program program;
  };
  Decode decode_;
  std::array<Entry, 128> entries_;
  program::Program uncached_;
  program::Program second_;  // get_keeping's, when `keep` is uncached_
};

}  // namespace ffifuzz::driver
