// program/values: what a valid value of a type is.
// Job: normalize raw bits into a value the type allows (width, signedness, bool, declared
// enum values, contract ranges) and tell how many bytes a value takes in the encoding.
// May depend on: model, program/plan.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "program/plan.h"

namespace ffifuzz::program {

// Size in bytes of an Int or Float slot's value.
uint64_t scalar_size(const model::ApiModel& api, const Slot& slot);

// The nearest valid value for an Int slot; idempotent. Signed values are kept sign-extended
// to 64 bits.
uint64_t normalize_int(const model::ApiModel& api, const Slot& slot, uint64_t bits);

// The bits of `d` as the slot's type stores it: a float's 32 bits, or a double's 64.
uint64_t float_bits(double d, bool is_float);

// Truncates to the float's width (float: low 32 bits).
uint64_t normalize_float(const model::ApiModel& api, const Slot& slot, uint64_t bits);

// The file name a path slot's bytes stand for, inside the scratch folder: letters, digits,
// '.', '_' and '-' kept, anything else (a '/' above all) made '_', at most 64 characters,
// never "", "." or "..". The executor and emit-c both name files with it.
std::string path_name(const std::vector<uint8_t>& bytes);

// A Strings argument's strings: its bytes, each string ended by a NUL: "ab\0cd\0" is
// {"ab", "cd"}, "ab\0\0" is {"ab", ""}, no bytes no strings (normalize ends the last string;
// a missing last NUL is read as if it were there).
// The Length partner of a Strings slot is their count.
std::vector<std::vector<uint8_t>> split_strings(const std::vector<uint8_t>& bytes);
size_t count_strings(const std::vector<uint8_t>& bytes);
// The same strings as (offset, length) in `bytes`, without a copy: for the execution path.
template <class Visit>
void for_each_string(const std::vector<uint8_t>& bytes, Visit visit) {
  size_t start = 0;
  for (size_t i = 0; i < bytes.size(); ++i)
    if (bytes[i] == 0) {
      visit(start, i - start);
      start = i + 1;
    }
  if (start < bytes.size()) visit(start, bytes.size() - start);
}

}  // namespace ffifuzz::program
