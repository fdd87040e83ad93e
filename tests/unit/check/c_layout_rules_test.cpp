// judge_layout: the library's record against C layout rules for its own members.
#include <gtest/gtest.h>

#include "check/c_layout_rules.h"

namespace ffifuzz::check {
namespace {

model::BinaryRecord record(model::RecordKind kind, uint64_t size, uint64_t align,
                           std::vector<model::BinaryMember> members) {
  model::BinaryRecord r;
  r.kind = kind;
  r.name = r.qualified_name = "R";
  r.size = size;
  r.align = align;
  r.members = std::move(members);
  return r;
}

model::BinaryMember member(const std::string& name, uint64_t offset, uint64_t size, uint64_t align) {
  return {name, "t", offset * 8, size, 0, align};
}

TEST(CLayoutRules, CLayoutInDeclarationOrder) {
  // u8 at 0, u64 at 8, u8 at 16, 24 bytes: what C gives.
  auto v = judge_layout(record(model::RecordKind::Struct, 24, 8,
                               {member("tag", 0, 1, 1), member("value", 8, 8, 8), member("flags", 16, 1, 1)}));
  EXPECT_EQ(v.shape, LayoutShape::CRules);
}

TEST(CLayoutRules, RustReorderingIsReorderedWithTheMemoryOrder) {
  auto v = judge_layout(record(model::RecordKind::Struct, 16, 8,
                               {member("tag", 8, 1, 1), member("value", 0, 8, 8), member("flags", 9, 1, 1)}));
  EXPECT_EQ(v.shape, LayoutShape::Reordered);
  EXPECT_EQ(v.detail, "value, tag, flags");
}

TEST(CLayoutRules, MisalignedMemberIsPacked) {
  auto v = judge_layout(record(model::RecordKind::Struct, 9, 1, {member("tag", 0, 1, 1), member("value", 1, 8, 8)}));
  EXPECT_EQ(v.shape, LayoutShape::Packed);
  EXPECT_EQ(v.detail, "field `value` at offset 1 is not aligned to its 8 bytes");
}

TEST(CLayoutRules, InOrderButOtherOffsetsOrSizeIsNotC) {
  auto gap = judge_layout(record(model::RecordKind::Struct, 16, 4, {member("a", 0, 4, 4), member("b", 8, 4, 4)}));
  EXPECT_EQ(gap.shape, LayoutShape::OtherThanC);
  EXPECT_EQ(gap.detail, "field `b` at offset 8 where C rules put it at 4");
  auto tail = judge_layout(record(model::RecordKind::Struct, 12, 4, {member("a", 0, 4, 4), member("b", 4, 4, 4)}));
  EXPECT_EQ(tail.shape, LayoutShape::OtherThanC);
  EXPECT_EQ(tail.detail, "size 12 where C rules give 8");
}

TEST(CLayoutRules, StatedAlignmentRoundsTheSize) {
  // #[repr(C, align(16))]: C's size rounded to the stated alignment.
  auto v = judge_layout(record(model::RecordKind::Struct, 16, 16, {member("a", 0, 4, 4)}));
  EXPECT_EQ(v.shape, LayoutShape::CRules);
}

TEST(CLayoutRules, UnionMembersAllAtZero) {
  EXPECT_EQ(judge_layout(record(model::RecordKind::Union, 8, 8, {member("a", 0, 4, 4), member("b", 0, 8, 8)})).shape,
            LayoutShape::CRules);
}

TEST(CLayoutRules, BitfieldOrUnknownAlignmentCannotBeJudged) {
  auto bits = record(model::RecordKind::Struct, 4, 4, {member("a", 0, 4, 4)});
  bits.members[0].bit_size = 3;
  EXPECT_EQ(judge_layout(bits).shape, LayoutShape::Unknown);
  EXPECT_EQ(judge_layout(record(model::RecordKind::Struct, 4, 4, {member("a", 0, 4, 0)})).shape,
            LayoutShape::Unknown);
}

}  // namespace
}  // namespace ffifuzz::check
