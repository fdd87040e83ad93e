#include "program/image.h"

#include <cstring>

#include "program/plan.h"
#include "program/values.h"

namespace ffifuzz::program {
namespace {

using model::TypeKind;

// Marks the bytes that carry values; pointers are normalized (zeroed) here and not marked.
void fix(const model::ApiModel& api, model::TypeId id, uint8_t* image, std::vector<bool>& used, size_t base) {
  const model::Type& t = api.type(id);
  auto mark = [&](size_t from, size_t n) {
    for (size_t i = from; i < from + n && i < used.size(); ++i) used[i] = true;
  };
  switch (t.kind) {
    case TypeKind::Bool:
      image[base] &= 1;
      mark(base, 1);
      break;
    case TypeKind::Int:
    case TypeKind::Float:
    case TypeKind::LongDouble:
      mark(base, t.size);
      break;
    case TypeKind::Enum: {
      Slot s;
      s.value_type = id;
      uint64_t v = 0;
      size_t n = std::min<size_t>(t.size, 8);
      std::memcpy(&v, image + base, n);
      v = normalize_int(api, s, v);
      std::memcpy(image + base, &v, n);
      mark(base, t.size);
      break;
    }
    case TypeKind::Pointer:
      std::memset(image + base, 0, t.size);
      break;
    case TypeKind::Array: {
      const model::Type& e = api.type(t.element);
      for (uint64_t i = 0; i < t.count && e.size; ++i) fix(api, t.element, image, used, base + i * e.size);
      break;
    }
    case TypeKind::Struct:
    case TypeKind::Union:
      for (const model::Field& f : t.fields) {
        if (f.bit_width) {
          write_field(api, f, image + base, read_field(api, f, image + base));
          size_t first = base + f.offset_bits / 8, last = base + (f.offset_bits + f.bit_width - 1) / 8;
          mark(first, last - first + 1);
        } else {
          fix(api, f.type, image, used, base + f.offset_bits / 8);
        }
      }
      break;
    default:
      mark(base, t.size);  // unknown: keep as is
  }
}

}  // namespace

uint64_t read_field(const model::ApiModel& api, const model::Field& f, const uint8_t* record) {
  const model::Type& t = api.type(f.type);
  if (f.bit_width == 0) {
    uint64_t v = 0;
    std::memcpy(&v, record + f.offset_bits / 8, std::min<size_t>(t.size, 8));
    if (t.is_signed && t.size < 8 && (v >> (t.size * 8 - 1)) & 1) v |= ~uint64_t{0} << (t.size * 8);
    return v;
  }
  uint64_t v = 0;
  for (uint32_t i = 0; i < f.bit_width; ++i) {
    uint64_t bit = f.offset_bits + i;
    v |= uint64_t{(record[bit / 8] >> (bit % 8)) & 1u} << i;
  }
  if (t.is_signed && f.bit_width < 64 && (v >> (f.bit_width - 1)) & 1) v |= ~uint64_t{0} << f.bit_width;
  return v;
}

void write_field(const model::ApiModel& api, const model::Field& f, uint8_t* record, uint64_t bits) {
  const model::Type& t = api.type(f.type);
  if (f.bit_width == 0) {
    std::memcpy(record + f.offset_bits / 8, &bits, std::min<size_t>(t.size, 8));
    return;
  }
  for (uint32_t i = 0; i < f.bit_width; ++i) {
    uint64_t bit = f.offset_bits + i;
    uint8_t mask = static_cast<uint8_t>(1u << (bit % 8));
    if ((bits >> i) & 1) record[bit / 8] |= mask;
    else record[bit / 8] &= static_cast<uint8_t>(~mask);
  }
}

void canonicalize_image(const model::ApiModel& api, model::TypeId type, uint8_t* image) {
  const model::Type& t = api.type(type);
  std::vector<bool> used(t.size, false);
  fix(api, type, image, used, 0);
  for (size_t i = 0; i < used.size(); ++i)
    if (!used[i]) image[i] = 0;
}

}  // namespace ffifuzz::program
