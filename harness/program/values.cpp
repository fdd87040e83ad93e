#include "program/values.h"

#include <cctype>

#include <cstring>

namespace ffifuzz::program {

using model::TypeKind;

uint64_t scalar_size(const model::ApiModel& api, const Slot& slot) {
  const model::Type& t = api.type(slot.value_type);
  return t.size == 0 ? 1 : t.size;
}

static uint64_t truncate(uint64_t bits, uint64_t size, bool is_signed) {
  if (size >= 8) return bits;
  unsigned width = static_cast<unsigned>(size * 8);
  uint64_t mask = (uint64_t{1} << width) - 1;
  bits &= mask;
  if (is_signed && (bits >> (width - 1)) & 1) bits |= ~mask;
  return bits;
}

uint64_t normalize_int(const model::ApiModel& api, const Slot& slot, uint64_t bits) {
  const model::Type& t = api.type(slot.value_type);
  if (t.kind == TypeKind::Bool) return bits & 1;
  bool is_signed = t.is_signed;
  uint64_t size = t.size == 0 ? 4 : t.size;
  bits = truncate(bits, size, is_signed);
  if (t.kind == TypeKind::Enum && !slot.any_enum_value && !t.enumerators.empty()) {
    for (const model::Enumerator& e : t.enumerators)
      if (truncate(static_cast<uint64_t>(e.value), size, is_signed) == bits) return bits;
    const model::Enumerator& e = t.enumerators[bits % t.enumerators.size()];
    return truncate(static_cast<uint64_t>(e.value), size, is_signed);
  }
  if (slot.range) {
    int64_t lo = slot.range->min, hi = slot.range->max;
    if (is_signed) {
      int64_t v = static_cast<int64_t>(bits);
      if (v >= lo && v <= hi) return bits;
    } else if (bits >= static_cast<uint64_t>(lo) && bits <= static_cast<uint64_t>(hi)) {
      return bits;
    }
    uint64_t span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) + 1;
    uint64_t offset = span == 0 ? bits : bits % span;
    return truncate(static_cast<uint64_t>(lo) + offset, size, is_signed);
  }
  return bits;
}

uint64_t float_bits(double d, bool is_float) {
  if (is_float) {
    float f = static_cast<float>(d);
    uint32_t u;
    std::memcpy(&u, &f, 4);
    return u;
  }
  uint64_t u;
  std::memcpy(&u, &d, 8);
  return u;
}

uint64_t normalize_float(const model::ApiModel& api, const Slot& slot, uint64_t bits) {
  return api.type(slot.value_type).size == 4 ? (bits & 0xffffffffu) : bits;
}

std::string path_name(const std::vector<uint8_t>& bytes) {
  std::string name;
  for (uint8_t b : bytes) {
    if (b == 0 || name.size() == 64) break;  // the C string ends at its first NUL
    name += std::isalnum(b) || b == '.' || b == '_' || b == '-' ? static_cast<char>(b) : '_';
  }
  if (name.empty() || name == "." || name == "..") name = "f" + name;
  return name;
}

std::vector<std::vector<uint8_t>> split_strings(const std::vector<uint8_t>& bytes) {
  std::vector<std::vector<uint8_t>> strings;
  auto start = bytes.begin();
  for (auto it = bytes.begin(); it != bytes.end(); ++it)
    if (*it == 0) {
      strings.emplace_back(start, it);
      start = it + 1;
    }
  if (start != bytes.end()) strings.emplace_back(start, bytes.end());
  return strings;
}

}  // namespace ffifuzz::program
