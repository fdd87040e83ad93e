#include "check/c_layout_rules.h"

#include <algorithm>
#include <numeric>
#include <vector>

namespace ffifuzz::check {
namespace {

uint64_t align_up(uint64_t n, uint64_t align) { return align ? (n + align - 1) / align * align : n; }

}  // namespace

LayoutVerdict judge_layout(const model::BinaryRecord& r) {
  if (r.kind == model::RecordKind::Enum) return {};
  for (const model::BinaryMember& m : r.members)
    if (m.bit_size || m.align == 0 || m.offset_bits % 8) return {};

  for (const model::BinaryMember& m : r.members)
    if ((m.offset_bits / 8) % m.align != 0)
      return {LayoutShape::Packed, "field `" + m.name + "` at offset " + std::to_string(m.offset_bits / 8) +
                                       " is not aligned to its " + std::to_string(m.align) + " bytes"};

  uint64_t align = std::max<uint64_t>(r.align, 1);
  for (const model::BinaryMember& m : r.members) align = std::max(align, m.align);

  if (r.kind == model::RecordKind::Union) {
    uint64_t largest = 0;
    for (const model::BinaryMember& m : r.members) {
      if (m.offset_bits != 0)
        return {LayoutShape::OtherThanC, "field `" + m.name + "` at offset " + std::to_string(m.offset_bits / 8) +
                                             " where C rules put every union member at 0"};
      largest = std::max(largest, m.size);
    }
    if (r.size != align_up(largest, align))
      return {LayoutShape::OtherThanC, "size " + std::to_string(r.size) + " where C rules give " +
                                           std::to_string(align_up(largest, align))};
    return {LayoutShape::CRules, ""};
  }

  // Declaration order against memory order.
  std::vector<size_t> by_offset(r.members.size());
  std::iota(by_offset.begin(), by_offset.end(), 0);
  std::stable_sort(by_offset.begin(), by_offset.end(),
                   [&](size_t a, size_t b) { return r.members[a].offset_bits < r.members[b].offset_bits; });
  for (size_t i = 0; i < by_offset.size(); ++i) {
    if (by_offset[i] == i) continue;
    std::string order;
    for (size_t k : by_offset) order += (order.empty() ? "" : ", ") + r.members[k].name;
    return {LayoutShape::Reordered, order};
  }

  uint64_t offset = 0;
  for (const model::BinaryMember& m : r.members) {
    offset = align_up(offset, m.align);
    if (m.offset_bits / 8 != offset)
      return {LayoutShape::OtherThanC, "field `" + m.name + "` at offset " + std::to_string(m.offset_bits / 8) +
                                           " where C rules put it at " + std::to_string(offset)};
    offset += m.size;
  }
  if (r.size != align_up(offset, align))
    return {LayoutShape::OtherThanC,
            "size " + std::to_string(r.size) + " where C rules give " + std::to_string(align_up(offset, align))};
  return {LayoutShape::CRules, ""};
}

}  // namespace ffifuzz::check
