#include "driver/decoded_inputs.h"

#include <cstring>

namespace ffifuzz::driver {
namespace {

uint64_t fnv1a(const uint8_t* data, size_t size) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < size; ++i) h = (h ^ data[i]) * 0x100000001b3ull;
  return h;
}

}  // namespace

DecodedInputs::Entry& DecodedInputs::entry_for(const uint8_t* data, size_t size, uint64_t& hash) {
  hash = fnv1a(data, size);
  return entries_[hash % entries_.size()];
}

bool DecodedInputs::holds(const Entry& e, const uint8_t* data, size_t size, uint64_t hash) {
  return e.valid && e.hash == hash && e.bytes.size() == size && (size == 0 || std::memcmp(e.bytes.data(), data, size) == 0);
}

const program::Program& DecodedInputs::fill(Entry& e, const uint8_t* data, size_t size, uint64_t hash) {
  e.valid = false;  // stays invalid if decode throws
  decode_(data, size, e.program);
  e.bytes.assign(data, data + size);
  e.hash = hash;
  e.valid = true;
  return e.program;
}

const program::Program& DecodedInputs::get(const uint8_t* data, size_t size) {
  if (size > kLongestKept) {
    decode_(data, size, uncached_);
    return uncached_;
  }
  uint64_t h = 0;
  Entry& e = entry_for(data, size, h);
  return holds(e, data, size, h) ? e.program : fill(e, data, size, h);
}

const program::Program& DecodedInputs::get_keeping(const uint8_t* data, size_t size, const program::Program& keep) {
  uint64_t h = 0;
  Entry& e = size > kLongestKept ? entries_[0] : entry_for(data, size, h);
  if (size <= kLongestKept && holds(e, data, size, h)) return e.program;
  if (size > kLongestKept || &e.program == &keep) {
    decode_(data, size, &uncached_ == &keep ? second_ : uncached_);
    return &uncached_ == &keep ? second_ : uncached_;
  }
  return fill(e, data, size, h);
}

}  // namespace ffifuzz::driver
