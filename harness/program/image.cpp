#include "program/image.h"

#include <algorithm>
#include <cstring>

#include "program/plan.h"
#include "program/values.h"

namespace ffifuzz::program {
namespace {

using model::TypeKind;

// Walks the type once, recording what canonicalizing an image of it means.
void describe(const model::ApiModel& api, model::TypeId id, uint64_t base, ImageLayout& out) {
  const model::Type& t = api.type(id);
  auto keep = [&](uint64_t from, uint64_t n) {
    for (uint64_t i = from; i < from + n && i < out.keep.size(); ++i) out.keep[i] = 0xFF;
  };
  switch (t.kind) {
    case TypeKind::Bool:
      out.bools.push_back(base);
      keep(base, 1);
      break;
    case TypeKind::Enum:
      out.enums.push_back({base, id});
      keep(base, t.size);
      break;
    case TypeKind::Pointer:
      // Zeroed: the executor points pointers at memory of its own, callbacks at its stub.
      if (t.pointee != model::kNoType && api.type(t.pointee).kind == TypeKind::Function) out.callbacks.push_back(base);
      else out.pointers.push_back(base);
      break;
    case TypeKind::Array: {
      const model::Type& e = api.type(t.element);
      for (uint64_t i = 0; i < t.count && e.size; ++i) describe(api, t.element, base + i * e.size, out);
      break;
    }
    case TypeKind::Struct:
    case TypeKind::Union:
      for (const model::Field& f : t.fields) {
        if (f.bit_width) {
          model::Field at = f;
          at.offset_bits += base * 8;
          out.bitfields.push_back(at);
          uint64_t first = at.offset_bits / 8, last = (at.offset_bits + f.bit_width - 1) / 8;
          keep(first, last - first + 1);
        } else {
          describe(api, f.type, base + f.offset_bits / 8, out);
        }
      }
      break;
    default:
      keep(base, t.size);  // integers, floats, anything else: kept as is
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

ImageLayout image_layout(const model::ApiModel& api, model::TypeId type) {
  ImageLayout layout;
  layout.type = type;
  layout.keep.assign(api.type(type).size, 0);
  describe(api, type, 0, layout);
  layout.identity = layout.bools.empty() && layout.enums.empty() && layout.bitfields.empty();
  for (uint8_t k : layout.keep) layout.identity &= k == 0xFF;
  return layout;
}

void canonicalize_image(const model::ApiModel& api, const ImageLayout& layout, uint8_t* image) {
  if (layout.identity) return;
  for (size_t i = 0; i < layout.keep.size(); ++i) image[i] &= layout.keep[i];
  for (uint64_t at : layout.bools) image[at] &= 1;
  for (const ImageLayout::EnumAt& e : layout.enums) {
    Slot s;
    s.value_type = e.type;
    size_t n = std::min<size_t>(api.type(e.type).size, 8);
    uint64_t v = 0;
    std::memcpy(&v, image + e.offset, n);
    v = normalize_int(api, s, v);
    std::memcpy(image + e.offset, &v, n);
  }
  // Bits of a bitfield's bytes that belong to no field are padding: rewrite each field so
  // only its own bits survive (the byte mask kept whole bytes).
  if (!layout.bitfields.empty()) {
    std::vector<uint64_t> values;
    for (const model::Field& f : layout.bitfields) values.push_back(read_field(api, f, image));
    for (const model::Field& f : layout.bitfields) {
      uint64_t first = f.offset_bits / 8, last = (f.offset_bits + f.bit_width - 1) / 8;
      for (uint64_t i = first; i <= last; ++i) image[i] = 0;
    }
    for (size_t i = 0; i < layout.bitfields.size(); ++i) write_field(api, layout.bitfields[i], image, values[i]);
    // Bytes shared with ordinary fields were zeroed above only if they are bitfield bytes;
    // ordinary fields never share bytes with bitfields in C layouts.
  }
  for (const ImageLayout::FixedAt& f : layout.fixed) std::memcpy(image + f.offset, &f.value, std::min<uint64_t>(f.size, 8));
}

void fix_fields(ImageLayout& layout, std::vector<ImageLayout::FixedAt> fixed) {
  layout.fixed = std::move(fixed);
  // A pointer field with a fixed value (NULL, most often) keeps it: it is not pointed at
  // memory of the executor's.
  for (const ImageLayout::FixedAt& f : layout.fixed)
    layout.pointers.erase(std::remove(layout.pointers.begin(), layout.pointers.end(), f.offset), layout.pointers.end());
  if (!layout.fixed.empty()) layout.identity = false;
}

void canonicalize_image(const model::ApiModel& api, model::TypeId type, uint8_t* image) {
  canonicalize_image(api, image_layout(api, type), image);
}

}  // namespace ffifuzz::program
