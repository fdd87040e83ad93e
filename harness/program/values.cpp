#include "program/values.h"

#include <cctype>
#include <cmath>
#include <limits>

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
  const bool is_float = api.type(slot.value_type).size == 4;
  if (is_float) bits &= 0xffffffffu;
  if (!slot.real_range) return bits;
  double d;
  if (is_float) {
    float f;
    const uint32_t u = static_cast<uint32_t>(bits);
    std::memcpy(&f, &u, 4);
    d = f;
  } else {
    std::memcpy(&d, &bits, 8);
  }
  const double lo = slot.real_range->min, hi = slot.real_range->max;
  if (d >= lo && d <= hi) return bits;  // NaN is in no range
  // Anything else lands inside, spread by how far out it was; NaN and infinities at the bottom.
  const double span = hi - lo;
  double inside = std::isfinite(d) && std::isfinite(span) && span > 0 ? lo + std::fmod(std::fabs(d - lo), span) : lo;
  if (!is_float) return float_bits(inside, false);
  float f = static_cast<float>(inside);  // rounding may step just outside a bound float cannot hold
  if (f > hi) f = std::nextafter(f, -std::numeric_limits<float>::infinity());
  if (f < lo) f = std::nextafter(f, std::numeric_limits<float>::infinity());
  return float_bits(f, true);
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
  for_each_string(bytes, [&](size_t at, size_t n) { strings.emplace_back(bytes.begin() + at, bytes.begin() + at + n); });
  return strings;
}

size_t count_strings(const std::vector<uint8_t>& bytes) {
  size_t n = 0;
  for_each_string(bytes, [&](size_t, size_t) { ++n; });
  return n;
}

}  // namespace ffifuzz::program
