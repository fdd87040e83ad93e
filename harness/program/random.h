// program/random: the source of randomness for generation and mutation.
// A small deterministic generator (splitmix64): the same seed gives the same programs, so
// that fuzz runs with a fixed -seed are reproducible.
#pragma once

#include <cstdint>

namespace ffifuzz::program {

class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n); n > 0.
  uint64_t below(uint64_t n) { return next() % n; }
  // True with probability 1/n.
  bool one_in(uint64_t n) { return below(n) == 0; }

 private:
  uint64_t state_;
};

}  // namespace ffifuzz::program
